//! Status lines and bodies: an example status the Response section does not document, a reason
//! phrase that does not match its code, a body where none is sent, none where one is
//! documented, a JSON body sent without the documented `Content-Type`.

use super::context::PageCheck;
use crate::codes;
use crate::diagnostics::Fix;
use crate::model::prose::contains_ignore_case;
use crate::model::{DocumentedIn, ExampleRequest, Operation, Payload, RequestBodyKind};

/// The standard reason phrase of a status code.
fn standard_reason(status: u16) -> Option<&'static [&'static str]> {
    Some(match status {
        200 => &["OK"],
        201 => &["Created"],
        202 => &["Accepted"],
        203 => &["Non-Authoritative Information"],
        204 => &["No Content"],
        206 => &["Partial Content"],
        207 => &["Multi-Status"],
        301 => &["Moved Permanently"],
        302 => &["Found", "Moved Temporarily", "Redirect"],
        303 => &["See Other"],
        304 => &["Not Modified"],
        307 => &["Temporary Redirect"],
        400 => &["Bad Request"],
        401 => &["Unauthorized"],
        403 => &["Forbidden"],
        404 => &["Not Found"],
        405 => &["Method Not Allowed"],
        409 => &["Conflict"],
        412 => &["Precondition Failed"],
        416 => &["Requested Range Not Satisfiable", "Range Not Satisfiable"],
        422 => &["Unprocessable Entity"],
        423 => &["Locked"],
        429 => &["Too Many Requests"],
        500 => &["Internal Server Error"],
        503 => &["Service Unavailable"],
        _ => return None,
    })
}

fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A status the Response prose gives, with its line.
type Documented = (u16, usize);

/// Whether the sentence of `line` that gives `status` speaks of a failure (an error, a
/// request that fails) rather than of success.
fn sentence_describes_failure(line: &str, status: u16) -> bool {
    let code = status.to_string();
    let Some(at) = line.find(&code) else {
        return false;
    };
    let start = line[..at].rfind(". ").map_or(0, |i| i + 2);
    let end = line[at..].find(". ").map_or(line.len(), |i| at + i);
    let sentence = &line[start..end];
    let says = |word: &str| contains_ignore_case(sentence, word);
    (says("error") || says("fail")) && !says("success")
}

/// Reports status and body disagreements.
pub fn check(cx: &mut PageCheck) {
    let op = cx.index.operation(&cx.page.path);
    let index = cx.index;
    let path = cx.page.path.as_str();
    // (status, line) of every 2xx status the prose gives. An example returning one of them
    // agrees with the prose.
    let prose_statuses: Vec<Documented> = op
        .map(|o| {
            o.responses
                .iter()
                .filter(|r| {
                    (200..300).contains(&r.status) && r.documented_in == DocumentedIn::Prose
                })
                .map(|r| (r.status, r.line))
                .collect()
        })
        .unwrap_or_default();
    // The success statuses among them: a status the prose gives for a failure ("if an error
    // occurred, ... returns a `207`") is not one a success example must return. Read only when
    // an example disagrees, since it reads the prose's lines.
    let success_statuses = std::cell::OnceCell::new();
    let documented = || -> &Vec<Documented> {
        success_statuses.get_or_init(|| {
            prose_statuses
                .iter()
                .copied()
                .filter(|&(status, line)| {
                    !index
                        .line_text(path, line)
                        .is_some_and(|text| sentence_describes_failure(text, status))
                })
                .collect()
        })
    };
    let mut seen_responses = Vec::new();
    for e in cx.index.examples(&cx.page.path) {
        if let Some(response) = &e.response {
            // A response shared by several requests is checked once.
            if seen_responses.contains(&response.line) {
                continue;
            }
            seen_responses.push(response.line);
            if let (Some(reason), Some(standard)) =
                (&response.reason, standard_reason(response.status))
            {
                if !standard.iter().any(|s| squash(s) == squash(reason)) {
                    let message = format!(
                        "status {} reads `{reason}`; its reason phrase is `{}`",
                        response.status, standard[0]
                    );
                    let code = codes::REASON_PHRASE_WRONG;
                    // At the phrase itself when it is found on the status line, with its fix.
                    let fix = reason_fix(cx, response.line, response.status, reason, standard[0]);
                    let found = match fix.as_ref().and_then(|f| f.edits.first()) {
                        Some(edit) => cx.at(edit.start, code, message),
                        None => cx.at_line(response.line, code, message),
                    };
                    found.help = Some(format!("write `{} {}`", response.status, standard[0]));
                    found.fix = fix;
                }
            }
            let success = (200..300).contains(&response.status);
            if success
                && !e.ignored
                && !prose_statuses.iter().any(|(s, _)| *s == response.status)
                && !documented().is_empty()
            {
                let documented = documented();
                let (status, line) = documented[0];
                let listed: Vec<String> = documented.iter().map(|(s, _)| s.to_string()).collect();
                cx.at_line(
                    response.line,
                    codes::RESPONSE_STATUS_DIFFERS,
                    format!(
                        "the example returns {} but the Response section (line {line}) documents {}",
                        response.status,
                        listed.join(" or ")
                    ),
                )
                .help = Some(format!(
                    "return `{status}` in the example, or document {} in the Response section",
                    response.status
                ));
            }
            if matches!(response.status, 204 | 304) {
                if let Some(body) = response.body.as_ref().filter(|b| !b.text.trim().is_empty()) {
                    cx.at(
                        body.offset,
                        codes::UNEXPECTED_BODY,
                        format!(
                            "a {} response has no body, but this example shows one",
                            response.status
                        ),
                    )
                    .help = Some("remove the body, or return 200 with it".into());
                }
            }
        }
        let (Some(request), Some(op)) = (&e.request, op) else {
            continue;
        };
        if e.ignored || !super::urls::calls_graph(&request.url) {
            continue;
        }
        let body = request.body.as_ref().filter(|b| !b.text.trim().is_empty());
        let method = request.method.to_ascii_uppercase();
        match (&op.request_body, body) {
            (RequestBodyKind::None, Some(body))
                if request.method.eq_ignore_ascii_case(&op.method) =>
            {
                let (message, help) = if op.no_body_stated {
                    (
                        format!("the page says no request body is supplied for {method}, but the example sends one"),
                        "remove the body, or document it under Request body",
                    )
                } else {
                    (
                        format!("a {method} request takes no body, but the example sends one"),
                        "remove the body, and any text under Request body that describes one",
                    )
                };
                cx.at(body.offset, codes::UNEXPECTED_BODY, message).help = Some(help.into());
            }
            (RequestBodyKind::Type, None) if matches!(method.as_str(), "PATCH" | "PUT") => {
                cx.at_line(
                    request.line,
                    codes::MISSING_BODY,
                    format!(
                        "the page documents a request body, but this {method} example sends none"
                    ),
                )
                .help = Some("add the body the Request body section describes".into());
            }
            (RequestBodyKind::Parameters, None)
                if method == "POST" && op.request_parameters.iter().any(|p| p.required) =>
            {
                let required: Vec<&str> = op
                    .request_parameters
                    .iter()
                    .filter(|p| p.required)
                    .map(|p| p.name.as_str())
                    .collect();
                cx.at_line(
                    request.line,
                    codes::MISSING_BODY,
                    format!(
                        "the Request body table has required parameters ({}), but this example sends no body",
                        required.join(", ")
                    ),
                )
                .help = Some("add the body with the required parameters".into());
            }
            _ => {}
        }
        if let Some(body) = body.filter(|b| b.json.is_some()) {
            check_content_type(cx, op, request, body);
        }
    }
}

/// Reports a JSON body sent without the `Content-Type` header the page documents.
fn check_content_type(
    cx: &mut PageCheck,
    op: &Operation,
    request: &ExampleRequest,
    body: &Payload,
) {
    let is_content_type = |name: &str| name.eq_ignore_ascii_case("Content-Type");
    let documented = op.request_headers.iter().any(|h| is_content_type(h));
    let sent = request
        .headers
        .iter()
        .any(|(name, _)| is_content_type(name));
    if documented && !sent {
        cx.at_line(
            request.line,
            codes::CONTENT_TYPE_MISSING,
            format!(
                "this {} example sends a JSON body (line {}) without the `Content-Type` header \
                 the Request headers table documents",
                request.method.to_ascii_uppercase(),
                body.line
            ),
        )
        .help = Some("add `Content-Type: application/json` under the request line".into());
    }
}

/// The fix of a wrong reason phrase: `reason`, after `status` on the status line at `line`,
/// replaced with `standard`.
fn reason_fix(
    cx: &PageCheck<'_, '_>,
    line: usize,
    status: u16,
    reason: &str,
    standard: &str,
) -> Option<Box<Fix>> {
    let text = &cx.page.text;
    let start = cx.page.lines().line_start(line).min(text.len());
    let status_line = text[start..].lines().next()?;
    let status_text = status.to_string();
    let after_status = status_line.find(&status_text)? + status_text.len();
    let at = start + after_status + status_line[after_status..].find(reason)?;
    Fix::replace(text, at, at + reason.len(), standard)
}

#[cfg(test)]
mod tests {
    use super::sentence_describes_failure;

    #[test]
    fn a_status_given_for_an_error_describes_a_failure() {
        let line = "If successful, this method returns a `200 OK` response code. If an error \
                    occurred, this method returns a `207` status code.";
        assert!(sentence_describes_failure(line, 207));
        assert!(!sentence_describes_failure(line, 200));
        // Success that reports failed items is still success.
        assert!(!sentence_describes_failure(
            "If successful, returns `207 Multi-Status`, with an error for each item that failed.",
            207
        ));
    }
}
