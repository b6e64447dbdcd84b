//! HTTP blocks: request templates, example requests and example responses, classified by their
//! first line rather than by their annotation.

use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

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
    /// The body text, trimmed of surrounding blank lines.
    pub text: String,
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

static STATUS_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^HTTP(?:/(\d(?:\.\d)?))?\s+(\d{3})(?:\s+(.*?))?\s*$").expect("valid regex")
});

/// Reads a `Name: value` header line; the name is a token of letters, digits and `-`
/// starting with a letter.
fn header_line(line: &str) -> Option<Header> {
    let (name, value) = line.trim().split_once(':')?;
    let name = name.trim_end();
    let is_token = name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    is_token.then(|| Header {
        name: name.to_string(),
        value: value.trim().to_string(),
    })
}

/// Splits a request line into method and target, if it is one.
pub fn request_line(line: &str) -> Option<(&str, &str)> {
    let line = line.trim();
    let (word, rest) = line.split_once(|c: char| c.is_ascii_whitespace())?;
    let method = METHODS.iter().find(|m| m.eq_ignore_ascii_case(word))?;
    let target = rest.trim();
    if target.is_empty() {
        return None;
    }
    Some((method, target))
}

/// Lines of `content` with their byte offsets.
fn lines_with_offsets(content: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    content.split_inclusive('\n').map(move |raw| {
        let start = offset;
        offset += raw.len();
        (start, raw.trim_end_matches(['\n', '\r']))
    })
}

/// Classifies and parses a fenced block's content. `None` for content that is neither
/// requests nor a response (bare JSON, a lone header, a list of URLs).
pub fn parse(content: &str) -> Option<HttpBlock> {
    let (first_offset, first) = lines_with_offsets(content).find(|(_, l)| !l.trim().is_empty())?;
    if let Some(status) = STATUS_LINE.captures(first.trim()) {
        let (headers, body) = headers_and_body(content, first_offset + first.len() + 1);
        return Some(HttpBlock::Response(HttpResponse {
            offset: first_offset,
            version: status.get(1).map(|m| m.as_str().to_string()),
            status: status[2].parse().unwrap_or(0),
            reason: status
                .get(3)
                .map(|m| m.as_str().to_string())
                .filter(|r| !r.is_empty()),
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
    let lines: Vec<(usize, &str)> = lines_with_offsets(content).collect();
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
                text: content[start..end].trim_end().to_string(),
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
            text: trimmed.to_string(),
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
        assert_eq!(r[0].body.as_ref().unwrap().text, "{\n  \"a\": 1\n}");
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
        assert_eq!(r[0].body.as_ref().unwrap().text, "{\"a\":1}");
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
        assert_eq!(r.body.unwrap().text, "{}");
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
        assert_eq!(r.body.unwrap().text, "{\"value\": []}");
    }

    #[test]
    fn bare_json_and_lone_headers_are_not_http() {
        assert_eq!(parse("{\"a\": 1}"), None);
        assert_eq!(parse("Prefer: return=minimal"), None);
        assert_eq!(parse(""), None);
    }
}
