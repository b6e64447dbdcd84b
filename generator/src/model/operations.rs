//! Operation pages: request templates, parameters, body, responses, permissions.

use super::addressing;
use super::prose;
use super::resources::{description, first_type_link, properties_from_table};
use super::typeref::{self, TypeName, TypeRef};
use super::{
    DocumentedIn, Example, Operation, Permission, RequestBodyKind, RequestTemplate, ResponseDoc,
};
use crate::diagnostics::Diagnostic;
use crate::page::http::HttpBlock;
use crate::page::{CodeBlock, Page, Paragraph};
use crate::patterns::patterns;

patterns! {
    static UNLINKED_PRIMITIVE = r"(?i)\b(?:an?|the)\s+`?(string|boolean|int32|int64|double|stream|binary|guid)`?\b(\s+collection)?\s+(?:object|value|in the response body|that)";
    static UNLINKED_REPRESENTATION = r"(?i)\brepresentation\s+(?:of|for)\s+(?:the\s+|an?\s+|new\s+)*(`?[A-Za-z_][A-Za-z0-9_.]*`?)\s+object\b";
    static QUERY_OPTION = r"\$[a-zA-Z]+";
}

/// Splits a request target into (path, query): host and version prefix removed, a leading
/// `/` ensured, and the query split at the first `?` outside square brackets.
pub fn split_target(target: &str) -> (String, Option<String>) {
    let mut target = target.trim();
    while let Some(rest) = target.strip_suffix(" HTTP/1.1") {
        target = rest;
    }
    let target = target.trim().trim_start_matches('~');
    let mut depth = 0i32;
    let mut split = None;
    for (i, &b) in target.as_bytes().iter().enumerate() {
        match b {
            b'[' => depth += 1,
            b']' => depth -= 1,
            b'?' if depth <= 0 => {
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
    let rest = match host_and_version_end(path) {
        Some(end) => &path[end..],
        None => path.trim_start_matches('/'),
    };
    let mut path = String::with_capacity(rest.len() + 1);
    path.push('/');
    path.push_str(rest);
    (path, query)
}

/// Where the match of `(?i)^(?:https?://[^/]+)?(?:/(?:v1\.0|beta|v1))?(/|$)` in `path` ends:
/// an optional scheme and host, an optional version segment, then a `/` (taken) or the end.
fn host_and_version_end(path: &str) -> Option<usize> {
    // The host runs to the next `/`: a shorter host could not be followed by `/` or the end.
    let after_host = scheme_end(path).and_then(|start| {
        let host = path[start..].find('/').unwrap_or(path.len() - start);
        (host > 0).then_some(start + host)
    });
    after_host
        .and_then(|at| version_and_slash_end(path, at))
        .or_else(|| version_and_slash_end(path, 0))
}

/// The end of `https?://` at the start of `path`, ignoring case (`(?i)s` also matches `ſ`).
fn scheme_end(path: &str) -> Option<usize> {
    let rest = path
        .get(..4)
        .filter(|p| p.eq_ignore_ascii_case("http"))
        .map(|_| &path[4..])?;
    let rest = rest
        .strip_prefix(['s', 'S', 'ſ'])
        .unwrap_or(rest)
        .strip_prefix("://")?;
    Some(path.len() - rest.len())
}

/// From `at`: an optional `/v1.0`, `/beta` or `/v1` (in that order of preference), then a `/`
/// or the end of `path`; where that match ends.
fn version_and_slash_end(path: &str, at: usize) -> Option<usize> {
    let slash_or_end = |at: usize| match path.as_bytes().get(at) {
        None => Some(at),
        Some(b'/') => Some(at + 1),
        Some(_) => None,
    };
    let rest = &path.as_bytes()[at..];
    ["/v1.0", "/beta", "/v1"]
        .iter()
        .filter(|v| {
            rest.get(..v.len())
                .is_some_and(|r| r.eq_ignore_ascii_case(v.as_bytes()))
        })
        .find_map(|v| slash_or_end(at + v.len()))
        .or_else(|| slash_or_end(at))
}

/// Placeholder names in a template, in order: what `\{([^{}]+)\}`, `<([^<>]+)>` and
/// `/\(([A-Za-z][A-Za-z0-9_-]*)\)(?:/|$)` capture, scanning left to right without overlap.
pub fn placeholders(path: &str) -> Vec<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(found) = memchr::memchr3(b'{', b'<', b'/', &bytes[at..]) {
        let start = at + found;
        // Each form starts with its own byte, so at most one can match here.
        let matched = match bytes[start] {
            b'{' => delimited(bytes, start, b'{', b'}'),
            b'<' => delimited(bytes, start, b'<', b'>'),
            _ => parenthesised_segment(bytes, start),
        };
        match matched {
            Some((name, end)) => {
                out.push(path[name].trim().to_string());
                at = end;
            }
            None => at = start + 1,
        }
    }
    out
}

/// At an `open` byte: the non-empty run up to the next `open` or `close`, when that is a
/// `close`. Gives the run's range and the end of the match.
fn delimited(
    bytes: &[u8],
    start: usize,
    open: u8,
    close: u8,
) -> Option<(std::ops::Range<usize>, usize)> {
    let len = memchr::memchr2(open, close, &bytes[start + 1..])?;
    let end = start + 1 + len;
    (len > 0 && bytes[end] == close).then_some((start + 1..end, end + 1))
}

/// At a `/`: `(name)` followed by `/` (taken) or the end. Gives the name's range and the end
/// of the match.
fn parenthesised_segment(bytes: &[u8], start: usize) -> Option<(std::ops::Range<usize>, usize)> {
    let name_start = start + 2;
    if bytes.get(start + 1) != Some(&b'(') || !bytes.get(name_start)?.is_ascii_alphabetic() {
        return None;
    }
    let len = bytes[name_start..]
        .iter()
        .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
        .count();
    let close = name_start + len;
    if bytes.get(close) != Some(&b')') {
        return None;
    }
    let end = match bytes.get(close + 1) {
        None => close + 1,
        Some(b'/') => close + 2,
        Some(_) => return None,
    };
    Some((name_start..close, end))
}

/// The methods most of the templates have, in template order: one, unless methods tie
/// (`PUT` and `PATCH` templates side by side).
fn most_common_methods(templates: &[RequestTemplate]) -> Vec<&str> {
    let mut methods: Vec<(&str, usize)> = Vec::new();
    for t in templates {
        match methods.iter_mut().find(|(m, _)| *m == t.method) {
            Some((_, count)) => *count += 1,
            None => methods.push((&t.method, 1)),
        }
    }
    let most = methods.iter().map(|&(_, count)| count).max().unwrap_or(0);
    methods
        .into_iter()
        .filter(|&(_, count)| count == most)
        .map(|(method, _)| method)
        .collect()
}

/// Where the templates' methods tie, the one the examples that address the operation use
/// most decides, then the order of the templates (see [`operation`], which takes the first).
pub fn settle_method(op: &mut Operation, examples: &[Example]) {
    let tied = most_common_methods(&op.templates);
    if tied.len() < 2 {
        return;
    }
    let addressed = addressing::addressing(op, examples);
    let mut used = vec![0usize; tied.len()];
    for (example, addressed) in examples.iter().zip(addressed) {
        let Some(request) = example.request.as_deref() else {
            continue;
        };
        if addressed != addressing::Addressed::Operation {
            continue;
        }
        if let Some(i) = tied.iter().position(|m| *m == request.method) {
            used[i] += 1;
        }
    }
    // The first of the most used: `max_by_key` would keep the last.
    let most_used = used.iter().copied().max().unwrap_or(0);
    let chosen = used.iter().position(|&n| n == most_used).unwrap_or(0);
    op.method = tied[chosen].to_string();
}

/// Paragraphs directly in the H2 section `h2` (not in its subsections).
fn section_paragraphs(page: &Page, h2: usize) -> impl Iterator<Item = &Paragraph> {
    page.paragraphs
        .iter()
        .filter(move |p| p.heading == Some(h2))
}

/// The blocks that write the page's request templates, in page order: every block under an
/// "HTTP request" heading and, on a page that gives each endpoint an H2 section of its own
/// with an "HTTP request" subsection, the request example that opens a sibling section
/// written without that subsection (`drive-list.md` documents four endpoints so, and only the
/// first under the heading).
fn template_blocks(page: &Page) -> Vec<&CodeBlock> {
    let sections = page.sections_starting("HTTP request");
    let mut blocks: Vec<&CodeBlock> = page
        .blocks
        .iter()
        .filter(|b| sections.iter().any(|&s| page.under(b.heading, s)))
        .collect();
    let endpoint_per_section = !sections.is_empty()
        && sections
            .iter()
            .all(|&s| page.headings[s].level > 2 && page.headings[s].h2.is_some());
    if !endpoint_per_section {
        return blocks;
    }
    // A sibling section's request documents an endpoint of the same resource: a path that
    // ends as the HTTP request templates do (`/sites/{siteId}/drives` beside
    // `/groups/{groupId}/drives`), not an opaque upload URL of another host.
    let last_segments: Vec<String> = blocks
        .iter()
        .flat_map(|b| request_targets(b))
        .filter_map(|target| last_segment(&target))
        .collect();
    let same_resource = |block: &CodeBlock| {
        let targets = request_targets(block);
        !targets.is_empty()
            && targets.iter().all(|target| {
                last_segment(target).is_some_and(|last| last_segments.contains(&last))
            })
    };
    let mut added = false;
    for (h2, heading) in page.headings.iter().enumerate() {
        let sibling = heading.level == 2
            && !sections.iter().any(|&s| page.headings[s].h2 == Some(h2))
            && !prose::starts_with_ignore_case(&heading.text, "Example");
        if !sibling {
            continue;
        }
        let first_request = page.blocks.iter().find(|b| {
            page.within(b.heading, h2) && matches!(b.http, Some(HttpBlock::Requests { .. }))
        });
        let opens_section = first_request.filter(|b| {
            b.heading == Some(h2)
                && b.annotation
                    .and_then(|i| page.annotations.get(i))
                    .and_then(|a| a.block_type())
                    == Some("request")
                && same_resource(b)
        });
        if let Some(block) = opens_section {
            blocks.push(block);
            added = true;
        }
    }
    if added {
        blocks.sort_by_key(|b| b.offset);
    }
    blocks
}

/// The targets of a block's request lines.
fn request_targets(block: &CodeBlock) -> Vec<String> {
    match &block.http {
        Some(HttpBlock::Requests { requests, .. }) => {
            requests.iter().map(|r| r.target.clone()).collect()
        }
        _ => Vec::new(),
    }
}

/// The last segment of a Graph path (`drives` of `/me/drives?$top=1`); none for an absolute
/// URL of another host.
fn last_segment(target: &str) -> Option<String> {
    let (path, _) = split_target(target);
    if !path.starts_with('/') {
        return None;
    }
    path.trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Reads an operation page.
pub fn operation(page: &Page, diagnostics: &mut Vec<Diagnostic>) -> Operation {
    let mut templates = Vec::new();
    for block in template_blocks(page) {
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
                line: page.line_in_block(block, block.source_offset(request.offset)),
            });
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
    // The method most templates have; `settle_method` settles a tie once the examples are read.
    let method = most_common_methods(&templates)
        .first()
        .map(|m| m.to_string())
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
        paths: distinct_paths(&templates),
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
        no_body_stated: body.no_body_stated,
        page: page.path.clone(),
    }
}

/// The templates' paths, each once, in first-seen order (`/security/alerts` is written once
/// per `$filter` example on some pages).
fn distinct_paths(templates: &[RequestTemplate]) -> Vec<String> {
    let mut paths: Vec<String> = Vec::with_capacity(templates.len());
    for template in templates {
        if !paths.contains(&template.path) {
            paths.push(template.path.clone());
        }
    }
    paths
}

fn query_options(page: &Page) -> (Vec<String>, bool) {
    let mut options: Vec<String> = Vec::new();
    let mut general = false;
    let sections: Vec<usize> = page
        .headings
        .iter()
        .enumerate()
        .filter(|(_, h)| {
            h.level == 2
                && (prose::starts_with_ignore_case(&h.text, "optional query parameters")
                    || prose::starts_with_ignore_case(&h.text, "query parameters"))
        })
        .map(|(i, _)| i)
        .collect();
    fn add(options: &mut Vec<String>, name: &str) {
        // `$value` and `$ref` name path segments (`/photo/$value`), not query options.
        let segment = ["$value", "$ref", "$batch", "$metadata"]
            .iter()
            .any(|s| s.eq_ignore_ascii_case(name));
        let name = canonical_option(name);
        if !name.is_empty() && !segment && !options.iter().any(|o| o == name) {
            options.push(name.to_string());
        }
    }
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
                add(&mut options, m.as_str());
            }
        }
        // A table under "Optional request headers" in the section names headers.
        let names_headers = |heading: Option<usize>| {
            heading
                .and_then(|h| page.headings.get(h))
                .is_some_and(|h| prose::contains_ignore_case(&h.text, "header"))
        };
        for table in page
            .tables
            .iter()
            .filter(|t| page.within(t.heading, section) && !names_headers(t.heading))
        {
            let Some(column) = table.name_column() else {
                continue;
            };
            for row in &table.rows {
                if let Some(cell) = row.cells.get(column) {
                    let name = cell.text.split_whitespace().next().unwrap_or("");
                    add(&mut options, name.trim_matches(['`', '*']));
                }
            }
        }
    }
    // The OData system options the page's requests use are documented by use (`$top` in an
    // example), unless the page supports them all without naming one.
    let names_some = options.iter().any(|o| o.starts_with('$'));
    if names_some || !general {
        for name in page.blocks.iter().flat_map(requested_system_options) {
            add(&mut options, name);
        }
    }
    (options, general)
}

/// The OData system query options, in OData's spelling.
const SYSTEM_QUERY_OPTIONS: [&str; 11] = [
    "$select",
    "$expand",
    "$filter",
    "$orderby",
    "$top",
    "$skip",
    "$count",
    "$search",
    "$format",
    "$skiptoken",
    "$deltatoken",
];

/// The system query option `name` stands for, in OData's spelling (`$orderby` for
/// `$orderBy`, which the service reads alike).
fn system_option(name: &str) -> Option<&'static str> {
    SYSTEM_QUERY_OPTIONS
        .iter()
        .find(|o| o.eq_ignore_ascii_case(name))
        .copied()
}

/// A system query option in OData's spelling; any other name as written.
fn canonical_option(name: &str) -> &str {
    system_option(name).unwrap_or(name)
}

/// The system query options the requests of a block use (`$top` in
/// `/users?$top=5&$orderby=x`), in OData's spelling. Other `$` names (`$orderbydisplayName`,
/// a typing slip) are left out.
fn requested_system_options(
    block: &crate::page::CodeBlock,
) -> impl Iterator<Item = &'static str> + '_ {
    let requests = match &block.http {
        Some(crate::page::http::HttpBlock::Requests { requests, .. }) => requests.as_slice(),
        _ => &[],
    };
    requests
        .iter()
        .filter_map(|r| r.target.split_once('?').map(|(_, query)| query))
        .flat_map(|query| query.split('&'))
        .filter_map(|pair| {
            system_option(pair.split_once('=').map_or(pair, |(name, _)| name).trim())
        })
}

fn request_headers(page: &Page) -> Vec<String> {
    let mut headers: Vec<String> = Vec::new();
    for (index, heading) in page.headings.iter().enumerate() {
        if !prose::contains_ignore_case(&heading.text, "request headers") {
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
    /// The Request body section says no body is supplied.
    no_body_stated: bool,
}

fn request_body(page: &Page, method: &str, diagnostics: &mut Vec<Diagnostic>) -> RequestBody {
    let body = |kind, type_ref, parameters, guessed, collection| RequestBody {
        kind,
        type_ref,
        parameters,
        guessed,
        collection,
        no_body_stated: false,
    };
    // `## Request body`, or `### Request body` under a task heading (not in the examples).
    let section = page
        .sections_starting("Request body")
        .into_iter()
        .find(|&s| {
            !page
                .h2_text(Some(s))
                .is_some_and(|h2| prose::starts_with_ignore_case(h2, "example"))
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
    let mut unlinked = None;
    let mut collection = false;
    for p in page
        .paragraphs
        .iter()
        .filter(|p| page.under(p.heading, section))
    {
        let says = |phrase| prose::contains_ignore_case(&p.text, phrase);
        if !no_body
            && (says("do not supply")
                || says("don't supply")
                || says("not supply a request body")
                || says("no request body")
                || says("request body is empty"))
        {
            no_body = true;
        }
        if representation.is_none()
            && (says("representation") || says(" object") || names_one_thing(&p.text))
        {
            representation = first_type_link(page, &p.links).map(|(_, t)| t);
            collection = representation.is_some() && (says("array of") || says("collection of"));
            if representation.is_none() && unlinked.is_none() {
                unlinked = unlinked_representation(&p.text);
            }
        }
    }
    // A linked type first. Else "a JSON representation for the iosCustomConfiguration
    // object": named, not linked, so it counts, as a title's name does, only when it names a
    // documented type.
    let typed = representation
        .map(|type_ref| (type_ref, false, collection))
        .or_else(|| unlinked.map(|type_ref| (type_ref, true, false)));
    if let Some((type_ref, guessed, collection)) = typed.filter(|_| !no_body) {
        return body(
            RequestBodyKind::Type,
            Some(type_ref),
            parameters,
            guessed,
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
        RequestBody {
            no_body_stated: no_body,
            ..body(RequestBodyKind::None, None, parameters, false, false)
        }
    } else {
        body(RequestBodyKind::Other, None, parameters, false, false)
    }
}

/// Whether a paragraph is an article and one word, such as "A [teamsTab](...)." (which reads
/// "A teamsTab."): a Request body section saying the body is one of these.
fn names_one_thing(text: &str) -> bool {
    let text = text.trim().trim_end_matches('.');
    let mut words = text.split_whitespace();
    matches!(
        (words.next(), words.next(), words.next()),
        (Some(article), Some(_), None) if article.eq_ignore_ascii_case("a") || article.eq_ignore_ascii_case("an")
    )
}

/// The type "a JSON representation of (or for) the x object" names without a link.
fn unlinked_representation(text: &str) -> Option<TypeRef> {
    let c = UNLINKED_REPRESENTATION.captures(text)?;
    let name = c[1].trim_matches('`');
    typeref::is_identifier(name).then(|| TypeRef {
        name: TypeName::Named {
            name: name.to_string(),
            target: None,
        },
        collection: false,
        remark: None,
    })
}

/// Whether `text` says the response body holds `name` in so many words: "the response body
/// includes (or contains) a[n] `name`", "a collection of `name`", not "an object ... expanded
/// with the matching `name`".
fn body_sentence_names(text: &str, name: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["response body includes ", "response body contains "]
        .iter()
        .filter_map(|phrase| lower.find(phrase).map(|at| &lower[at + phrase.len()..]))
        .any(|rest| {
            let mut rest = rest.trim_start();
            for article in ["a collection of ", "a list of ", "an ", "a ", "the "] {
                rest = rest.strip_prefix(article).unwrap_or(rest);
            }
            rest.starts_with(&name.to_ascii_lowercase())
        })
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
    // A body status whose sentence names no type: the next paragraphs may ("If successful,
    // this method returns `200 OK`. The response body includes an [attachment] object.").
    let mut untyped_body: Option<usize> = None;
    for p in section_paragraphs(page, section) {
        let statuses = prose::status_codes(&p.text, &p.code);
        if statuses.is_empty() {
            if let Some(i) = untyped_body {
                let type_link = first_type_link(
                    page,
                    p.links.iter().filter(|l| {
                        let name = l.text.trim().trim_matches(['*', '`']);
                        typeref::is_identifier(name) && body_sentence_names(&p.text, name)
                    }),
                );
                if let Some((link, mut t)) = type_link {
                    t.collection = mentions_collection(&p.text, &link.text);
                    out[i].collection = t.collection;
                    out[i].type_ref = Some(t);
                    untyped_body = None;
                }
            }
            continue;
        }
        untyped_body = None;
        let mut typed = false;
        for status in statuses {
            if out.iter().any(|r| r.status == status) {
                continue;
            }
            let carries_body = matches!(status, 200 | 201);
            // The paragraph's type goes to its first status that carries a body.
            let takes_type = carries_body && !typed;
            let type_ref = if takes_type {
                typed = true;
                let type_link = first_type_link(
                    page,
                    p.links
                        .iter()
                        .filter(|l| typeref::is_identifier(l.text.trim().trim_matches(['*', '`']))),
                );
                match type_link {
                    Some((link, mut t)) => {
                        t.collection = mentions_collection(&p.text, &link.text);
                        Some(t)
                    }
                    None => unlinked_primitive(&p.text),
                }
            } else {
                None
            };
            if takes_type && type_ref.is_none() && untyped_body.is_none() {
                untyped_body = Some(out.len());
            }
            out.push(ResponseDoc {
                status,
                type_name: None,
                collection: type_ref.as_ref().is_some_and(|t| t.collection),
                line: p.line,
                documented_in: DocumentedIn::Prose,
                type_ref,
            });
        }
    }
    out
}

/// Completes the responses the Response section documents with what the page's response
/// examples show, counting only the examples that address the operation (see
/// [`addressing`]). When the section states no status, each status those examples return is
/// documented by them (in page order, once each). A body status (200, 201) whose sentence
/// names no type takes the `@odata.type` those examples with that status name, when they all
/// name the same; the name is resolved as the examples' own are (see
/// `build::resolve_operation`).
pub fn complete_responses(op: &mut Operation, examples: &[Example]) {
    let untyped_body = |r: &ResponseDoc| r.type_ref.is_none() && matches!(r.status, 200 | 201);
    let mut responses = examples.iter().filter_map(|e| e.response.as_deref());
    // Reading which examples address the operation parses its templates: only when they can
    // add a status, or a type to a body status.
    let can_add = if op.responses.is_empty() {
        responses.next().is_some()
    } else {
        op.responses.iter().any(untyped_body)
            && responses.any(|r| r.odata_type.is_some() && matches!(r.status, 200 | 201))
    };
    if !can_add {
        return;
    }
    let shown = addressing::responses_to_the_operation(op, examples);
    if op.responses.is_empty() {
        for response in &shown {
            if op.responses.iter().any(|r| r.status == response.status) {
                continue;
            }
            op.responses.push(ResponseDoc {
                status: response.status,
                type_name: None,
                collection: false,
                line: response.line,
                documented_in: DocumentedIn::Example,
                type_ref: None,
            });
        }
    }
    for doc in op.responses.iter_mut().filter(|r| untyped_body(r)) {
        let mut annotated = shown
            .iter()
            .filter(|r| r.status == doc.status && r.odata_type.is_some())
            .map(|r| (&r.odata_type, r.is_collection));
        // Examples that name different types (derived types of the one documented, say
        // `fileAttachment` and `itemAttachment`) say nothing of the operation's own.
        if let Some(first) = annotated.next() {
            if annotated.all(|other| other == first) {
                doc.type_name.clone_from(first.0);
                doc.collection = first.1;
            }
        }
    }
}

/// "a String collection object", "a Stream in the response body": a primitive body the prose
/// names without a link.
fn unlinked_primitive(text: &str) -> Option<TypeRef> {
    // The regex is run only for text that names a primitive: it costs more than the rest of
    // this function. `(?i)s` also matches `ſ`, so the test looks for `tring` and `tream`.
    let names_primitive = [
        "tring", "boolean", "int32", "int64", "double", "tream", "binary", "guid",
    ]
    .iter()
    .any(|word| prose::contains_ignore_case(text, word));
    if !names_primitive {
        return None;
    }
    let c = UNLINKED_PRIMITIVE.captures(text)?;
    Some(TypeRef {
        name: TypeName::Primitive {
            name: typeref::primitive(&c[1])?,
        },
        collection: c.get(2).is_some(),
        remark: None,
    })
}

/// "collection of [x]", "[x] collection", "a list of [x]", "an array of [x]", or "[x]
/// objects" (a plural after the link: "the requested [x] objects").
fn mentions_collection(text: &str, link_text: &str) -> bool {
    let Some(at) = prose::find_ignore_case(text, link_text) else {
        return prose::contains_ignore_case(text, "collection");
    };
    let before = &text[crate::page::floor_char_boundary(text, at.saturating_sub(20))..at];
    let after_start = (at + link_text.len()).min(text.len());
    let after_end = crate::page::floor_char_boundary(text, (after_start + 15).min(text.len()));
    let after = text.get(after_start..after_end).unwrap_or("").trim_start();
    let before = before.trim_end();
    prose::contains_ignore_case(before, "collection")
        || ["list of", "array of"]
            .iter()
            .any(|of| prose::ends_with_ignore_case(before, of))
        || ["collection", "objects", "items", "entities", "resources"]
            .iter()
            .any(|word| starts_with_word(after, word))
}

/// Whether `text` starts with `word` as a whole word, ignoring ASCII case.
fn starts_with_word(text: &str, word: &str) -> bool {
    prose::starts_with_ignore_case(text, word)
        && !text[word.len()..].starts_with(|c: char| c.is_alphanumeric())
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
    use regex::Regex;

    fn page(text: &str) -> Page {
        crate::page::parse("api/x-get.md", text.as_bytes())
    }

    #[test]
    fn query_options_are_the_documented_and_the_used_system_options_in_odata_spelling() {
        let text = "# Get x\n\n## Optional query parameters\n\nThis method supports the `$select` and `$orderBy` query parameters. Use the `$value` parameter to get the content.\n\n### Optional request headers\n\n|Name|Value|Description|\n|:--|:--|:--|\n|if-none-match|etag|A header.|\n\n## Example\n\n```http\nGET /x?$top=5&$orderby=name&$orderbyname\n```\n";
        let (options, general) = query_options(&page(text));
        assert_eq!(options, ["$select", "$orderby", "$top"]);
        assert!(!general);
    }

    #[test]
    fn a_page_that_supports_every_odata_option_without_naming_one_lists_none() {
        let text = "# Get x\n\n## Optional query parameters\n\nThis method supports the OData query parameters to help customize the response.\n\n## Example\n\n```http\nGET /x?$select=id\n```\n";
        assert_eq!(query_options(&page(text)), (Vec::new(), true));
    }

    #[test]
    fn a_response_type_may_come_in_the_sentence_after_the_status() {
        let response = |body: &str| {
            let text = format!("# Get x\n\n## Response\n\nIf successful, this method returns a `200 OK` response code.\n\n{body}\n");
            let doc = responses(&page(&text)).remove(0);
            doc.type_ref.map(|t| match t.name {
                TypeName::Named { name, .. } => name,
                other => format!("{other:?}"),
            })
        };
        assert_eq!(
            response(
                "The response body includes an [attachment](../resources/attachment.md) object."
            )
            .as_deref(),
            Some("attachment")
        );
        // The type the body is expanded with is not the body's type.
        assert_eq!(
            response("The response body includes an object representing the instance, expanded with the matching [extendedProperty](../resources/extendedproperty.md) object."),
            None
        );
    }

    #[test]
    fn a_request_body_section_that_names_one_linked_type_takes_it() {
        let body_type = |sentence: &str| {
            let text = format!(
                "# Create x

## HTTP request

```http
POST /x
```

## Request body

{sentence}
"
            );
            let body = request_body(&page(&text), "POST", &mut Vec::new());
            body.type_ref.map(|t| match t.name {
                TypeName::Named { name, .. } => name,
                other => format!("{other:?}"),
            })
        };
        assert_eq!(
            body_type("A [teamsTab](../resources/teamstab.md).").as_deref(),
            Some("teamsTab")
        );
        assert_eq!(
            body_type("In the request body, supply a JSON representation of a [widget](../resources/widget.md) object.").as_deref(),
            Some("widget")
        );
        // A link in a sentence that does not say the body is the type.
        assert_eq!(
            body_type("See [teamsTab](../resources/teamstab.md) for the tab types.").as_deref(),
            None
        );
    }

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

    const PLACEHOLDER: &str = r"\{([^{}]+)\}|<([^<>]+)>|/\(([A-Za-z][A-Za-z0-9_-]*)\)(?:/|$)";
    const HOST_AND_VERSION: &str = r"(?i)^(?:https?://[^/]+)?(?:/(?:v1\.0|beta|v1))?(/|$)";

    /// Paths and targets that probe the edges of the hand-written matchers.
    const TRICKY: &[&str] = &[
        "",
        "/",
        "/me",
        "me/events",
        "//x",
        "/v1.0",
        "/v1.0/",
        "/v1.0me",
        "/V1.0/me",
        "/v1/me",
        "/v1x",
        "/beta",
        "/BETA/users",
        "/betax/users",
        "https://graph.microsoft.com",
        "https://graph.microsoft.com/",
        "https://graph.microsoft.com/v1.0",
        "https://graph.microsoft.com/v1.0/me",
        "HTTPS://graph.microsoft.com/beta/me",
        "http://x/v1/me",
        "httpſ://x/v1/me",
        "https:///me",
        "https://",
        "https://x",
        "httpsx://y/me",
        "/users/{id}/x",
        "/users/{}/x",
        "/users/{a{b}/x",
        "/users/{a}b}/x",
        "/x/{ id }",
        "{",
        "}",
        "/a/<b>/<>/<c<d>",
        "/a/(b)/(c)",
        "/a/(b)(c)",
        "/a/(b)",
        "/a/(b)x",
        "/a/(1b)/",
        "/a/(b-c_d9)/{é}",
        "/a/(b)/(c)/{d}",
        "/é/(ü)/{ü}/<ö>",
        "/range(address='<address>')",
        "/x/(",
        "/x/(a",
        "/x//(a)",
    ];

    #[test]
    fn placeholders_agree_with_the_regex() {
        let regex = Regex::new(PLACEHOLDER).unwrap();
        for path in TRICKY {
            let expected: Vec<String> = regex
                .captures_iter(path)
                .filter_map(|c| c.get(1).or_else(|| c.get(2)).or_else(|| c.get(3)))
                .map(|m| m.as_str().trim().to_string())
                .collect();
            assert_eq!(placeholders(path), expected, "{path:?}");
        }
    }

    #[test]
    fn host_and_version_agree_with_the_regex() {
        let regex = Regex::new(HOST_AND_VERSION).unwrap();
        for path in TRICKY {
            let expected = regex.find(path).map(|m| m.end());
            assert_eq!(host_and_version_end(path), expected, "{path:?}");
        }
    }

    #[test]
    fn only_s_and_k_fold_to_non_ascii_letters() {
        // `unlinked_primitive` relies on it to test for its words without the regex.
        let any_letter = Regex::new("(?i)^[a-z]$").unwrap();
        let folding: String = ('\u{80}'..=char::MAX)
            .filter(|c| any_letter.is_match(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert_eq!(folding, "\u{17f}\u{212a}");
        assert!(unlinked_primitive("returns a String collection object").is_some());
        assert!(unlinked_primitive("returns an object").is_none());
    }

    #[test]
    fn a_list_or_plural_of_the_linked_type_is_a_collection() {
        for text in [
            "returns a `200 OK` response code and a list of [subscription] objects in the body.",
            "returns a `200 OK` response code and the requested [timeOffRequest] objects.",
            "returns a `200 OK` response code and a collection of [user] objects.",
            "returns a `200 OK` response code and a list of [shared] items in the body.",
            "returns a `200 OK` response code and a [user] collection in the body.",
        ] {
            let (plain, link) = plain_text_and_link(text);
            assert!(mentions_collection(&plain, link), "{text}");
        }
        for text in [
            "returns a `200 OK` response code and the requested [place] object in the body.",
            "returns a `200 OK` response code and a [message] object; see the list of items.",
            "returns a `200 OK` response code and an [item] objective.",
        ] {
            let (plain, link) = plain_text_and_link(text);
            assert!(!mentions_collection(&plain, link), "{text}");
        }
    }

    /// A paragraph's text as the page parser gives it (link brackets dropped), and the text
    /// of its `[link]`.
    fn plain_text_and_link(text: &str) -> (String, &str) {
        let link = text.split(['[', ']']).nth(1).unwrap_or_default();
        (text.replace(['[', ']'], ""), link)
    }

    #[test]
    fn each_path_is_listed_once_in_first_seen_order() {
        let text = "# List alerts\n\n## HTTP request\n\n```http\nGET /security/alerts\nGET /security/alerts?$top=1\nGET /sites/{site-id}/lists/{list-id}\nGET /security/alerts?$filter=x\n```\n";
        let page = crate::page::parse("api/alert-list.md", text.as_bytes());
        let op = operation(&page, &mut Vec::new());
        assert_eq!(op.templates.len(), 4);
        assert_eq!(
            op.paths,
            ["/security/alerts", "/sites/{site-id}/lists/{list-id}"]
        );
    }

    /// A page that gives each endpoint a section, the first with an "HTTP request" heading and
    /// the rest opened by their request example, as `drive-list.md` does.
    const ENDPOINT_PER_SECTION: &str = "# List drives\n\n## List a group's drives\n\n### HTTP request\n\n<!-- { \"blockType\": \"request\", \"name\": \"group-drives\" } -->\n\n```http\nGET /groups/{groupId}/drives\n```\n\n## List a site's drives\n\nTo list a site's drives:\n\n<!-- { \"blockType\": \"request\", \"name\": \"site-drives\" } -->\n\n```http\nGET /sites/{siteId}/drives\n```\n\n## Response\n\n<!-- { \"blockType\": \"response\" } -->\n\n```http\nHTTP/1.1 200 OK\n```\n\n## Example\n\n<!-- { \"blockType\": \"request\", \"name\": \"me-drives\" } -->\n\n```http\nGET /me/drives\n```\n";

    #[test]
    fn a_section_opened_by_its_request_example_documents_an_endpoint_beside_the_http_request_one() {
        let page = crate::page::parse("api/drive-list.md", ENDPOINT_PER_SECTION.as_bytes());
        let op = operation(&page, &mut Vec::new());
        // The example under "Example" stays an example only.
        assert_eq!(
            op.paths,
            ["/groups/{groupId}/drives", "/sites/{siteId}/drives"]
        );
    }

    #[test]
    fn request_examples_are_not_templates_where_the_http_request_section_is_an_h2() {
        let text = ENDPOINT_PER_SECTION
            .replace("### HTTP request", "## HTTP request")
            .replace("## List a group's drives\n\n", "");
        let page = crate::page::parse("api/drive-list.md", text.as_bytes());
        let op = operation(&page, &mut Vec::new());
        assert_eq!(op.paths, ["/groups/{groupId}/drives"]);
    }

    #[test]
    fn a_section_opened_by_a_request_of_another_resource_documents_no_endpoint() {
        // `driveitem-createuploadsession.md` opens "Completing a file" with an upload URL.
        for other in [
            "PUT https://sn3302.up.1drv.com/up/fe6987415ace7X4e1eF866337",
            "GET /sites/{siteId}/lists",
        ] {
            let text = ENDPOINT_PER_SECTION.replace("GET /sites/{siteId}/drives", other);
            let page = crate::page::parse("api/drive-list.md", text.as_bytes());
            let op = operation(&page, &mut Vec::new());
            assert_eq!(op.paths, ["/groups/{groupId}/drives"], "{other}");
        }
    }

    #[test]
    fn a_request_example_in_a_subsection_documents_no_endpoint() {
        let text = ENDPOINT_PER_SECTION.replace("To list a site's drives:\n\n", "### Request\n\n");
        let page = crate::page::parse("api/drive-list.md", text.as_bytes());
        let op = operation(&page, &mut Vec::new());
        assert_eq!(op.paths, ["/groups/{groupId}/drives"]);
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
