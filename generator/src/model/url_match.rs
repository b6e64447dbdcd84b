//! Request templates as pieces, and example URLs matched against them.
//!
//! A template path (`/drive/items/{id}/workbook/worksheets/{id|name}/range(address='<address>')`)
//! reads as literal pieces with parameters between them. A parameter is a whole path segment
//! (`{id}`), a value inside an OData string literal (`'{period}'`), or an item path after a
//! colon (`root:/{item-path}:`), which may hold `/`. The route emitter builds paths from the
//! pieces; the replay and the checker match example URLs against them.

use super::operations::split_target;
use foldhash::HashSet;

/// How a parameter sits in the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamStyle {
    /// A path segment or part of one (`/users/{id}`, `/items('{id}')` without quotes around).
    Segment,
    /// Inside an OData string literal (`(period='{period}')`): quotes are doubled.
    Quoted,
    /// An item path after a colon (`root:/{item-path}:`): may hold `/`.
    ItemPath,
}

/// A piece of a template path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text as written (`/identityGovernance/accessReviews/definitions/`).
    Literal(String),
    /// A placeholder.
    Param {
        /// The name as written inside the braces, trimmed (`id | userPrincipalName`).
        name: String,
        /// How it sits.
        style: ParamStyle,
    },
}

/// A template path read into pieces.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PathTemplate {
    /// The pieces in order; literals and parameters alternate or sit side by side.
    pub pieces: Vec<Piece>,
    /// Query names from optional bracketed parts (`content[?includeIDs=true]`), which are
    /// left out of the pieces.
    pub optional_query: Vec<String>,
}

impl PathTemplate {
    /// The parameters in order.
    pub fn params(&self) -> impl Iterator<Item = (&str, ParamStyle)> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Param { name, style } => Some((name.as_str(), *style)),
            Piece::Literal(_) => None,
        })
    }

    /// How many literal characters the template has: of two templates an URL matches, the one
    /// with more literal text is the more specific.
    pub fn literal_len(&self) -> usize {
        self.pieces
            .iter()
            .map(|p| match p {
                Piece::Literal(text) => text.len(),
                Piece::Param { .. } => 0,
            })
            .sum()
    }
}

/// Reads a template path (host, version and query already split off) into pieces.
pub fn parse_template(path: &str) -> PathTemplate {
    let mut out = PathTemplate::default();
    let mut literal = String::new();
    let mut rest = path;
    while let Some(c) = rest.chars().next() {
        // `/classes/72a7baec-.../assignments`: a sample GUID written where a placeholder belongs
        // documents the id, not that GUID (the checker reports it as `template-sample-id`).
        if literal.ends_with('/') {
            let segment = &rest[..rest.find('/').unwrap_or(rest.len())];
            if is_guid(segment) {
                out.pieces
                    .push(Piece::Literal(std::mem::take(&mut literal)));
                out.pieces.push(Piece::Param {
                    name: "id".to_string(),
                    style: ParamStyle::Segment,
                });
                rest = &rest[segment.len()..];
                continue;
            }
        }
        let after = &rest[c.len_utf8()..];
        let placeholder = match c {
            '{' => after.find('}').map(|end| (&after[..end], end + 2)),
            '<' => after.find('>').map(|end| (&after[..end], end + 2)),
            // `/(team-id)/`: a parenthesised name that is a whole segment.
            '(' if literal.ends_with('/') => after
                .find(')')
                .filter(|&end| {
                    let name = &after[..end];
                    let next = after[end + 1..].chars().next();
                    !name.is_empty()
                        && name.starts_with(|c: char| c.is_ascii_alphabetic())
                        && name
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                        && matches!(next, None | Some('/'))
                })
                .map(|end| (&after[..end], end + 2)),
            '[' => {
                // An optional part: `[?includeIDs=true]`.
                if let Some(end) = after.find(']') {
                    let inner = after[..end].trim_start_matches('?');
                    for pair in inner.split('&') {
                        let name = pair.split('=').next().unwrap_or("").trim();
                        if !name.is_empty() {
                            out.optional_query.push(name.to_string());
                        }
                    }
                    rest = &after[end + 1..];
                    continue;
                }
                None
            }
            _ => None,
        };
        match placeholder {
            Some((name, consumed)) if !name.trim().is_empty() => {
                let following = &rest[consumed..];
                let style = if literal.ends_with('\'') && following.starts_with('\'') {
                    ParamStyle::Quoted
                } else if literal.ends_with(':') || literal.ends_with(":/") {
                    ParamStyle::ItemPath
                } else {
                    ParamStyle::Segment
                };
                if !literal.is_empty() {
                    out.pieces
                        .push(Piece::Literal(std::mem::take(&mut literal)));
                }
                out.pieces.push(Piece::Param {
                    name: name.trim().to_string(),
                    style,
                });
                rest = following;
            }
            _ => {
                literal.push(c);
                rest = after;
            }
        }
    }
    if !literal.is_empty() {
        out.pieces.push(Piece::Literal(literal));
    }
    out
}

/// Whether `text` is a GUID in its usual form (`72a7baec-c3e9-4213-a850-f62de0adad5f`).
pub fn is_guid(text: &str) -> bool {
    text.len() == 36
        && text.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// Why an example URL cannot be matched against its page's templates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlDefect {
    /// The URL names a host other than Graph's (`https://bot.contoso.com/callback`).
    OtherHost,
    /// The URL addresses the beta endpoint on a v1.0 page (or another version).
    OtherVersion,
    /// No template of the page has the example's method.
    MethodNotDocumented,
    /// The method is documented, but no template of that method matches the path.
    NoTemplateMatches,
}

impl UrlDefect {
    /// A short stable name for counting (`no-template-matches`).
    pub fn kind(&self) -> &'static str {
        match self {
            UrlDefect::OtherHost => "url-other-host",
            UrlDefect::OtherVersion => "url-other-version",
            UrlDefect::MethodNotDocumented => "method-not-documented",
            UrlDefect::NoTemplateMatches => "no-template-matches",
        }
    }
}

/// An example URL read for matching: its path and query as written, host and version gone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleUrl {
    /// The path, as written (still percent-encoded where the docs encoded it).
    pub path: String,
    /// The query pairs, percent-decoded, in order.
    pub query: Vec<(String, String)>,
}

/// Reads an example URL: a Graph URL of `version` (`https://graph.microsoft.com/v1.0/me`) or a
/// relative one (`/me/drive`).
pub fn read_example_url(url: &str, version: &str) -> Result<ExampleUrl, UrlDefect> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    if let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    {
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        if !host.starts_with("graph.microsoft.") {
            return Err(UrlDefect::OtherHost);
        }
        let first = path.split(['/', '?']).next().unwrap_or("");
        if first != version.to_ascii_lowercase() {
            return Err(UrlDefect::OtherVersion);
        }
    } else if lower.starts_with("/beta/") && version != "beta" {
        return Err(UrlDefect::OtherVersion);
    }
    let (path, query) = split_target(url);
    let mut path = path;
    if path.len() > 1 && path.ends_with('/') {
        path.pop();
    }
    Ok(ExampleUrl {
        path,
        query: query.as_deref().map(query_pairs).unwrap_or_default(),
    })
}

/// Splits a query string into percent-decoded pairs (`$top=5&$select=id` gives two pairs; a
/// name without `=` has an empty value).
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
        .collect()
}

/// Percent-decodes `%XX` escapes (invalid UTF-8 replaced); anything else is kept.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Longest path this matcher reads; longer example paths match nothing.
const MAX_PATH: usize = 8 * 1024;

/// Matches an example path (as written, host and version gone) against a template: literal
/// pieces equal ASCII case-insensitively, each parameter captures a non-empty value (a
/// segment parameter stops at `/`). Gives the values as written, in parameter order.
pub fn match_path(template: &PathTemplate, path: &str) -> Option<Vec<String>> {
    if path.len() > MAX_PATH {
        return None;
    }
    let mut failed = HashSet::default();
    let mut values = Vec::new();
    matches_from(&template.pieces, 0, path, 0, &mut values, &mut failed).then_some(values)
}

fn matches_from(
    pieces: &[Piece],
    index: usize,
    path: &str,
    at: usize,
    values: &mut Vec<String>,
    failed: &mut HashSet<(usize, usize)>,
) -> bool {
    let Some(piece) = pieces.get(index) else {
        return at == path.len();
    };
    if failed.contains(&(index, at)) {
        return false;
    }
    let rest = &path[at..];
    let found = match piece {
        Piece::Literal(text) => {
            let text = text.as_bytes();
            rest.len() >= text.len()
                && rest.as_bytes()[..text.len()].eq_ignore_ascii_case(text)
                && rest.is_char_boundary(text.len())
                && matches_from(pieces, index + 1, path, at + text.len(), values, failed)
        }
        Piece::Param { style, .. } => {
            let limit = match style {
                ParamStyle::Segment => rest.find('/').unwrap_or(rest.len()),
                ParamStyle::Quoted | ParamStyle::ItemPath => rest.len(),
            };
            // Shortest value first: a value ends where the rest of the template can follow.
            let mut found = false;
            for (end, _) in rest[..limit]
                .char_indices()
                .skip(1)
                .chain(std::iter::once((limit, ' ')))
            {
                if end == 0 {
                    continue;
                }
                values.push(rest[..end].to_string());
                if matches_from(pieces, index + 1, path, at + end, values, failed) {
                    found = true;
                    break;
                }
                values.pop();
            }
            found
        }
    };
    if !found {
        failed.insert((index, at));
    }
    found
}

/// The value a stub is to be called with for a captured value: percent-decoded and, inside an
/// OData string literal, with doubled quotes undone.
pub fn argument(captured: &str, style: ParamStyle) -> String {
    let value = decode(captured);
    match style {
        ParamStyle::Quoted => value.replace("''", "'"),
        ParamStyle::Segment | ParamStyle::ItemPath => value,
    }
}

/// Of `templates` (method, template), the index of the one an example request matches, with
/// the captured values: among those with the example's method whose path matches, the one
/// with the most literal text.
pub fn best_match<'t>(
    method: &str,
    path: &str,
    templates: impl IntoIterator<Item = (&'t str, &'t PathTemplate)>,
) -> Result<(usize, Vec<String>), UrlDefect> {
    let mut method_seen = false;
    let mut best: Option<(usize, usize, Vec<String>)> = None;
    for (i, (template_method, template)) in templates.into_iter().enumerate() {
        if !template_method.eq_ignore_ascii_case(method) {
            continue;
        }
        method_seen = true;
        if let Some(values) = match_path(template, path) {
            let score = template.literal_len();
            let better = match &best {
                Some((best_score, _, _)) => score > *best_score,
                None => true,
            };
            if better {
                best = Some((score, i, values));
            }
        }
    }
    match best {
        Some((_, i, values)) => Ok((i, values)),
        None if method_seen => Err(UrlDefect::NoTemplateMatches),
        None => Err(UrlDefect::MethodNotDocumented),
    }
}

/// Whether `path` matches a template once its trailing OData segments (`/$count`, a cast
/// such as `/microsoft.graph.group`) are taken off: OData allows them after any collection or
/// entity the templates address.
pub fn matches_after_odata_suffix(
    method: &str,
    path: &str,
    templates: &[(&str, &PathTemplate)],
) -> bool {
    let mut path = path;
    for _ in 0..2 {
        let Some((rest, last)) = path.rsplit_once('/') else {
            return false;
        };
        if !(last.eq_ignore_ascii_case("$count") || last.starts_with("microsoft.graph.")) {
            return false;
        }
        path = rest;
        if best_match(method, path, templates.iter().copied()).is_ok() {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> Piece {
        Piece::Literal(s.to_string())
    }

    fn param(name: &str, style: ParamStyle) -> Piece {
        Piece::Param {
            name: name.to_string(),
            style,
        }
    }

    #[test]
    fn a_template_reads_as_literals_and_parameters() {
        let t = parse_template("/users/{id | userPrincipalName}/calendars/{id}/events");
        assert_eq!(
            t.pieces,
            [
                lit("/users/"),
                param("id | userPrincipalName", ParamStyle::Segment),
                lit("/calendars/"),
                param("id", ParamStyle::Segment),
                lit("/events"),
            ]
        );
    }

    #[test]
    fn function_arguments_in_quotes_are_quoted_parameters() {
        let t = parse_template("/reports/getEmailActivityUserDetail(period='{period_value}')");
        assert_eq!(
            t.pieces,
            [
                lit("/reports/getEmailActivityUserDetail(period='"),
                param("period_value", ParamStyle::Quoted),
                lit("')"),
            ]
        );
        let t = parse_template("/reports/getX(date={date_value})");
        assert_eq!(t.pieces[1], param("date_value", ParamStyle::Segment));
        let t = parse_template(
            "/me/drive/items/{id}/workbook/worksheets/{id|name}/range(address='<address>')",
        );
        assert_eq!(t.pieces[5], param("address", ParamStyle::Quoted));
    }

    #[test]
    fn colon_paths_are_item_path_parameters() {
        let t = parse_template("/drives/{drive-id}/root:/{item-path}:/content");
        assert_eq!(
            t.pieces,
            [
                lit("/drives/"),
                param("drive-id", ParamStyle::Segment),
                lit("/root:/"),
                param("item-path", ParamStyle::ItemPath),
                lit(":/content"),
            ]
        );
    }

    #[test]
    fn parenthesised_segments_and_optional_parts() {
        let t = parse_template("/teams/(team-id)/channels");
        assert_eq!(t.pieces[1], param("team-id", ParamStyle::Segment));
        let t = parse_template("/me/onenote/pages/{id}/content[?includeIDs=true]");
        assert_eq!(t.pieces.last(), Some(&lit("/content")));
        assert_eq!(t.optional_query, ["includeIDs"]);
        // A function call is not a parenthesised segment.
        let t = parse_template("/me/drive/recent()");
        assert_eq!(t.pieces, [lit("/me/drive/recent()")]);
    }

    #[test]
    fn a_sample_guid_segment_is_an_id_parameter() {
        let t = parse_template(
            "/education/classes/72a7baec-c3e9-4213-a850-f62de0adad5f/assignments/{id}",
        );
        assert_eq!(
            t.pieces,
            [
                lit("/education/classes/"),
                param("id", ParamStyle::Segment),
                lit("/assignments/"),
                param("id", ParamStyle::Segment),
            ]
        );
        // Only a whole segment: a GUID inside a segment or an argument stays text.
        let t = parse_template("/x/a72a7baec-c3e9-4213-a850-f62de0adad5f");
        assert_eq!(t.pieces, [lit("/x/a72a7baec-c3e9-4213-a850-f62de0adad5f")]);
        assert!(is_guid("72A7BAEC-c3e9-4213-a850-f62de0adad5f"));
        assert!(!is_guid("72a7baec-c3e9-4213-a850-f62de0adad5"));
        assert!(!is_guid("72a7baec_c3e9-4213-a850-f62de0adad5f"));
    }

    #[test]
    fn example_paths_match_and_give_their_values() {
        let t = parse_template("/users/{id}/calendars/{id}/events");
        assert_eq!(
            match_path(&t, "/Users/a%40b.com/calendars/AAMk=/events"),
            Some(vec!["a%40b.com".to_string(), "AAMk=".to_string()])
        );
        assert_eq!(match_path(&t, "/users/a/b/calendars/c/events"), None);
        assert_eq!(match_path(&t, "/users//calendars/c/events"), None);
        let t = parse_template("/drive/root:/{item-path}:/content");
        assert_eq!(
            match_path(&t, "/drive/root:/Documents/Q1 plan.docx:/content"),
            Some(vec!["Documents/Q1 plan.docx".to_string()])
        );
        let t = parse_template("/reports/getOffice365ActiveUserDetail(period='{period_value}')");
        assert_eq!(
            match_path(&t, "/reports/getOffice365ActiveUserDetail(period='D7')"),
            Some(vec!["D7".to_string()])
        );
    }

    #[test]
    fn the_most_specific_template_wins() {
        let by_id = parse_template("/me/drive/items/{id}");
        let root = parse_template("/me/drive/root");
        let any = parse_template("/me/drive/{x}");
        let templates = [("GET", &any), ("GET", &by_id), ("GET", &root)];
        assert_eq!(best_match("GET", "/me/drive/root", templates).unwrap().0, 2);
        assert_eq!(
            best_match("get", "/me/drive/items/1", templates).unwrap().0,
            1
        );
        assert_eq!(
            best_match("POST", "/me/drive/root", templates),
            Err(UrlDefect::MethodNotDocumented)
        );
        assert_eq!(
            best_match("GET", "/you/drive", templates),
            Err(UrlDefect::NoTemplateMatches)
        );
    }

    #[test]
    fn example_urls_lose_host_and_version_and_keep_their_query() {
        let url = read_example_url(
            "https://graph.microsoft.com/v1.0/me/events?$select=subject,body&$top=5&$filter=name eq 'a%20b'",
            "v1.0",
        )
        .unwrap();
        assert_eq!(url.path, "/me/events");
        assert_eq!(
            url.query,
            [
                ("$select".to_string(), "subject,body".to_string()),
                ("$top".to_string(), "5".to_string()),
                ("$filter".to_string(), "name eq 'a b'".to_string()),
            ]
        );
        assert_eq!(
            read_example_url("/me/drive/", "v1.0").unwrap().path,
            "/me/drive"
        );
        assert_eq!(
            read_example_url("https://graph.microsoft.com/beta/me", "v1.0"),
            Err(UrlDefect::OtherVersion)
        );
        assert_eq!(
            read_example_url("https://bot.contoso.com/callback", "v1.0"),
            Err(UrlDefect::OtherHost)
        );
    }

    #[test]
    fn arguments_are_decoded_and_unquoted() {
        assert_eq!(argument("a%2Fb%20c", ParamStyle::Segment), "a/b c");
        assert_eq!(argument("O''Neil", ParamStyle::Quoted), "O'Neil");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%e2%82%ac"), "€");
    }
}
