//! Example pairing: requests without responses, responses without requests, request names
//! used twice across the docs root.

use super::context::{name_place, PageCheck};
use crate::page::http::HttpBlock;
use crate::page::Page;

/// The code block whose content holds 1-based `line`.
fn block_at(page: &Page, line: usize) -> Option<usize> {
    page.blocks
        .iter()
        .rposition(|b| b.line < line && line <= b.line + b.content.lines().count() + 1)
}

/// Whether the block at `line` sits in an "Example" or "Examples" section (requests elsewhere
/// are templates or illustrate query parameters).
fn in_example_section(page: &Page, line: usize) -> bool {
    block_at(page, line).is_some_and(|b| {
        page.h2_text(page.blocks[b].heading)
            .is_some_and(|h2| h2.trim().to_ascii_lowercase().starts_with("example"))
    })
}

/// H2 section of the block at `at`.
fn h2_of(page: &Page, at: usize) -> Option<usize> {
    page.blocks[at]
        .heading
        .and_then(|i| page.headings.get(i))
        .and_then(|h| h.h2)
}

/// Whether any request block (an ignored one, one under an "HTTP request" heading included)
/// comes before the response at `line` in its H2 section: the response answers it, or is an
/// alternative response to it ("the response with the status of succeeded").
fn follows_a_request(page: &Page, line: usize) -> bool {
    let Some(at) = block_at(page, line) else {
        return false;
    };
    let h2 = h2_of(page, at);
    (0..at)
        .rev()
        .take_while(|&i| h2_of(page, i) == h2)
        .any(|i| matches!(page.blocks[i].http, Some(HttpBlock::Requests { .. })))
}

/// Whether a response follows the request at `line` in its H2 section before another request
/// that is validated: alternative requests annotated `ignored` share the response.
fn answered_later(page: &Page, line: usize) -> bool {
    let Some(at) = block_at(page, line) else {
        return false;
    };
    let h2 = h2_of(page, at);
    for i in at + 1..page.blocks.len() {
        if h2_of(page, i) != h2 {
            return false;
        }
        let block = &page.blocks[i];
        let ignored = block
            .annotation
            .and_then(|a| page.annotations.get(a))
            .and_then(|a| a.block_type())
            == Some("ignored");
        match &block.http {
            Some(HttpBlock::Response(_)) => return true,
            Some(HttpBlock::Requests { .. }) if !ignored => return false,
            _ => {}
        }
    }
    false
}

/// Line ranges of the code blocks annotated `ignored` (or `example`, which is for JSON: an HTTP
/// block under it is not validated as a request or response).
pub fn ignored_lines(page: &Page) -> Vec<(usize, usize)> {
    page.blocks
        .iter()
        .filter(|b| {
            b.annotation
                .and_then(|a| page.annotations.get(a))
                .and_then(|a| a.block_type())
                .is_some_and(|t| matches!(t, "ignored" | "example"))
        })
        .map(|b| (b.line, b.line + b.content.lines().count() + 1))
        .collect()
}
use crate::codes;

/// Reports unpaired examples and duplicate request names.
pub fn check(cx: &mut PageCheck) {
    let page = cx.page;
    // Requests on resource and conceptual pages illustrate; they are not examples of an operation.
    let on_operation_page = cx.index.operation(&page.path).is_some();
    let ignored = ignored_lines(page);
    let examples = cx.index.examples(&page.path);
    for e in examples.iter().filter(|_| on_operation_page) {
        let in_ignored = |line: usize| ignored.iter().any(|(a, b)| (*a..=*b).contains(&line));
        if e.request
            .as_ref()
            .is_some_and(|r| in_ignored(r.line) || !super::urls::calls_graph(&r.url))
            || e.response.as_ref().is_some_and(|r| in_ignored(r.line))
        {
            continue;
        }
        match (&e.request, &e.response) {
            (Some(request), None)
                if !e.ignored
                    && e.standalone.is_none()
                    && in_example_section(page, request.line)
                    && !answered_later(page, request.line) =>
            {
                cx.at_line(
                    request.line,
                    codes::REQUEST_WITHOUT_RESPONSE,
                    format!(
                        "this {} request example has no response example",
                        request.method
                    ),
                )
                .help = Some(
                    "add a response block after it, or annotate the request as `ignored`".into(),
                );
            }
            (None, Some(response))
                if (200..300).contains(&response.status)
                    && !follows_a_request(page, response.line) =>
            {
                cx.at_line(
                    response.line,
                    codes::RESPONSE_WITHOUT_REQUEST,
                    format!(
                        "this {} response example follows no request example",
                        response.status
                    ),
                )
                .help = Some(
                    "add the request before it, or give the response the request's `name`".into(),
                );
            }
            _ => {}
        }
    }
    for annotation in &page.annotations {
        if annotation.block_type() != Some("request") {
            continue;
        }
        for name in annotation.names() {
            let Some(uses) = cx.index.request_names.get(&name) else {
                continue;
            };
            let (first_page, first_line) = uses.first;
            let (offset, line) = name_place(page, annotation, &name);
            if first_page == page.path && first_line == line {
                // The first use. A later use is reported where it is; one on a page not being
                // checked is reported here, so that checking the page that brought the name
                // in still tells of the clash.
                if let Some((again_page, again_line)) = uses.again_unchecked {
                    cx.at(
                        offset,
                        codes::DUPLICATE_EXAMPLE_NAME,
                        format!("request name `{name}` is used again at {again_page}:{again_line}"),
                    )
                    .help = Some("give every request example a name unique in the docs".into());
                }
                continue;
            }
            let place = if first_page == page.path {
                format!("line {first_line}")
            } else {
                format!("{first_page}:{first_line}")
            };
            cx.at(
                offset,
                codes::DUPLICATE_EXAMPLE_NAME,
                format!("request name `{name}` is already used at {place}"),
            )
            .help = Some("give every request example a name unique in the docs".into());
        }
    }
}
