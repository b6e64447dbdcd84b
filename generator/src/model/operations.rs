//! Operation pages: request templates, parameters, body, responses, permissions.

use super::prose;
use super::resources::{description, link_type, properties_from_table};
use super::typeref::{self, TypeName, TypeRef};
use super::{Operation, Permission, RequestBodyKind, RequestTemplate, ResponseDoc};
use crate::diagnostics::Diagnostic;
use crate::page::http::HttpBlock;
use crate::page::{Page, Paragraph};
use regex::Regex;
use std::sync::LazyLock;

static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{([^{}]+)\}|<([^<>]+)>|/\(([A-Za-z][A-Za-z0-9_-]*)\)(?:/|$)")
        .expect("valid regex")
});
static UNLINKED_PRIMITIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:an?|the)\s+`?(string|boolean|int32|int64|double|stream|binary|guid)`?\b(\s+collection)?\s+(?:object|value|in the response body|that)")
        .expect("valid regex")
});
static QUERY_OPTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\$[a-zA-Z]+").expect("valid regex"));
static HOST_AND_VERSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:https?://[^/]+)?(?:/(?:v1\.0|beta|v1))?(/|$)").expect("valid regex")
});

/// Splits a request target into (path, query): host and version prefix removed, a leading
/// `/` ensured, and the query split at the first `?` outside square brackets.
pub fn split_target(target: &str) -> (String, Option<String>) {
    let target = target.trim().trim_end_matches(" HTTP/1.1").trim();
    let target = target.trim_start_matches('~');
    let mut depth = 0i32;
    let mut split = None;
    for (i, c) in target.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            '?' if depth <= 0 => {
                split = Some(i);
                break;
            }
            _ => {}
        }
    }
    let (path, query) = match split {
        Some(i) => (&target[..i], Some(target[i + 1..].to_string())),
        None => (target, None),
    };
    let path = match HOST_AND_VERSION.find(path) {
        Some(m) if m.start() == 0 => format!("/{}", &path[m.end()..]),
        _ => format!("/{}", path.trim_start_matches('/')),
    };
    (path, query)
}

/// Placeholder names in a template, in order.
pub fn placeholders(path: &str) -> Vec<String> {
    PLACEHOLDER
        .captures_iter(path)
        .filter_map(|c| c.get(1).or_else(|| c.get(2)).or_else(|| c.get(3)))
        .map(|m| m.as_str().trim().to_string())
        .collect()
}

/// Paragraphs directly in the H2 section `h2` (not in its subsections).
fn section_paragraphs(page: &Page, h2: usize) -> impl Iterator<Item = &Paragraph> {
    page.paragraphs
        .iter()
        .filter(move |p| p.heading == Some(h2))
}

/// Reads an operation page.
pub fn operation(page: &Page, diagnostics: &mut Vec<Diagnostic>) -> Operation {
    let mut templates = Vec::new();
    for section in page.sections_starting("HTTP request") {
        for block in page
            .blocks
            .iter()
            .filter(|b| page.under(b.heading, section))
        {
            let Some(HttpBlock::Requests { requests, .. }) = &block.http else {
                continue;
            };
            for request in requests {
                let (path, query) = split_target(&request.target);
                templates.push(RequestTemplate {
                    method: request.method.clone(),
                    placeholders: placeholders(&path),
                    path,
                    query,
                    line: page.position(block.source_offset(request.offset)).0,
                });
            }
        }
    }
    let mut path_parameters: Vec<String> = Vec::new();
    for name in templates.iter().flat_map(|t| t.placeholders.iter()) {
        if !path_parameters.contains(name) {
            path_parameters.push(name.clone());
        }
    }
    let title = page.title();
    let (query_options, supports_odata_query) = query_options(page);
    let method = templates
        .first()
        .map(|t| t.method.clone())
        .unwrap_or_default();
    let body = request_body(page, &method, diagnostics);
    Operation {
        name: page
            .path
            .rsplit('/')
            .next()
            .unwrap_or(&page.path)
            .trim_end_matches(".md")
            .to_string(),
        title: title.map(|h| h.text.clone()).unwrap_or_default(),
        version: page.version,
        method,
        paths: templates.iter().map(|t| t.path.clone()).collect(),
        templates,
        path_parameters,
        query_options,
        supports_odata_query,
        request_headers: request_headers(page),
        request_body: body.kind,
        request_type: None,
        request_collection: body.collection,
        request_parameters: body.parameters,
        responses: responses(page),
        permissions: permissions(page),
        description: description(page),
        source: format!("{}:{}", page.path, title.map_or(1, |h| h.line)),
        request_type_ref: body.type_ref,
        request_type_guessed: body.guessed,
        page: page.path.clone(),
    }
}

fn query_options(page: &Page) -> (Vec<String>, bool) {
    let mut options: Vec<String> = Vec::new();
    let mut general = false;
    let sections: Vec<usize> = page
        .headings
        .iter()
        .enumerate()
        .filter(|(_, h)| {
            let t = h.text.to_ascii_lowercase();
            h.level == 2
                && (t.starts_with("optional query parameters") || t.starts_with("query parameters"))
        })
        .map(|(i, _)| i)
        .collect();
    let mut add = |name: &str| {
        if !name.is_empty() && !options.iter().any(|o| o == name) {
            options.push(name.to_string());
        }
    };
    for &section in &sections {
        for p in page
            .paragraphs
            .iter()
            .filter(|p| page.within(p.heading, section))
        {
            if p.text.contains("OData query parameters")
                || p.links
                    .iter()
                    .any(|l| l.target.contains("query-parameters"))
            {
                general = true;
            }
            for m in QUERY_OPTION.find_iter(&p.text) {
                add(m.as_str());
            }
        }
        for table in page
            .tables
            .iter()
            .filter(|t| page.within(t.heading, section))
        {
            let Some(column) = table.name_column() else {
                continue;
            };
            for row in &table.rows {
                if let Some(cell) = row.cells.get(column) {
                    let name = cell.text.split_whitespace().next().unwrap_or("");
                    add(name.trim_matches(['`', '*']));
                }
            }
        }
    }
    (options, general)
}

fn request_headers(page: &Page) -> Vec<String> {
    let mut headers: Vec<String> = Vec::new();
    for (index, heading) in page.headings.iter().enumerate() {
        let t = heading.text.to_ascii_lowercase();
        if !(t.contains("request headers")) {
            continue;
        }
        for table in page.tables.iter().filter(|t| t.heading == Some(index)) {
            let column = table.name_column().unwrap_or(0);
            for row in &table.rows {
                if let Some(cell) = row.cells.get(column) {
                    let name = cell
                        .text
                        .split_whitespace()
                        .next()
                        .unwrap_or("")
                        .trim_matches(['`', '*']);
                    if !name.is_empty() && !headers.iter().any(|h| h.eq_ignore_ascii_case(name)) {
                        headers.push(name.to_string());
                    }
                }
            }
        }
    }
    headers
}

/// What the Request body section says.
struct RequestBody {
    kind: RequestBodyKind,
    type_ref: Option<TypeRef>,
    parameters: Vec<super::Property>,
    /// The type is only guessed from the title.
    guessed: bool,
    /// The body is an array of the type ("supply an array of [x] objects").
    collection: bool,
}

fn request_body(page: &Page, method: &str, diagnostics: &mut Vec<Diagnostic>) -> RequestBody {
    let body = |kind, type_ref, parameters, guessed, collection| RequestBody {
        kind,
        type_ref,
        parameters,
        guessed,
        collection,
    };
    // `## Request body`, or `### Request body` under a task heading (not in the examples).
    let section = page
        .sections_starting("Request body")
        .into_iter()
        .find(|&s| {
            !page
                .h2_text(Some(s))
                .is_some_and(|h2| h2.to_ascii_lowercase().starts_with("example"))
        });
    let Some(section) = section else {
        let kind = if matches!(method, "GET" | "DELETE" | "") {
            RequestBodyKind::None
        } else {
            RequestBodyKind::Other
        };
        return body(kind, None, Vec::new(), false, false);
    };
    let mut parameters = Vec::new();
    for table in page
        .tables
        .iter()
        .filter(|t| page.under(t.heading, section))
    {
        parameters.extend(properties_from_table(page, table, false, diagnostics));
    }
    let mut no_body = false;
    let mut representation = None;
    let mut collection = false;
    for p in page
        .paragraphs
        .iter()
        .filter(|p| page.under(p.heading, section))
    {
        let lower = p.text.to_ascii_lowercase();
        if lower.contains("do not supply")
            || lower.contains("don't supply")
            || lower.contains("not supply a request body")
            || lower.contains("no request body")
            || lower.contains("request body is empty")
        {
            no_body = true;
        }
        if representation.is_none()
            && (lower.contains("representation") || lower.contains(" object"))
        {
            representation = p
                .links
                .iter()
                .find(|l| typeref::link_names_type(&page.path, l))
                .map(|l| link_type(page, l));
            collection = representation.is_some()
                && (lower.contains("array of") || lower.contains("collection of"));
        }
    }
    if let Some(type_ref) = representation.filter(|_| !no_body) {
        return body(
            RequestBodyKind::Type,
            Some(type_ref),
            parameters,
            false,
            collection,
        );
    }
    if !parameters.is_empty() {
        // Update pages list settable properties of the resource the title names.
        if matches!(method, "PATCH" | "PUT") {
            if let Some(type_ref) = title_type(page) {
                return body(
                    RequestBodyKind::Type,
                    Some(type_ref),
                    parameters,
                    true,
                    false,
                );
            }
        }
        return body(RequestBodyKind::Parameters, None, parameters, false, false);
    }
    if no_body || matches!(method, "GET" | "DELETE") {
        body(RequestBodyKind::None, None, parameters, false, false)
    } else {
        body(RequestBodyKind::Other, None, parameters, false, false)
    }
}

/// The type an "Update x" title names.
fn title_type(page: &Page) -> Option<TypeRef> {
    let title = page.title()?.text.trim();
    let word = title.split_whitespace().last()?;
    typeref::is_identifier(word).then(|| TypeRef {
        name: TypeName::Named {
            name: word.to_string(),
            target: None,
        },
        collection: false,
        remark: None,
    })
}

fn responses(page: &Page) -> Vec<ResponseDoc> {
    let Some(section) = page.section("Response") else {
        return Vec::new();
    };
    let mut out: Vec<ResponseDoc> = Vec::new();
    for p in section_paragraphs(page, section) {
        let statuses = prose::status_codes(&p.text, &p.code);
        let type_link = p.links.iter().find(|l| {
            typeref::link_names_type(&page.path, l)
                && typeref::is_identifier(l.text.trim().trim_matches(['*', '`']))
        });
        let mut typed = false;
        for status in statuses {
            if out.iter().any(|r| r.status == status) {
                continue;
            }
            let carries_body = matches!(status, 200 | 201);
            let type_ref = match type_link {
                Some(link) if carries_body && !typed => {
                    typed = true;
                    let mut t = link_type(page, link);
                    t.collection = mentions_collection(&p.text, &link.text);
                    Some(t)
                }
                None if carries_body && !typed => {
                    typed = true;
                    unlinked_primitive(&p.text)
                }
                _ => None,
            };
            out.push(ResponseDoc {
                status,
                type_name: None,
                collection: type_ref.as_ref().is_some_and(|t| t.collection),
                line: p.line,
                type_ref,
            });
        }
    }
    out
}

/// "a String collection object", "a Stream in the response body": a primitive body the prose
/// names without a link.
fn unlinked_primitive(text: &str) -> Option<TypeRef> {
    let c = UNLINKED_PRIMITIVE.captures(text)?;
    Some(TypeRef {
        name: TypeName::Primitive {
            name: typeref::primitive(&c[1])?,
        },
        collection: c.get(2).is_some(),
        remark: None,
    })
}

/// "collection of [x]" or "[x] collection".
fn mentions_collection(text: &str, link_text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let Some(at) = lower.find(&link_text.to_ascii_lowercase()) else {
        return lower.contains("collection");
    };
    let before = &lower[crate::page::floor_char_boundary(&lower, at.saturating_sub(20))..at];
    let after_start = (at + link_text.len()).min(lower.len());
    let after_end = crate::page::floor_char_boundary(&lower, (after_start + 15).min(lower.len()));
    let after = lower.get(after_start..after_end).unwrap_or("");
    before.contains("collection") || after.trim_start().starts_with("collection")
}

fn permissions(page: &Page) -> Vec<Permission> {
    let mut out = Vec::new();
    for table in &page.tables {
        let Some(kind) = table.column(&["permission type"]) else {
            continue;
        };
        let value = if kind == 0 { 1 } else { 0 };
        for row in &table.rows {
            let (Some(k), Some(v)) = (row.cells.get(kind), row.cells.get(value)) else {
                continue;
            };
            out.push(Permission {
                kind: k.text.clone(),
                permissions: v.text.clone(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_lose_host_and_version() {
        assert_eq!(
            split_target("https://graph.microsoft.com/v1.0/me/events?$top=1"),
            ("/me/events".into(), Some("$top=1".into()))
        );
        assert_eq!(
            split_target("policies/claimsMappingPolicies"),
            ("/policies/claimsMappingPolicies".into(), None)
        );
        assert_eq!(
            split_target("/me/onenote/pages/{id}/content[?includeIDs=true]").0,
            "/me/onenote/pages/{id}/content[?includeIDs=true]"
        );
        assert_eq!(split_target("/beta/users").0, "/users");
        assert_eq!(split_target("https://graph.microsoft.com/V1.0/me").0, "/me");
    }

    #[test]
    fn placeholders_in_order() {
        assert_eq!(
            placeholders(
                "/users/{id | userPrincipalName}/calendars/{id}/range(address='<address>')"
            ),
            ["id | userPrincipalName", "id", "address"]
        );
    }
}
