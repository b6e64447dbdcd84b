//! HTTP blocks: request templates, example requests and example responses, classified by their
//! first line rather than by their annotation.

use crate::patterns::patterns;
use serde::Serialize;
use std::sync::Arc;

/// A header line, `Name: value`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Header {
    /// Header name as written.
    pub name: String,
    /// Value, trimmed.
    pub value: String,
}

/// A body: the text after the headers, with its position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Body {
    /// Byte offset of the body within the block's content.
    pub offset: usize,
    /// The body text, trimmed of surrounding blank lines. Shared: the model's example
    /// payload is this same text.
    pub text: Arc<str>,
}

/// One request line with its headers and body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HttpRequest {
    /// Byte offset of the request line within the block's content.
    pub offset: usize,
    /// Method, upper-cased (`GET`).
    pub method: String,
    /// The target exactly as written (URL, path, with placeholders).
    pub target: String,
    /// Headers after the request line.
    pub headers: Vec<Header>,
    /// Body, if any.
    pub body: Option<Body>,
}

/// A response status line with its headers and body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HttpResponse {
    /// Byte offset of the status line within the block's content.
    pub offset: usize,
    /// `HTTP/1.1`, or `None` when the version is missing (`HTTP 201 Created`).
    pub version: Option<String>,
    /// Status code.
    pub status: u16,
    /// Reason phrase as written, if any.
    pub reason: Option<String>,
    /// Headers.
    pub headers: Vec<Header>,
    /// Body, if any.
    pub body: Option<Body>,
}

/// What a fenced block holds, judged from its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HttpBlock {
    /// One or more request lines.
    Requests {
        /// The requests in order.
        requests: Vec<HttpRequest>,
        /// Lines that are neither requests, headers nor body (`or`, prose).
        stray_lines: Vec<usize>,
    },
    /// A response.
    Response(HttpResponse),
}

/// Methods a request line may start with.
const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// The length of the longest of [`METHODS`].
const METHOD_MAX_LEN: usize = 7;

patterns! {
    /// The definition of a status line; [`status_line`] reads plain ASCII lines without it.
    static STATUS_LINE = r"^HTTP(?:/(\d(?:\.\d)?))?\s+(\d{3})(?:\s+(.*?))?\s*$";
}

/// The parts of a status line such as `HTTP/1.1 200 OK`.
#[derive(Debug, PartialEq, Eq)]
struct StatusLine<'a> {
    /// The version digits after `HTTP/` (`1.1`), if written.
    version: Option<&'a str>,
    /// The three status digits.
    status: &'a str,
    /// The text after the status, possibly empty.
    reason: Option<&'a str>,
}

/// Reads `line` as a status line, with the meaning of [`STATUS_LINE`]. Lines that are ASCII
/// (on one line) are read by hand: running the regex on every block's first line cost more
/// than the rest of the block's parsing.
fn status_line(line: &str) -> Option<StatusLine<'_>> {
    let after_http = line.strip_prefix("HTTP")?;
    if !line.bytes().all(|b| b.is_ascii() && b != b'\n') {
        // Unicode digits and spaces, and `.` stopping at a line break: the regex knows them.
        let captures = STATUS_LINE.captures(line)?;
        let status = captures.get(2)?.as_str();
        return Some(StatusLine {
            version: captures.get(1).map(|m| m.as_str()),
            status,
            reason: captures.get(3).map(|m| m.as_str()),
        });
    }
    // `(?:/(\d(?:\.\d)?))?`: a `/` must start a version, since `\s+` cannot match it.
    let (version, rest) = match after_http.strip_prefix('/') {
        Some(after_slash) => {
            let len = version_len(after_slash.as_bytes())?;
            (Some(&after_slash[..len]), &after_slash[len..])
        }
        None => (None, after_http),
    };
    // `\s+(\d{3})`
    let at_status = rest.trim_start();
    if at_status.len() == rest.len() {
        return None;
    }
    let status = at_status.get(..3)?;
    if !status.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // `(?:\s+(.*?))?\s*$`: nothing more, or spaces then the reason (trailing spaces dropped).
    let after_status = &at_status[3..];
    let reason = match after_status.chars().next() {
        None => None,
        Some(c) if c.is_whitespace() => Some(after_status.trim()),
        Some(_) => return None,
    };
    Some(StatusLine {
        version,
        status,
        reason,
    })
}

/// Length of `\d(?:\.\d)?` at the start of `bytes`; `None` when a version cannot end there.
fn version_len(bytes: &[u8]) -> Option<usize> {
    let digit = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_digit);
    match (digit(0), bytes.get(1)) {
        (false, _) => None,
        (true, Some(b'.')) => digit(2).then_some(3),
        (true, _) => Some(1),
    }
}

/// Reads a `Name: value` header line; the name is a token of letters, digits and `-`
/// starting with a letter.
fn header_line(line: &str) -> Option<Header> {
    let line = line.trim();
    let colon = line.bytes().position(|b| b == b':')?;
    let name = line[..colon].trim_end();
    let value = &line[colon + 1..];
    let is_token = name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    is_token.then(|| Header {
        name: name.to_string(),
        value: value.trim().to_string(),
    })
}

/// Splits a request line into method and target, if it is one.
pub fn request_line(line: &str) -> Option<(&str, &str)> {
    // The method ends at the first ASCII space; trimming the end first would change nothing,
    // since the target is trimmed. Methods are short: a longer first word is no request.
    let line = line.trim_start();
    // Cheap rejection of the body and header lines: every method starts with one of these.
    if !matches!(
        line.as_bytes().first(),
        Some(b'G' | b'P' | b'D' | b'H' | b'O' | b'g' | b'p' | b'd' | b'h' | b'o')
    ) {
        return None;
    }
    let word_len = line
        .bytes()
        .take(METHOD_MAX_LEN + 1)
        .position(|b| b.is_ascii_whitespace())?;
    let method = METHODS
        .iter()
        .find(|m| m.eq_ignore_ascii_case(&line[..word_len]))?;
    let target = line[word_len + 1..].trim();
    if target.is_empty() {
        return None;
    }
    Some((method, target))
}

/// Lines of `content` with their byte offsets.
/// (A line ends after its `\n`, and is given without its trailing `\n` and `\r`s.)
fn lines_with_offsets(content: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = content.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let offset = start;
        start = memchr::memchr(b'\n', &bytes[offset..]).map_or(bytes.len(), |at| offset + at + 1);
        let mut end = start;
        while end > offset && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        Some((offset, &content[offset..end]))
    })
}

/// Classifies and parses a fenced block's content. `None` for content that is neither
/// requests nor a response (bare JSON, a lone header, a list of URLs).
pub fn parse(content: &str) -> Option<HttpBlock> {
    let (first_offset, first) = lines_with_offsets(content).find(|(_, l)| !l.trim().is_empty())?;
    if let Some(status) = status_line(first.trim()) {
        let (headers, body) = headers_and_body(content, first_offset + first.len() + 1);
        return Some(HttpBlock::Response(HttpResponse {
            offset: first_offset,
            version: status.version.map(str::to_string),
            status: status.status.parse().unwrap_or(0),
            reason: status.reason.filter(|r| !r.is_empty()).map(str::to_string),
            headers,
            body,
        }));
    }
    request_line(first)?;
    Some(parse_requests(content))
}

/// Parses a block whose first line is a request line. A request line that follows another
/// request's headers (before any body) starts a new request.
fn parse_requests(content: &str) -> HttpBlock {
    let mut requests: Vec<HttpRequest> = Vec::new();
    let mut stray_lines = Vec::new();
    let mut cursor = 0;
    // Sized up front (a vectorised count) rather than grown line by line.
    let mut lines = Vec::with_capacity(memchr::memchr_iter(b'\n', content.as_bytes()).count() + 1);
    lines.extend(lines_with_offsets(content));
    while cursor < lines.len() {
        let (offset, line) = lines[cursor];
        let Some((method, target)) = request_line(line) else {
            if !line.trim().is_empty() {
                stray_lines.push(offset);
            }
            cursor += 1;
            continue;
        };
        cursor += 1;
        let mut headers = Vec::new();
        // Headers may follow a blank line (48 pages do this); a request line ends them.
        let mut probe = cursor;
        while probe < lines.len() && lines[probe].1.trim().is_empty() {
            probe += 1;
        }
        while probe < lines.len() {
            let text = lines[probe].1;
            match header_line(text) {
                Some(header) if request_line(text).is_none() => {
                    headers.push(header);
                    probe += 1;
                    cursor = probe;
                }
                _ => break,
            }
        }
        // The body runs from the first non-blank line to the next request line that follows
        // a blank line (several requests in one block), or to the end.
        let after_headers = cursor;
        while cursor < lines.len() && lines[cursor].1.trim().is_empty() {
            cursor += 1;
        }
        let body_start = cursor;
        // A body follows a blank line, or starts like a payload; anything else between
        // request lines (`or`, prose) is a stray line.
        let looks_like_body = cursor < lines.len()
            && request_line(lines[cursor].1).is_none()
            && (cursor > after_headers
                || lines[cursor]
                    .1
                    .trim_start()
                    .starts_with(['{', '[', '<', '"', '-']));
        if looks_like_body {
            while cursor < lines.len() && request_line(lines[cursor].1).is_none() {
                cursor += 1;
            }
        }
        let body = (cursor > body_start).then(|| {
            let start = lines[body_start].0;
            let end = lines.get(cursor).map_or(content.len(), |(o, _)| *o);
            Body {
                offset: start,
                text: Arc::from(content[start..end].trim_end()),
            }
        });
        requests.push(HttpRequest {
            offset,
            method: method.to_string(),
            target: target.to_string(),
            headers,
            body,
        });
    }
    HttpBlock::Requests {
        requests,
        stray_lines,
    }
}

/// Headers from `start`, then a body after them (blank lines skipped).
fn headers_and_body(content: &str, start: usize) -> (Vec<Header>, Option<Body>) {
    let mut headers = Vec::new();
    if start >= content.len() {
        return (headers, None);
    }
    let rest = &content[start..];
    let mut body_offset = None;
    for (offset, line) in lines_with_offsets(rest) {
        if line.trim().is_empty() {
            if !headers.is_empty() {
                // A blank line ends the headers.
                body_offset = Some(offset);
                break;
            }
            continue;
        }
        match header_line(line) {
            Some(header) => headers.push(header),
            _ => {
                body_offset = Some(offset);
                break;
            }
        }
    }
    let body = body_offset.and_then(|offset| {
        let text = &rest[offset..];
        let leading = text.len() - text.trim_start().len();
        let trimmed = text.trim();
        (!trimmed.is_empty()).then(|| Body {
            offset: start + offset + leading,
            text: Arc::from(trimmed),
        })
    });
    (headers, body)
}

impl HttpRequest {
    /// The value of a header, matched case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

impl HttpResponse {
    /// The value of a header, matched case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

fn find_header<'a>(headers: &'a [Header], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn requests(content: &str) -> Vec<HttpRequest> {
        match parse(content) {
            Some(HttpBlock::Requests { requests, .. }) => requests,
            other => panic!("expected requests, got {other:?}"),
        }
    }

    #[test]
    fn request_with_headers_and_json_body() {
        let r = requests("POST https://graph.microsoft.com/v1.0/me/events\nContent-Type: application/json\n\n{\n  \"a\": 1\n}\n");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].method, "POST");
        assert_eq!(r[0].header("content-type"), Some("application/json"));
        assert_eq!(
            r[0].body.as_ref().unwrap().text.as_ref(),
            "{\n  \"a\": 1\n}"
        );
    }

    #[test]
    fn template_block_with_several_lines_an_or_line_and_a_header() {
        let content =
            "GET /me/joinedTeams\nor\nGET /users/{id | user-principal-name}/joinedTeams\n";
        let Some(HttpBlock::Requests {
            requests,
            stray_lines,
        }) = parse(content)
        else {
            panic!()
        };
        assert_eq!(requests.len(), 2);
        assert_eq!(
            requests[1].target,
            "/users/{id | user-principal-name}/joinedTeams"
        );
        assert_eq!(stray_lines.len(), 1);
        let r = self::requests("POST /workbook/closeSession\nworkbook-session-id: {session-id}\n");
        assert_eq!(r[0].headers[0].name, "workbook-session-id");
    }

    #[test]
    fn blank_line_before_headers_still_gives_headers() {
        let r = requests("POST https://x/assign\n\nContent-type: application/json\nContent-length: 10\n\n{\"a\":1}");
        assert_eq!(r[0].headers.len(), 2);
        assert_eq!(r[0].body.as_ref().unwrap().text.as_ref(), "{\"a\":1}");
    }

    #[test]
    fn two_get_lines_are_two_requests() {
        let r = requests("GET https://x/me/a\nGET https://x/users/1/a\n");
        assert_eq!(r.len(), 2);
        assert!(r.iter().all(|r| r.body.is_none()));
    }

    #[test]
    fn response_status_line_variants() {
        let Some(HttpBlock::Response(r)) =
            parse("HTTP 201 Created\nContent-type: application/json\n\n{}")
        else {
            panic!()
        };
        assert_eq!((r.version, r.status), (None, 201));
        assert_eq!(r.body.unwrap().text.as_ref(), "{}");
        let Some(HttpBlock::Response(r)) = parse("HTTP/1.1 422\n") else {
            panic!()
        };
        assert_eq!((r.status, r.reason), (422, None));
        let Some(HttpBlock::Response(r)) = parse("HTTP/1.1 202 Accpted") else {
            panic!()
        };
        assert_eq!(r.reason.as_deref(), Some("Accpted"));
    }

    #[test]
    fn response_body_without_headers() {
        let Some(HttpBlock::Response(r)) = parse("HTTP/1.1 200 OK\n\n{\"value\": []}") else {
            panic!()
        };
        assert!(r.headers.is_empty());
        assert_eq!(r.body.unwrap().text.as_ref(), "{\"value\": []}");
    }

    #[test]
    fn status_lines_read_by_hand_agree_with_the_regex() {
        type Parts = (Option<String>, String, Option<String>);
        let owned = |version: Option<&str>, status: &str, reason: Option<&str>| -> Parts {
            (
                version.map(str::to_string),
                status.to_string(),
                reason.filter(|r| !r.is_empty()).map(str::to_string),
            )
        };
        let by_regex = |line: &str| -> Option<Parts> {
            let c = STATUS_LINE.captures(line)?;
            Some(owned(
                c.get(1).map(|m| m.as_str()),
                &c[2],
                c.get(3).map(|m| m.as_str()),
            ))
        };
        let by_hand = |line: &str| -> Option<Parts> {
            let s = status_line(line)?;
            Some(owned(s.version, s.status, s.reason))
        };
        for line in [
            "HTTP/1.1 200 OK",
            "HTTP/1.1 200 OK  ",
            "HTTP/1.1 200\tOK then more",
            "HTTP/2 204",
            "HTTP 201 Created",
            "HTTP/1.1   422",
            "HTTP/1.1 422 \x0b",
            "HTTP/1. 200",
            "HTTP/1.12 200",
            "HTTP/ 200",
            "HTTP/1.1200",
            "HTTP/1.1 2000",
            "HTTP/1.1 20",
            "HTTP/1.1 20x",
            "HTTP200",
            "HTTPS/1.1 200",
            "http/1.1 200",
            "HTTP/1.1 200 Ok\nmore",
            "HTTP/1.1 200 Ok\r",
            "HTTP/1.1 ٢٠٠ OK",
            "HTTP/1.1\u{a0}200 Créé",
            "HTTP/1.1 200\u{3000}",
            "HTTP",
            "",
        ] {
            assert_eq!(by_hand(line), by_regex(line), "{line:?}");
        }
    }

    #[test]
    fn request_lines_split_method_and_target() {
        assert_eq!(request_line("  get  /me \t"), Some(("GET", "/me")));
        assert_eq!(request_line("GET\u{a0}/me"), None);
        assert_eq!(request_line("GET /me\u{a0}"), Some(("GET", "/me")));
        assert_eq!(request_line("GET \u{a0}"), None);
        assert_eq!(request_line("GET"), None);
        assert_eq!(request_line("OPTIONS\t*"), Some(("OPTIONS", "*")));
        assert_eq!(request_line("OPTIONSX *"), None);
        assert_eq!(request_line("GETS /x"), None);
    }

    #[test]
    fn lines_keep_offsets_and_drop_line_ends() {
        let lines: Vec<_> = lines_with_offsets("a\r\n\nb\r\r\nc").collect();
        assert_eq!(lines, [(0, "a"), (3, ""), (4, "b"), (8, "c")]);
        assert_eq!(lines_with_offsets("").count(), 0);
        assert_eq!(lines_with_offsets("x\n").count(), 1);
    }

    #[test]
    fn bare_json_and_lone_headers_are_not_http() {
        assert_eq!(parse("{\"a\": 1}"), None);
        assert_eq!(parse("Prefer: return=minimal"), None);
        assert_eq!(parse(""), None);
    }
}
