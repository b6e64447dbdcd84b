//! Example pairing: requests without responses, responses without requests, request names
//! used twice across the docs root.

use super::context::PageCheck;
use crate::page::Page;

/// Line ranges of the code blocks annotated `ignored`.
pub fn ignored_lines(page: &Page) -> Vec<(usize, usize)> {
    page.blocks
        .iter()
        .filter(|b| {
            b.annotation
                .and_then(|a| page.annotations.get(a))
                .and_then(|a| a.block_type())
                == Some("ignored")
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
            (Some(request), None) if !e.ignored && e.standalone.is_none() => {
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
            (None, Some(response)) => {
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
            let Some(&(first_page, first_line)) = cx.index.request_names.get(&name) else {
                continue;
            };
            if first_page == page.path && first_line == annotation.line {
                continue;
            }
            let offset = annotation.offset
                + page.text[annotation.offset..]
                    .find(&format!("\"{name}\""))
                    .unwrap_or(0);
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
