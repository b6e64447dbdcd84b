//! Example URLs against the page's request templates: a path no template documents, or a
//! documented path called with another method.

use super::context::{Index, PageCheck};
use crate::codes;
use crate::model::prose::{self, contains_ignore_case};
use crate::model::split_target;
use crate::model::url_match::is_guid;
use crate::model::{Operation, RequestTemplate};
use crate::page::Page;
use crate::patterns::patterns;
use std::borrow::Cow;

patterns! {
    static PLACEHOLDER = r"\{[^{}]*\}|<[^<>]*>";
    static OPTIONAL_PART = r"\[[^\[\]]*\]";
    static DRIVE_ITEM = r"(?i)/drive/(?:items/[^/]+|root:/.*?:|root:[^/]*:|root)(/|$)";
    /// OData's ways to narrow a collection the template addresses: a cast to a derived type
    /// (`/members/microsoft.graph.user`) and a count (`/$count`), alone or together.
    static CAST_OR_COUNT = r"(?i)(?:/microsoft\.graph\.[A-Za-z0-9_]+)?(?:/\$count)?$";
    static FUNCTION_ARGUMENTS = r"\([^()]*\)$";
    /// A function argument set to a bare name. ASCII classes: a path's names are ASCII, and
    /// Unicode `\w` and `\s` cost several times as long to compile.
    static BARE_ARGUMENT = r"([(,][[:space:]]*[[:word:]]+[[:space:]]*=[[:space:]]*)([A-Za-z_][[:word:]-]*)([[:space:]]*[,)])";
    /// A GUID written into a template where a placeholder belongs (`/classes/acdefc6b-...`).
    static GUID = r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}";
    static VERSION_SEGMENT = r"(?i)^https?://graph\.microsoft\.com/([^/?]+)";
}

/// A template path as a pattern an example path must match.
struct Pattern<'t> {
    template: &'t RequestTemplate,
    tokens: Vec<Token>,
}

/// A piece of a template path: literal text (matched case-insensitively) or a placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Literal(String),
    /// A placeholder; `slashes` when it may span segments (`{item-path}`).
    Any {
        slashes: bool,
    },
}

impl Pattern<'_> {
    /// How many literal bytes the pattern has: of two that match, the longer is the more
    /// specific.
    fn literal_len(&self) -> usize {
        self.tokens
            .iter()
            .map(|t| match t {
                Token::Literal(text) => text.len(),
                Token::Any { .. } => 0,
            })
            .sum()
    }

    /// Whether an example path matches the template (a trailing `/` is allowed).
    fn is_match(&self, path: &str) -> bool {
        let mut budget = 100_000u32;
        matches(&self.tokens, path.as_bytes(), &mut budget)
    }
}

/// Backtracking match of `tokens` against `text`, bounded by `budget` steps.
fn matches(tokens: &[Token], text: &[u8], budget: &mut u32) -> bool {
    if *budget == 0 {
        return false;
    }
    *budget -= 1;
    match tokens.split_first() {
        None => text.is_empty() || text == b"/",
        Some((Token::Literal(literal), rest)) => {
            let literal = literal.as_bytes();
            text.len() >= literal.len()
                && text[..literal.len()].eq_ignore_ascii_case(literal)
                && matches(rest, &text[literal.len()..], budget)
        }
        Some((Token::Any { slashes }, rest)) => {
            for i in 0..=text.len() {
                if i > 0 && !slashes && text[i - 1] == b'/' {
                    break;
                }
                if matches(rest, &text[i..], budget) {
                    return true;
                }
            }
            false
        }
    }
}

/// Aliases made one: `/me` is `/users/{id}` for the signed-in user, `/drive` is `/me/drive`,
/// and a drive item is addressed by id, by path or as the root alike.
fn canonical(path: &str) -> String {
    let path = path.trim_end_matches('/');
    let path = if path.to_ascii_lowercase().starts_with("/drive/")
        || path.eq_ignore_ascii_case("/drive")
    {
        format!("/me{path}")
    } else {
        path.to_string()
    };
    // The regexes here and in `pattern` run only where they can match: this runs for every
    // template and example URL.
    let path = if contains_ignore_case(&path, "/drive/") {
        DRIVE_ITEM
            .replace_all(&path, "/drive/{item}$1")
            .into_owned()
    } else {
        path
    };
    let lower = path.to_ascii_lowercase();
    if lower == "/me" || lower.starts_with("/me/") {
        format!("/users/{{me}}{}", &path[3..])
    } else if path.is_empty() {
        "/".to_string()
    } else {
        path.to_string()
    }
}

fn pattern(template: &RequestTemplate) -> Option<Pattern<'_>> {
    pattern_of_path(template, &template.path)
}

/// The pattern of `template` written as `path` (the template's own, or a form of it).
fn pattern_of_path<'t>(template: &'t RequestTemplate, path: &str) -> Option<Pattern<'t>> {
    let path = if path.contains('[') {
        OPTIONAL_PART.replace_all(path, "")
    } else {
        Cow::Borrowed(path)
    };
    // `rowsBelow(count=n)`, `(includePersonalNotebooks=includePersonalNotebooks-value)`: a
    // bare name as a function argument is a placeholder.
    let path = if path.contains('(') {
        Cow::Owned(BARE_ARGUMENT.replace_all(&path, "$1{$2}$3").into_owned())
    } else {
        path
    };
    // A template that gives a sample GUID for an id documents the id, not that GUID.
    let path = if may_hold_a_guid(&path) {
        Cow::Owned(GUID.replace_all(&path, "{id}").into_owned())
    } else {
        path
    };
    let path = canonical(&path);
    let mut tokens = Vec::new();
    let mut last = 0;
    for m in PLACEHOLDER.find_iter(&path) {
        if m.start() > last {
            tokens.push(Token::Literal(path[last..m.start()].to_string()));
        }
        let name = m.as_str().to_ascii_lowercase();
        tokens.push(Token::Any {
            slashes: name.contains("path") || name.contains("url"),
        });
        last = m.end();
    }
    if last < path.len() {
        tokens.push(Token::Literal(path[last..].to_string()));
    }
    Some(Pattern { template, tokens })
}

/// Whether an example URL is a call to Microsoft Graph (relative, or on a Graph host).
pub fn calls_graph(url: &str) -> bool {
    // `http(s)://host...`, scheme in any case; a URL with no host is a path on Graph.
    let url = url.trim();
    let after_scheme = ["https://", "http://"].iter().find_map(|scheme| {
        url.get(..scheme.len())
            .filter(|head| head.eq_ignore_ascii_case(scheme))
            .map(|_| &url[scheme.len()..])
    });
    let Some(rest) = after_scheme else {
        return true;
    };
    let host = &rest[..rest.find('/').unwrap_or(rest.len())];
    if host.is_empty() {
        return true;
    }
    host.get(..16)
        .is_some_and(|head| head.eq_ignore_ascii_case("graph.microsoft."))
}

/// Reports beta calls and the beta disclaimer on v1.0 pages.
pub fn check_version(cx: &mut PageCheck) {
    let page = cx.page;
    if page.version != "v1.0" {
        return;
    }
    for e in cx.index.examples(&page.path) {
        let Some(request) = &e.request else { continue };
        let Some(c) = VERSION_SEGMENT.captures(request.url.trim()) else {
            continue;
        };
        let version = &c[1];
        if version != "v1.0" {
            cx.at_line(
                request.line,
                codes::VERSION_MISMATCH,
                format!("this v1.0 example calls the `{version}` endpoint"),
            )
            .help = Some("call `https://graph.microsoft.com/v1.0/...`".into());
        }
    }
    for include in &page.includes {
        if include.label.eq_ignore_ascii_case("beta-disclaimer")
            || include.path.contains("beta-disclaimer")
        {
            cx.at(
                include.offset,
                codes::VERSION_MISMATCH,
                "a v1.0 page includes the beta disclaimer",
            )
            .help = Some("remove the include: v1.0 APIs are generally available".into());
        }
    }
}

/// Reports example URLs that match no template, and methods that differ from the template's.
pub fn check(cx: &mut PageCheck) {
    let Some(op) = cx.index.operation(&cx.page.path) else {
        return;
    };
    check_sample_ids(cx, &op.templates);
    let mut patterns: Vec<Pattern> = op.templates.iter().filter_map(pattern).collect();
    // `rowsAbove(count=n)` where the page documents `count` as optional: `rowsAbove` too. The
    // parameter tables are read only on pages whose templates end in a call.
    let calls = op.templates.iter().any(|t| t.path.ends_with(')'));
    let optional = if calls {
        optional_function_parameters(cx.page)
    } else {
        Vec::new()
    };
    for template in op.templates.iter().filter(|_| calls) {
        if let Some(path) = without_optional_arguments(&template.path, &optional) {
            patterns.extend(pattern_of_path(template, path));
        }
    }
    if patterns.is_empty() {
        return;
    }
    for e in cx.index.examples(&cx.page.path) {
        let Some(request) = &e.request else { continue };
        if e.ignored || !calls_graph(&request.url) {
            continue;
        }
        let (written, _) = split_target(&request.url);
        let path = canonical(&written);
        let forms = documented_forms(&path);
        let matching: Vec<&Pattern> = patterns
            .iter()
            .filter(|p| forms.iter().any(|form| p.is_match(form)))
            .collect();
        if matching.is_empty() {
            let nearest = nearest_template(&path, &request.method, &patterns);
            // The caret goes where the example parts from the nearest template, when the
            // path is found as written on the request line.
            let line_start = cx.page.lines().line_start(request.line);
            let line_text = cx.page.text[line_start..].lines().next().unwrap_or("");
            let parting = nearest.and_then(|t| {
                let before_query = &line_text[..line_text.find('?').unwrap_or(line_text.len())];
                let written_at = before_query.rfind(written.as_str())?;
                Some(line_start + written_at + parting_offset(&t.path, &written)?)
            });
            let message = format!(
                "example path `{written}` matches none of the {} request template(s)",
                op.templates.len()
            );
            let elsewhere = documented_elsewhere(cx.index, op, &request.method, &path);
            let d = match parting {
                Some(offset) => cx.at(offset, codes::EXAMPLE_URL_UNMATCHED, message),
                None => cx.at_line(request.line, codes::EXAMPLE_URL_UNMATCHED, message),
            };
            if let Some((other, t)) = elsewhere {
                d.help = Some(format!(
                    "the call matches `{} {}` of `{}` (line {}): move the example there if it \
                     belongs there, or add a template for it to this page",
                    t.method, t.path, other.page, t.line
                ));
                cx.note_addressed_elsewhere(request.line, other);
            } else if let Some(t) = nearest {
                d.help = Some(format!(
                    "the nearest template is `{} {}` at line {}",
                    t.method, t.path, t.line
                ));
            }
            continue;
        }
        let same_method = matching
            .iter()
            .any(|p| p.template.method.eq_ignore_ascii_case(&request.method));
        if !same_method {
            let t = matching[0].template;
            cx.at_line(
                request.line,
                codes::EXAMPLE_METHOD_DIFFERS,
                format!(
                    "the example calls `{}` but the template at line {} says `{}`",
                    request.method, t.line, t.method
                ),
            )
            .help = Some(format!(
                "use `{}`, or document `{}`",
                t.method, request.method
            ));
        }
    }
}

/// The operation of another page whose template, of the same method, matches the (canonical)
/// example path: the call the example makes, when its own page documents none like it. Of
/// several, the one whose template has the most literal text (the most specific), then the
/// first in page order.
fn documented_elsewhere<'a>(
    index: &Index<'a>,
    own: &Operation,
    method: &str,
    path: &str,
) -> Option<(&'a Operation, &'a RequestTemplate)> {
    let forms = documented_forms(path);
    let ends_in_call = path
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains('('));
    let mut keys: Vec<String> = Vec::new();
    for form in &forms {
        let trimmed = form.trim_end_matches('/');
        let (before, last) = trimmed.rsplit_once('/').unwrap_or(("", trimmed));
        // The last segment as a name (`font`), or as a value of a placeholder after the
        // segment before it (`printers/*`); a function call (`filterByCurrentUser(on='x')`)
        // is not taken for a value.
        keys.push(segment_name(last));
        if let Some(previous) = before.rsplit('/').next().filter(|p| !p.is_empty()) {
            if !ends_in_call {
                keys.push(format!("{}/*", segment_name(previous)));
            }
        }
    }
    keys.sort();
    keys.dedup();
    keys.iter()
        .flat_map(|key| index.templates_ending(own.version, key))
        .filter(|(op, t)| op.page != own.page && t.method.eq_ignore_ascii_case(method))
        .filter_map(|(op, t)| {
            let p = pattern(t)?;
            forms
                .iter()
                .any(|form| p.is_match(form))
                .then(|| (p.literal_len(), op, t))
        })
        .min_by(|(a_len, a, _), (b_len, b, _)| b_len.cmp(a_len).then(a.page.cmp(&b.page)))
        .map(|(_, op, t)| (op, t))
}

/// The key a template is indexed under by its last segment (see
/// [`Index::templates_ending`]): the segment's name, before any call arguments, lower-cased
/// (`range(address='<address>')` gives `range`); for a placeholder or a sample id, `*` after the
/// name of the segment before it (`/print/printers/{id}` gives `printers/*`). A path ends as
/// its canonical form (the form example paths are matched in) does: `/me` and a trailing drive
/// item are keyed `users/*` and `drive/*`. `None` for a path that ends in an item path.
pub(crate) fn end_key(template: &str) -> Option<String> {
    let template = if template.contains('[') {
        OPTIONAL_PART.replace_all(template, "")
    } else {
        Cow::Borrowed(template)
    };
    // Keyed as written, save where the canonical form ends otherwise: `/me` is `/users/{me}`,
    // and a drive item at the end (`/drive/items/{id}`, `/drive/root`) is `/drive/{item}`. (The
    // canonical form itself costs five times as much: most templates are workbook paths under
    // a drive item.)
    let path = template.trim_end_matches('/');
    if path.eq_ignore_ascii_case("/me") {
        return Some("users/*".to_string());
    }
    let (before, last) = path.rsplit_once('/').unwrap_or(("", path));
    if last.ends_with(':') {
        return None;
    }
    let mut earlier = before.rsplit('/');
    let previous = earlier.next().filter(|p| !p.is_empty());
    let is_placeholder = |s: &str| {
        (s.starts_with('{') && s.ends_with('}'))
            || (s.starts_with('<') && s.ends_with('>'))
            || (s.starts_with('(') && s.ends_with(')'))
            || is_guid(s)
    };
    let is =
        |segment: Option<&str>, name: &str| segment.is_some_and(|s| s.eq_ignore_ascii_case(name));
    let drive_item = (last.eq_ignore_ascii_case("root") && is(previous, "drive"))
        || (is_placeholder(last) && is(previous, "items") && is(earlier.next(), "drive"));
    if drive_item {
        Some("drive/*".to_string())
    } else if is_placeholder(last) {
        Some(format!("{}/*", segment_name(previous?)))
    } else {
        Some(segment_name(last))
    }
}

/// A segment's name: the text before any call arguments, lower-cased.
fn segment_name(segment: &str) -> String {
    segment[..segment.find('(').unwrap_or(segment.len())].to_ascii_lowercase()
}

/// Whether `path` has the four hyphens of a GUID, before the regex looks for one.
fn may_hold_a_guid(path: &str) -> bool {
    bytecount::count(path.as_bytes(), b'-') >= 4
}

/// Reports templates that write a sample GUID where a placeholder belongs, once per template,
/// at the first.
fn check_sample_ids(cx: &mut PageCheck, templates: &[RequestTemplate]) {
    for template in templates {
        if !may_hold_a_guid(&template.path) {
            continue;
        }
        let ids: Vec<&str> = GUID.find_iter(&template.path).map(|m| m.as_str()).collect();
        let Some(first) = ids.first() else { continue };
        let line_start = cx.page.lines().line_start(template.line);
        let line_text = cx.page.text[line_start..].lines().next().unwrap_or("");
        let message = match ids.len() {
            1 => {
                format!("this template writes the sample id `{first}` where a placeholder belongs")
            }
            n => format!(
                "this template writes {n} sample ids (`{first}`, ...) where placeholders belong"
            ),
        };
        let d = match line_text.find(first) {
            Some(at) => cx.at(line_start + at, codes::TEMPLATE_SAMPLE_ID, message),
            None => cx.at_line(template.line, codes::TEMPLATE_SAMPLE_ID, message),
        };
        let segment = template.path[..template.path.find(first).unwrap_or(0)]
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("");
        d.help = Some(if segment.is_empty() {
            "write a placeholder in braces for each id".into()
        } else {
            format!(
                "write a placeholder in braces for each id, such as `{{{}-id}}` after `/{segment}/`",
                prose::singular(segment)
            )
        });
    }
}

/// The parameters the page's "Function parameters" (or "Parameters") tables call optional:
/// the first cell of each row whose cells say "Optional".
fn optional_function_parameters(page: &Page) -> Vec<&str> {
    let sections: Vec<usize> = ["Function parameters", "Parameters"]
        .iter()
        .flat_map(|name| page.sections_starting(name))
        .collect();
    page.tables
        .iter()
        .filter(|t| t.heading.is_some_and(|h| sections.contains(&h)))
        .flat_map(|t| &t.rows)
        .filter(|row| {
            row.cells
                .iter()
                .skip(1)
                .any(|c| contains_ignore_case(&c.text, "optional"))
        })
        .filter_map(|row| Some(row.cells.first()?.text.trim()))
        .collect()
}

/// A template path that ends in a function call whose every argument is optional
/// (`.../rowsAbove(count=n)`), without the call's arguments (`.../rowsAbove`).
fn without_optional_arguments<'p>(path: &'p str, optional: &[&str]) -> Option<&'p str> {
    let open = path.strip_suffix(')')?.rfind('(')?;
    let arguments = &path[open + 1..path.len() - 1];
    let all_optional = arguments.split(',').all(|argument| {
        let name = argument.split('=').next().unwrap_or("").trim();
        optional.iter().any(|o| o.eq_ignore_ascii_case(name))
    });
    (!arguments.trim().is_empty() && all_optional).then(|| &path[..open])
}

/// The forms of a (canonical) example path a template documents: the path itself; without
/// the function arguments a template may leave out (`delta(token='...')` for `delta`); and
/// without an OData cast or count, which narrow the collection a template addresses.
fn documented_forms(path: &str) -> Vec<Cow<'_, str>> {
    let mut forms = vec![Cow::Borrowed(path)];
    if path.ends_with(')') {
        forms.push(FUNCTION_ARGUMENTS.replace(path, ""));
    }
    if contains_ignore_case(path, "/microsoft.graph.") || path.ends_with("/$count") {
        forms.push(CAST_OR_COUNT.replace(path, ""));
    }
    forms
}

/// The template an unmatched example path most likely meant: one of the example's method if
/// any, then the one whose segments line up best with the example's (in order, gaps allowed:
/// a literal segment equal case aside counts 2, a placeholder or a function of the same name
/// 1), then the one closest in length, then the first on the page.
fn nearest_template<'t>(
    path: &str,
    method: &str,
    patterns: &[Pattern<'t>],
) -> Option<&'t RequestTemplate> {
    let example: Vec<&str> = segments(path).collect();
    patterns
        .iter()
        .enumerate()
        .max_by_key(|(index, p)| {
            let canonical_template = canonical(&p.template.path);
            let template: Vec<&str> = segments(&canonical_template).collect();
            (
                p.template.method.eq_ignore_ascii_case(method),
                aligned_score(&template, &example),
                std::cmp::Reverse(template.len().abs_diff(example.len())),
                std::cmp::Reverse(*index),
            )
        })
        .map(|(_, p)| p.template)
}

/// The non-empty `/`-separated segments of a path.
fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty())
}

/// How well a template segment stands for an example segment: 2 for the same literal (case
/// aside), 1 for a placeholder or a function of the same name (`range(address='<a>')` for
/// `range(address='A1')`), 0 otherwise.
fn segment_score(template: &str, example: &str) -> usize {
    let function = |s: &str| s.split_once('(').map(|(name, _)| name.to_ascii_lowercase());
    if template.eq_ignore_ascii_case(example) {
        2
    } else if template.starts_with('{')
        || function(template).is_some_and(|f| Some(f) == function(example))
    {
        1
    } else {
        0
    }
}

/// The best total [`segment_score`] of the two segment lists lined up in order, gaps allowed
/// (a longest common subsequence with weights).
fn aligned_score(template: &[&str], example: &[&str]) -> usize {
    let mut row = vec![0usize; example.len() + 1];
    for t in template {
        let mut diagonal = 0;
        for (j, e) in example.iter().enumerate() {
            let above = row[j + 1];
            let score = segment_score(t, e);
            let matched = if score > 0 { diagonal + score } else { 0 };
            row[j + 1] = matched.max(above).max(row[j]);
            diagonal = above;
        }
    }
    row[example.len()]
}

/// The byte offset, within `path`, of the first segment of the example that the template's
/// segment at the same place does not stand for: where the two part.
fn parting_offset(template: &str, path: &str) -> Option<usize> {
    let mut template = segments(template);
    let mut offset = 0;
    for segment in path.split('/') {
        if !segment.is_empty() {
            match template.next() {
                Some(t) if segment_score(t, segment) > 0 => {}
                _ => return Some(offset),
            }
        }
        offset += segment.len() + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(path: &str) -> RequestTemplate {
        RequestTemplate {
            method: "GET".into(),
            path: path.into(),
            query: None,
            placeholders: Vec::new(),
            line: 1,
        }
    }

    fn nearest<'t>(templates: &'t [RequestTemplate], method: &str, path: &str) -> &'t str {
        let patterns: Vec<Pattern> = templates.iter().filter_map(pattern).collect();
        &nearest_template(path, method, &patterns)
            .expect("a template")
            .path
    }

    #[test]
    fn a_template_is_indexed_by_its_last_segment_or_the_segment_before_its_placeholder() {
        assert_eq!(
            end_key("/me/drive/items/{id}/workbook/worksheets/{id|name}/range(address='<address>')/format/font").as_deref(),
            Some("font")
        );
        assert_eq!(
            end_key("/print/printers/{id}").as_deref(),
            Some("printers/*")
        );
        assert_eq!(
            end_key("/me/drive/items/{id}/workbook/names/{name}/range").as_deref(),
            Some("range")
        );
        assert_eq!(
            end_key("/education/classes/72a7baec-c3e9-4213-a850-f62de0adad5f").as_deref(),
            Some("classes/*")
        );
        assert_eq!(
            end_key("/me/onenote/pages/{id}/content[?includeIDs=true]").as_deref(),
            Some("content")
        );
        assert_eq!(end_key("/drives/{drive-id}/root:/{item-path}:"), None);
        // As an example path is keyed once canonical: `/me` is `/users/{me}`, a drive item
        // `/drive/{item}`.
        assert_eq!(end_key("/me/").as_deref(), Some("users/*"));
        assert_eq!(end_key("/users/{id}").as_deref(), Some("users/*"));
        assert_eq!(
            end_key("/me/drive/items/{item-id}").as_deref(),
            Some("drive/*")
        );
        assert_eq!(end_key("/me/drive/root").as_deref(), Some("drive/*"));
    }

    #[test]
    fn the_nearest_template_is_the_one_whose_segments_line_up_best() {
        let templates = [
            template("/me/drive/root:/{item-path}:/workbook/tables/{id}/columns/{id}/range/format"),
            template(
                "/me/drive/items/{id}/workbook/worksheets/{id|name}/range(address='<a>')/format",
            ),
            template("/me/drive/items/{id}/workbook/tables/{id}/columns/{id}/range/format"),
        ];
        let example =
            "/me/drive/items/{id}/workbook/worksheets/{sheet-id}/range(address='A1')/format/font";
        assert_eq!(nearest(&templates, "PATCH", example), templates[1].path);
        // Literal segments count more than placeholders, and a closer length breaks ties;
        // `/me` is `/users/{me}` on both sides.
        let templates = [
            template("/users/{id | userPrincipalName}/calendarGroups/{id}/calendars/{id}"),
            template("/users/{id | userPrincipalName}/calendars/{id}"),
            template("/me/calendars/{id}"),
        ];
        let example = canonical("/me/calendar");
        assert_eq!(
            nearest(&templates, "DELETE", &example),
            "/me/calendars/{id}"
        );
    }

    #[test]
    fn the_nearest_template_has_the_examples_method_then_comes_first() {
        let mut put = template("/organization/{id}/branding");
        put.method = "PUT".into();
        let templates = [template("/organization/{id}/branding"), put];
        let nearest_put = |method| nearest(&templates, method, "/organization/x/brandingZ");
        assert_eq!(nearest_put("PUT"), templates[1].path);
        let same = [template("/a/{id}/b"), template("/a/{id}/b")];
        let patterns: Vec<Pattern> = same.iter().filter_map(pattern).collect();
        let first = nearest_template("/a/x/c", "GET", &patterns).unwrap();
        assert!(std::ptr::eq(first, &same[0]));
    }

    #[test]
    fn the_caret_goes_where_the_example_parts_from_its_template() {
        assert_eq!(
            parting_offset("/me/calendars/{id}", "/me/calendar"),
            Some(4)
        );
        assert_eq!(
            parting_offset(
                "/me/drive/items/{id}/workbook",
                "/me/drive/items/x/workbook/font"
            ),
            Some(27)
        );
        assert_eq!(parting_offset("/a/{id}", "/a/x"), None);
    }

    fn matches(template_path: &str, example: &str) -> bool {
        let t = template(template_path);
        let p = pattern(&t).expect("a pattern");
        let path = canonical(&split_target(example).0);
        documented_forms(&path).iter().any(|form| p.is_match(form))
    }

    #[test]
    fn a_cast_or_a_count_narrows_the_documented_collection() {
        let members = "/groups/{id}/transitiveMembers";
        assert!(matches(
            members,
            "/groups/1/transitiveMembers/microsoft.graph.user?$count=true"
        ));
        assert!(matches(members, "/groups/1/transitiveMembers/$count"));
        assert!(matches(
            members,
            "/groups/1/transitiveMembers/microsoft.graph.user/$count"
        ));
        // A cast names no other segment.
        assert!(!matches(members, "/groups/1/owners/microsoft.graph.user"));
        assert!(!matches(
            members,
            "/groups/1/transitiveMembers/x/microsoft.graph.user"
        ));
    }

    #[test]
    fn placeholders_match_values_and_placeholders() {
        assert!(matches(
            "/users/{id}/events",
            "https://graph.microsoft.com/v1.0/users/abc/events"
        ));
        assert!(matches(
            "/users/{id}/events",
            "/users/{user-id}/events?$top=2"
        ));
        assert!(matches(
            "/me/drive/root:/{item-path}:/content",
            "/me/drive/root:/a/b.txt:/content"
        ));
        assert!(matches("/users/{id}/calendar", "/me/calendar"));
        assert!(matches(
            "/me/drive/items/{id}/workbook/worksheets/{id}/range/rowsBelow(count=n)",
            "/me/drive/items/1/workbook/worksheets/2/range/rowsBelow(count=2)"
        ));
        assert!(matches(
            "/me/drive/root:/{item-path}:/workbook/tables",
            "/me/drive/items/01ABC/workbook/tables"
        ));
        assert!(matches(
            "/me/drive/items/{id}/workbook",
            "/drive/root/workbook"
        ));
        assert!(matches(
            "/workbook/names/{name}/range(address='<address>')",
            "/workbook/names/x/range(address='A1:B2')"
        ));
    }

    #[test]
    fn a_call_whose_arguments_are_all_optional_may_leave_them_out() {
        let path = "/me/drive/items/{id}/workbook/worksheets/{id}/range/rowsAbove(count=n)";
        assert_eq!(
            without_optional_arguments(path, &["count"]),
            Some("/me/drive/items/{id}/workbook/worksheets/{id}/range/rowsAbove")
        );
        assert_eq!(without_optional_arguments(path, &[]), None);
        let two = "/reports/getTeamsUserActivityCounts(period='{period}',top={top})";
        assert_eq!(without_optional_arguments(two, &["top"]), None);
        assert_eq!(without_optional_arguments("/me/range()", &["count"]), None);
    }

    #[test]
    fn a_sample_guid_or_a_hyphenated_bare_argument_in_a_template_is_a_placeholder() {
        assert!(matches(
            "/education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments/cf6005fc-9e13-44a2-a6ac-a53322006454",
            "/education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments/ad8afb28-c138-4ad7-b7f5-a6986c2655a8"
        ));
        assert!(matches(
            "/me/onenote/notebooks/getRecentNotebooks(includePersonalNotebooks=includePersonalNotebooks-value)",
            "/me/onenote/notebooks/getRecentNotebooks(includePersonalNotebooks=true)"
        ));
        assert!(!matches(
            "/education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments",
            "/education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/submissions"
        ));
    }

    #[test]
    fn dropped_or_renamed_segments_do_not_match() {
        assert!(!matches(
            "/education/classes/{id}/members/{id}/$ref",
            "/education/classes/1/members/2"
        ));
        assert!(!matches(
            "/workbook/names/add",
            "/workbook/names/addFormulaLocal"
        ));
        assert!(!matches(
            "/domains/contoso.com/serviceConfigurationRecords",
            "/domains/{domain-name}/serviceConfigurationRecords"
        ));
    }
}
