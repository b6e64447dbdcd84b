//! Examples: requests paired with responses as API Doctor pairs them (a named response pairs
//! with every earlier request of that name, an unnamed one with the last request block), and
//! standalone JSON example blocks.

use super::prose::contains_ignore_case;
use super::resources::{diagnostic, namespace, qualify};
use super::{Example, ExampleRequest, ExampleResponse, Payload};
use crate::codes;
use crate::diagnostics::{Diagnostic, Severity};
use crate::page::http::{Body, Header, HttpBlock};
use crate::page::json::JsonCheck;
use crate::page::{CodeBlock, Page};

/// Reads the examples of a page. `operation` names the operation the page documents.
pub fn examples(
    page: &Page,
    operation: Option<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Example> {
    let template_sections = page.sections_starting("HTTP request");
    let mut out: Vec<Example> = Vec::new();
    let mut last_request_group: Vec<usize> = Vec::new();
    for block in &page.blocks {
        let annotation = block.annotation.map(|i| &page.annotations[i]);
        let block_type = annotation.and_then(|a| a.block_type());
        // Templates are not examples, unless annotated as a request (OneDrive pages use one
        // block as both).
        let in_template_section = template_sections
            .iter()
            .any(|&s| page.under(block.heading, s));
        if in_template_section && block_type != Some("request") {
            continue;
        }
        if block_type == Some("resource") {
            continue;
        }
        let names = annotation.map(|a| a.names()).unwrap_or_default();
        match &block.http {
            Some(HttpBlock::Requests { requests, .. }) => {
                last_request_group.clear();
                for request in requests {
                    last_request_group.push(out.len());
                    out.push(Example {
                        ignored: block_type == Some("ignored"),
                        request: Some(Box::new(ExampleRequest {
                            line: page.line_in_block(block, block.source_offset(request.offset)),
                            method: request.method.clone(),
                            url: request.target.clone(),
                            headers: pairs(&request.headers),
                            body: request
                                .body
                                .as_ref()
                                .map(|b| payload(page, block, b, &request.headers, diagnostics)),
                        })),
                        ..Example::empty(page, operation, names.clone())
                    });
                }
            }
            Some(HttpBlock::Response(response)) => {
                let (odata_type, collection_type) = annotation
                    .and_then(|a| a.odata_type())
                    .map(|t| odata_type_name(t, page))
                    .unwrap_or((None, false));
                let example_response = Box::new(ExampleResponse {
                    line: page.line_in_block(block, block.source_offset(response.offset)),
                    status: response.status,
                    reason: response.reason.clone(),
                    headers: pairs(&response.headers),
                    body: response
                        .body
                        .as_ref()
                        .map(|b| payload(page, block, b, &response.headers, diagnostics)),
                    odata_type,
                    is_collection: collection_type
                        || annotation
                            .and_then(|a| a.flag("isCollection"))
                            .unwrap_or(false),
                    truncated: annotation
                        .and_then(|a| a.flag("truncated"))
                        .unwrap_or(false),
                });
                let targets: Vec<usize> = if names.is_empty() {
                    last_request_group
                        .iter()
                        .copied()
                        .filter(|&i| out[i].response.is_none())
                        .collect()
                } else {
                    (0..out.len())
                        .filter(|&i| {
                            out[i].response.is_none()
                                && out[i].request.is_some()
                                && out[i].names.iter().any(|n| names.contains(n))
                        })
                        .collect()
                };
                match targets.split_last() {
                    // A response no request awaits is an example of its own.
                    None => out.push(Example {
                        response: Some(example_response),
                        ..Example::empty(page, operation, names)
                    }),
                    // Requests sent together share the response: the last takes it.
                    Some((&last, others)) => {
                        for &i in others {
                            out[i].response = Some(example_response.clone());
                        }
                        out[last].response = Some(example_response);
                    }
                }
                last_request_group.clear();
            }
            None if block_type == Some("example") => {
                let (response_type, collection) = annotation
                    .and_then(|a| a.odata_type())
                    .map(|t| odata_type_name(t, page))
                    .unwrap_or((None, false));
                let body = Body {
                    offset: 0,
                    text: block.content.trim_end().into(),
                };
                out.push(Example {
                    standalone: Some(Box::new(payload(page, block, &body, &[], diagnostics))),
                    response_type,
                    response_collection: collection,
                    ..Example::empty(page, operation, names)
                });
            }
            None => {}
        }
    }
    out
}

impl Example {
    /// An example of `page` with nothing in it yet.
    fn empty(page: &Page, operation: Option<&str>, names: Vec<String>) -> Self {
        Example {
            page: page.path.clone(),
            version: page.version,
            operation: operation.map(str::to_string),
            names,
            ignored: false,
            request: None,
            response: None,
            standalone: None,
            response_type: None,
            response_collection: false,
            request_type: None,
            request_collection: false,
        }
    }
}

fn pairs(headers: &[Header]) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|h| (h.name.clone(), h.value.clone()))
        .collect()
}

/// `Collection(microsoft.graph.x)` gives (`microsoft.graph.x`, true); `string` gives `Edm.String`.
pub fn odata_type_name(written: &str, page: &Page) -> (Option<String>, bool) {
    let written = written.trim();
    let (inner, collection) = match written
        .get(..11)
        .filter(|p| p.eq_ignore_ascii_case("collection("))
    {
        Some(_) => (written[11..].trim_end_matches(')'), true),
        None => (written, false),
    };
    if inner.is_empty() {
        return (None, collection);
    }
    if let Some(edm) = super::typeref::primitive(inner) {
        return (Some(edm.to_string()), collection);
    }
    (Some(qualify(inner, namespace(page))), collection)
}

/// Whether a body is words in braces standing in for content the page does not show
/// (`{Raw bytes of the file}`): one line, no quote, colon or nested bracket. It is not JSON
/// written wrong, so it is not read as JSON.
fn is_stand_in(body: &str) -> bool {
    let body = body.trim();
    let Some(inner) = body.strip_prefix('{').and_then(|b| b.strip_suffix('}')) else {
        return false;
    };
    inner.chars().any(char::is_alphabetic)
        && !inner.contains(['"', '\'', ':', '{', '}', '[', ']', '\n'])
}

/// Reads a body as a payload, with a diagnostic when it is meant to be JSON and is not.
fn payload(
    page: &Page,
    block: &CodeBlock,
    body: &Body,
    headers: &[Header],
    diagnostics: &mut Vec<Diagnostic>,
) -> Payload {
    let offset = block.source_offset(body.offset);
    let content_type = headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("content-type"))
        .map(|h| h.value.as_str());
    let starts_like_json =
        body.text.trim_start().starts_with(['{', '[']) && !is_stand_in(&body.text);
    let declared_json = content_type.is_some_and(|c| contains_ignore_case(c, "json"));
    let declared_other = content_type.is_some_and(|c| !c.is_empty()) && !declared_json;
    let as_json = declared_json || starts_like_json && !declared_other;
    let line = page.line_in_block(block, offset);
    let payload = Payload::new(body.text.clone(), offset, line, as_json);
    report_json_problem(page, &payload, diagnostics);
    payload
}

/// Reports a payload that is not strict JSON (a warning) or not JSON at all (an error), at the
/// place the strict reader stopped.
pub fn report_json_problem(page: &Page, payload: &Payload, diagnostics: &mut Vec<Diagnostic>) {
    let Some(check) = &payload.json else {
        return;
    };
    let Some(problem) = check.problem() else {
        return;
    };
    // The problem's line and column are the payload's; the page is reached through the block,
    // whose lines may carry a prefix (a blockquote, a list item) the payload has lost.
    let line_start: usize = payload
        .text
        .split_inclusive('\n')
        .take(problem.line.saturating_sub(1))
        .map(str::len)
        .sum();
    let at = page.offset_in_block(
        payload.offset,
        line_start + problem.column.saturating_sub(1),
    );
    let at = crate::page::floor_char_boundary(&page.text, at.min(page.text.len()));
    let (code, severity, text, help) = match check {
        JsonCheck::Relaxed(_) => (
            codes::PAYLOAD_NOT_STRICT_JSON,
            Severity::Warning,
            format!(
                "this payload is not strict JSON ({}); it was read leniently",
                problem.message
            ),
            "a reader who copies it, and tools that read JSON strictly, get an error: fix the JSON",
        ),
        _ => (
            codes::PAYLOAD_UNREADABLE,
            Severity::Error,
            format!("this payload is not JSON: {}", problem.message),
            "fix the JSON; a body that is not meant as JSON takes a `Content-Type` that says so",
        ),
    };
    let mut found = diagnostic(page, at, code, severity, text);
    found.help = Some(help.into());
    found.fix = crate::page::json::fix_of(problem, &page.text, |at| {
        page.offset_in_block(payload.offset, at)
    });
    diagnostics.push(found);
}

#[cfg(test)]
mod tests {
    use super::is_stand_in;

    #[test]
    fn words_in_braces_stand_in_for_content() {
        assert!(is_stand_in("{Raw bytes of the file}"));
        assert!(is_stand_in("\n{binary data}\n"));
    }

    #[test]
    fn json_written_wrong_is_no_stand_in() {
        for body in [
            "{}",
            "{ }",
            "{a: 1}",
            "{\"a\": 1",
            "{'a'}",
            "{[1]}",
            "{x\ny}",
            "[words]",
        ] {
            assert!(!is_stand_in(body), "{body}");
        }
    }
}
