//! What sentences say: "Inherits from [x]", "Possible values are ...", "Read-only",
//! "returns a `200 OK` response code and a collection of [x] objects".

use crate::page::table::{CodeSpan, Link};
use regex::Regex;
use std::sync::LazyLock;

static READ_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bread[- ]?only\b").expect("valid regex"));
static REQUIRED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(\bnot\s+)?\brequired\b").expect("valid regex"));
static NULLABLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(not\s+|non-?)?nullable\b").expect("valid regex"));
static POSSIBLE_VALUES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(possible|supported|allowed|valid)\s+values\b").expect("valid regex")
});
static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\.(\s+[A-Z(]|\s*$)").expect("valid regex"));
static PLAIN_VALUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z_][A-Za-z0-9_.\-]*$").expect("valid regex"));
static STATUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([1-5]\d\d)\s+(?:[A-Z][A-Za-z]*|No [Cc]ontent|Multi-Status)")
        .expect("valid regex")
});

/// Whether a description says read-only.
pub fn says_read_only(text: &str) -> bool {
    contains_ignore_case(text, "only") && READ_ONLY.is_match(text)
}

/// A cheap ASCII case-insensitive substring test, run before a regex.
pub(crate) fn contains_ignore_case(text: &str, needle: &str) -> bool {
    let (haystack, needle) = (text.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else {
        return true;
    };
    memchr::memchr2_iter(
        first.to_ascii_lowercase(),
        first.to_ascii_uppercase(),
        haystack,
    )
    .any(|at| {
        haystack
            .get(at..at + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
    })
}

/// Whether `text` ends with `suffix`, ignoring ASCII case.
pub(crate) fn ends_with_ignore_case(text: &str, suffix: &str) -> bool {
    text.len() >= suffix.len()
        && text.as_bytes()[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// Whether a description says required (and not "not required").
pub fn says_required(text: &str) -> bool {
    contains_ignore_case(text, "required")
        && REQUIRED.captures_iter(text).any(|c| c.get(1).is_none())
}

/// `Some(false)` for "not nullable", `Some(true)` for "nullable", else `None`.
pub fn nullability(text: &str) -> Option<bool> {
    if !contains_ignore_case(text, "nullable") {
        return None;
    }
    let c = NULLABLE.captures(text)?;
    Some(c.get(1).is_none())
}

/// The values listed after "Possible values" in a description with its code spans.
pub fn possible_values(text: &str, code: &[CodeSpan]) -> Vec<String> {
    if !contains_ignore_case(text, "values") {
        return Vec::new();
    }
    let Some(found) = POSSIBLE_VALUES.find(text) else {
        return Vec::new();
    };
    let start = found.end();
    let end = SENTENCE_END
        .find_at(text, start)
        .map_or(text.len(), |m| m.start());
    // A code span may contain a dot (`v1.0`): extend the sentence over spans that straddle it.
    let end = code
        .iter()
        .filter(|s| s.at < end && s.at + s.text.len() > end)
        .map(|s| s.at + s.text.len())
        .max()
        .unwrap_or(end);
    let spans: Vec<String> = code
        .iter()
        .filter(|s| s.at >= start && s.at < end)
        .map(|s| s.text.trim().to_string())
        .filter(|v| !v.is_empty())
        .collect();
    if !spans.is_empty() {
        return spans;
    }
    let list = text.get(start..end).unwrap_or_default();
    let list = list
        .split_once(':')
        .map_or(list, |(_, after)| after)
        .trim_start_matches(|c: char| c.is_whitespace())
        .trim_start_matches("are ")
        .trim_start_matches("is ");
    list.split([',', ';'])
        .flat_map(|part| part.split(" or ").flat_map(|p| p.split(" and ")))
        .map(|v| {
            v.trim()
                .trim_matches(['\'', '"', '*', '.', ' '])
                .to_string()
        })
        .filter(|v| PLAIN_VALUE.is_match(v))
        .collect()
}

/// The link right after "Inherits from" (or "derived from", "subclass of", "base type is")
/// in a sentence. "Base type for [x]" names a derived type and is not inheritance.
pub fn inherits_from<'a>(text: &str, links: &'a [Link]) -> Option<&'a Link> {
    if links.is_empty()
        || !["inherit", "derive", "subclass", "base t", "base c"]
            .iter()
            .any(|w| contains_ignore_case(text, w))
    {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let at = [
        "inherits from",
        "derived from",
        "derives from",
        "subclass of",
        "subclass from",
        "base type is",
        "base type:",
        "base class is",
    ]
    .iter()
    .filter_map(|p| lower.find(p).map(|i| i + p.len()))
    .min()?;
    let after = &lower[at..];
    // The link whose text comes first after the phrase; on a tie (`teamsApp` inside
    // `teamsAppInstallation`) the longer text.
    links
        .iter()
        .filter(|l| {
            !l.text.is_empty() && (l.target.contains(".md") || l.target.contains("/resources/"))
        })
        .filter_map(|l| after.find(&l.text.to_ascii_lowercase()).map(|pos| (pos, l)))
        .min_by(|(pa, a), (pb, b)| pa.cmp(pb).then(b.text.len().cmp(&a.text.len())))
        .map(|(_, l)| l)
}

/// Status codes a Response paragraph mentions, in order (code spans first, then plain text).
pub fn status_codes(text: &str, code: &[CodeSpan]) -> Vec<u16> {
    let mut out: Vec<u16> = Vec::new();
    for span in code {
        let digits: String = span
            .text
            .trim()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if digits.len() == 3 {
            if let Ok(status) = digits.parse::<u16>() {
                if (100..600).contains(&status) && !out.contains(&status) {
                    out.push(status);
                }
            }
        }
    }
    for c in STATUS.captures_iter(text) {
        if let Ok(status) = c[1].parse::<u16>() {
            if !out.contains(&status) {
                out.push(status);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> (String, Vec<CodeSpan>) {
        // Build plain text and spans from a `backticked` string.
        let mut plain = String::new();
        let mut code = Vec::new();
        for (i, part) in text.split('`').enumerate() {
            if i % 2 == 1 {
                code.push(CodeSpan {
                    at: plain.len(),
                    text: part.to_string(),
                });
            }
            plain.push_str(part);
        }
        (plain, code)
    }

    #[test]
    fn possible_values_from_code_spans_stop_at_the_sentence_end() {
        let (text, code) = spans("The status. Possible values: `notStarted`, `inProgress`, `unknownFutureValue`. Supports `$filter`.");
        assert_eq!(
            possible_values(&text, &code),
            ["notStarted", "inProgress", "unknownFutureValue"]
        );
    }

    #[test]
    fn possible_values_in_plain_text() {
        let (text, code) = spans("Role. Possible values are: 'viewer', 'sharer' and 'owner'.");
        assert_eq!(possible_values(&text, &code), ["viewer", "sharer", "owner"]);
    }

    #[test]
    fn inheritance_phrases() {
        let link = |t: &str, d: &str| Link {
            text: t.into(),
            target: d.into(),
        };
        let links = [
            link("teamsApp", "teamsapp.md"),
            link("teamsAppInstallation", "teamsappinstallation.md"),
        ];
        let text = "Represents a teamsApp installed. This type inherits from teamsAppInstallation.";
        assert_eq!(
            inherits_from(text, &links).unwrap().text,
            "teamsAppInstallation"
        );
        let links = [link("educationResource", "educationresource.md")];
        assert!(inherits_from("A subclass of educationResource.", &links).is_some());
        let links = [link("room", "room.md")];
        assert!(inherits_from("Serves as the base type for room.", &links).is_none());
    }

    #[test]
    fn markers() {
        assert!(says_read_only("Unique id. Read-only."));
        assert!(says_required("Required."));
        assert!(!says_required("Not required."));
        assert_eq!(nullability("Not nullable."), Some(false));
        assert_eq!(nullability("Nullable."), Some(true));
        assert_eq!(nullability("Something."), None);
    }

    #[test]
    fn response_status_codes() {
        let (text, code) = spans("If successful, this method returns a `200 OK` response code. A `409 Conflict` otherwise.");
        assert_eq!(status_codes(&text, &code), [200, 409]);
        let (text, code) = spans("returns 204 No Content response code");
        assert_eq!(status_codes(&text, &code), [204]);
    }
}
