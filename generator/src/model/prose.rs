//! What sentences say: "Inherits from [x]", "Possible values are ...", "Read-only",
//! "returns a `200 OK` response code and a collection of [x] objects".

use crate::page::table::{CodeSpan, Link};
use crate::patterns::patterns;

patterns! {
    static READ_ONLY = r"(?i)\bread[- ]?only\b";
    /// A sentence that opens with "Required" (or the description does), with the rest of it.
    static REQUIRED_SENTENCE = r"(?i)(?:^\s*|[.;]\s+)required\b([^.;]*)";
    /// The other explicit markers: "(required)", "this property is required when a user is
    /// created", "is a required value".
    static REQUIRED_MARKER = r"(?i)\(required\)|\bthis property is required when an? \w+ is created|\bis an? required (?:value|field)\b";
    static NULLABLE = r"(?i)\b(not\s+|non-?)?nullable\b";
    static POSSIBLE_VALUES = r"(?i)\b(possible|supported|allowed|valid)\s+values\b";
    static SENTENCE_END = r"\.(\s+[A-Z(]|\s*$)";
    static PLAIN_VALUE = r"^[A-Za-z_][A-Za-z0-9_.\-]*$";
    static STATUS = r"\b([1-5]\d\d)\s+(?:[A-Z][A-Za-z]*|No [Cc]ontent|Multi-Status)";
    /// A sentence that calls the type it describes abstract: "This is an abstract type", "It is
    /// an abstract type", "An abstract class containing...", "Abstract entity used to...",
    /// "Represents an abstract base type", "The baseItem resource is an abstract resource", "This
    /// superclass is abstract". The words "abstract type" (class, resource...) must open the
    /// sentence, or follow its subject of at most three words and "is" or "represents": a
    /// sentence about another type ("derived from the extension abstract type", "Inherits from
    /// baseItem, which is abstract") does not count, nor "an abstract definition". ASCII classes
    /// (`-u`): with the Unicode ones it took 2.7 ms to compile, on every run, against 0.14.
    static CALLS_ITSELF_ABSTRACT = r"(?i-u)(?:^|[.!?]\s+)(?:(?:[\w*]+\s+){0,3}?(?:is|represents)\s+)?(?:an\s+)?abstract\s+(?:[a-z]+\s+){0,2}?(?:type|class|superclass|entity|resource)\b|(?:^|[.!?]\s+)(?:[\w*]+\s+){1,3}?is\s+abstract\b";
}

/// Whether a type's description calls the type abstract.
pub fn calls_itself_abstract(text: &str) -> bool {
    contains_ignore_case(text, "abstract") && CALLS_ITSELF_ABSTRACT.is_match(text)
}

/// Whether a description says read-only.
pub fn says_read_only(text: &str) -> bool {
    contains_ignore_case(text, "only") && READ_ONLY.is_match(text)
}

/// A cheap ASCII case-insensitive substring test, run before a regex.
pub(crate) fn contains_ignore_case(text: &str, needle: &str) -> bool {
    find_ignore_case(text, needle).is_some()
}

/// The byte offset of the first occurrence of `needle` in `text`, ignoring ASCII case.
///
/// Candidates are found with `memchr2` on the needle's rarest letter (by English letter
/// frequency), not its first one: most descriptions hold many `o`s and `r`s but few `y`s or
/// `q`s, and each false candidate costs a call and a comparison.
#[inline(always)]
pub(crate) fn find_ignore_case(text: &str, needle: &str) -> Option<usize> {
    // Always inlined, so that the anchor of a literal needle is worked out at compile time:
    // with a plain `#[inline]` the loop stayed in, 2% of a `model` run's instructions.
    let mut anchor = 0;
    for (i, &b) in needle.as_bytes().iter().enumerate() {
        if commonness(b) < commonness(needle.as_bytes()[anchor]) {
            anchor = i;
        }
    }
    find_anchored(text.as_bytes(), needle.as_bytes(), anchor)
}

/// [`find_ignore_case`] with candidates found at the needle's byte `anchor`.
fn find_anchored(haystack: &[u8], needle: &[u8], anchor: usize) -> Option<usize> {
    let Some(&byte) = needle.get(anchor) else {
        return Some(0);
    };
    // The anchor of a match lies in `anchor..=last`.
    let last = (haystack.len() + anchor).checked_sub(needle.len())?;
    let (lower, upper) = (byte.to_ascii_lowercase(), byte.to_ascii_uppercase());
    let mut from = anchor;
    while from <= last {
        let at = from + memchr::memchr2(lower, upper, &haystack[from..=last])?;
        let start = at - anchor;
        if haystack[start..start + needle.len()].eq_ignore_ascii_case(needle) {
            return Some(start);
        }
        from = at + 1;
    }
    None
}

/// How common a byte is in English prose, roughly: higher is more common.
#[inline]
fn commonness(byte: u8) -> u8 {
    COMMONNESS[usize::from(byte)]
}

/// [`commonness`] as a table: letters (either case) ranked from `z` up to `e`, the space above
/// them all, digits and punctuation about as rare as `v`.
static COMMONNESS: [u8; 256] = {
    const LETTERS_BY_FREQUENCY: &[u8] = b"zqxjkvbpygfwmucldrhsnioate";
    let mut table = [5u8; 256];
    table[b' ' as usize] = 30;
    let mut rank = 0;
    while rank < LETTERS_BY_FREQUENCY.len() {
        let letter = LETTERS_BY_FREQUENCY[rank];
        table[letter as usize] = rank as u8;
        table[letter.to_ascii_uppercase() as usize] = rank as u8;
        rank += 1;
    }
    table
};

/// Whether `text` starts with `prefix`, ignoring ASCII case.
pub(crate) fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Whether `text` ends with `suffix`, ignoring ASCII case.
pub(crate) fn ends_with_ignore_case(text: &str, suffix: &str) -> bool {
    text.len() >= suffix.len()
        && text.as_bytes()[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// Whether a description marks the property required: a sentence that opens with "Required"
/// and sets no condition ("Required.", "Required on create", "Required but not updated"),
/// "(required)"; not a sentence that only uses the word ("Type of password that is required").
pub fn says_required(text: &str) -> bool {
    contains_ignore_case(text, "required")
        && (REQUIRED_MARKER.is_match(text)
            || REQUIRED_SENTENCE
                .captures_iter(text)
                .any(|c| !sets_condition(&c[1])))
}

/// Whether the rest of a "Required..." sentence makes it conditional ("Required if type is
/// weekly", "Required for users that will be assigned licenses").
fn sets_condition(rest: &str) -> bool {
    rest.split(|c: char| !c.is_ascii_alphabetic()).any(|word| {
        ["if", "when", "for", "unless", "only"]
            .iter()
            .any(|condition| word.eq_ignore_ascii_case(condition))
    })
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
    .filter_map(|p| find_ignore_case(text, p).map(|i| i + p.len()))
    .min()?;
    let after = &text[at..];
    // The link whose text comes first after the phrase; on a tie (`teamsApp` inside
    // `teamsAppInstallation`) the longer text.
    links
        .iter()
        .filter(|l| {
            !l.text.is_empty() && (l.target.contains(".md") || l.target.contains("/resources/"))
        })
        .filter_map(|l| find_ignore_case(after, &l.text).map(|pos| (pos, l)))
        .min_by(|(pa, a), (pb, b)| pa.cmp(pb).then(b.text.len().cmp(&a.text.len())))
        .map(|(_, l)| l)
}

/// What a base type's page says of the types derived from it, in one paragraph.
#[derive(Debug, PartialEq, Eq)]
pub enum DerivedTypes<'a> {
    /// The paragraph speaks of no derived type.
    None,
    /// The links after "the derived types are", "is the base type for" and the like
    /// ("the derived types are [a] and [b]").
    Named(Vec<&'a Link>),
    /// The paragraph announces a list ("Supported derived types:"): the items that follow
    /// name them.
    Listed,
}

/// Reads the derived types a paragraph of a base type's page names: the links after "derived
/// types", "base type for", "base class for" or "base resource for" ("**attachment** is the
/// base resource for the following derived types", "is the base type for [x] and [y]"), or a
/// list announced by the paragraph's closing colon.
pub fn derived_types<'a>(text: &str, links: &'a [Link]) -> DerivedTypes<'a> {
    // Without a link it names no type, and without a closing colon it announces no list.
    let ends_with_colon = text.bytes().rfind(|b| !b.is_ascii_whitespace()) == Some(b':');
    if links.is_empty() && !ends_with_colon {
        return DerivedTypes::None;
    }
    let opens_with_a_link = |after: &str| {
        let after = after.trim_start();
        let after = after.strip_prefix("the ").unwrap_or(after);
        links
            .iter()
            .any(|l| !l.text.is_empty() && after.starts_with(l.text.as_str()))
    };
    // "base class for apply actions in the [x]" names no derived type: a "base ... for"
    // counts only when a link follows it at once.
    let derived = find_ignore_case(text, "derived type").map(|i| i + "derived type".len());
    let base_for = ["base type for", "base class for", "base resource for"]
        .iter()
        .filter_map(|p| find_ignore_case(text, p).map(|i| i + p.len()))
        .filter(|&at| opens_with_a_link(&text[at..]))
        .min();
    let Some(at) = derived.into_iter().chain(base_for).min() else {
        return DerivedTypes::None;
    };
    let after = &text[at..];
    let named: Vec<&Link> = links
        .iter()
        .filter(|l| !l.text.is_empty() && contains_ignore_case(after, &l.text))
        .collect();
    if named.is_empty() && ends_with_colon {
        DerivedTypes::Listed
    } else {
        DerivedTypes::Named(named)
    }
}

/// A naive singular of an English plural path segment, for a placeholder's name: `policies`
/// → `policy`, `classes` → `class`, `users` → `user`, `mailFolders` → `mailFolder`.
pub fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else if let Some(stem) = word.strip_suffix("sses") {
        format!("{stem}ss")
    } else if word.ends_with("ss") {
        word.to_string()
    } else if let Some(stem) = word.strip_suffix('s') {
        stem.to_string()
    } else {
        word.to_string()
    }
}

/// Status codes a Response paragraph mentions, in order (code spans first, then plain text).
pub fn status_codes(text: &str, code: &[CodeSpan]) -> Vec<u16> {
    let mut out: Vec<u16> = Vec::new();
    for span in code {
        let span = span.text.trim();
        if span.bytes().take_while(u8::is_ascii_digit).count() == 3 {
            if let Ok(status) = span[..3].parse::<u16>() {
                if is_registered_status(status) && !out.contains(&status) {
                    out.push(status);
                }
            }
        }
    }
    let mut at = 0;
    while let Some(found) = text.as_bytes()[at..]
        .iter()
        .position(|b| (b'1'..=b'5').contains(b))
    {
        let start = at + found;
        at = match status_at(text, start) {
            Some((status, end)) => {
                // "Office 365 Active" reads like "200 OK": only a registered status counts.
                if let Some(status) =
                    status.filter(|s| is_registered_status(*s) && !out.contains(s))
                {
                    out.push(status);
                }
                end
            }
            None => start + 1,
        };
    }
    out
}

/// Whether `status` is a registered HTTP status code (one with a standard reason phrase).
fn is_registered_status(status: u16) -> bool {
    http::StatusCode::from_u16(status).is_ok_and(|code| code.canonical_reason().is_some())
}

/// Whether [`STATUS`] matches at `start` (a `1` to `5`): the status it captured, if it parses,
/// and the end of the match. The regex's later alternatives begin with a capital letter, so
/// its first one, `[A-Z][A-Za-z]*`, decides every match. Only a non-ASCII character next to
/// the digits (a Unicode digit or word character) needs the regex itself.
fn status_at(text: &str, start: usize) -> Option<(Option<u16>, usize)> {
    let bytes = text.as_bytes();
    let ask_regex = || {
        let c = STATUS.captures_at(text, start)?;
        let whole = c.get(0)?;
        (whole.start() == start).then(|| (c[1].parse::<u16>().ok(), whole.end()))
    };
    match start.checked_sub(1).map(|i| bytes[i]) {
        Some(b) if !b.is_ascii() => return ask_regex(),
        Some(b) if b.is_ascii_alphanumeric() || b == b'_' => return None,
        _ => {}
    }
    let digits = bytes.get(start + 1..start + 3)?;
    if !digits.is_ascii() {
        return ask_regex();
    }
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let after_digits = &text[start + 3..];
    let word = after_digits.trim_start_matches(char::is_whitespace);
    if word.len() == after_digits.len() || !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let letters = word.bytes().take_while(u8::is_ascii_alphabetic).count();
    let end = text.len() - word.len() + letters;
    Some((text[start..start + 3].parse::<u16>().ok(), end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_description_that_calls_its_type_abstract_is_told_from_one_that_names_another() {
        for says_so in [
            "This is an abstract type that will never be instantiated.",
            "An abstract class containing the base properties for Intune mobile apps.",
            "Abstract class that represents the different sets of users.",
            "Abstract entity used to model the commonality between organization types.",
            "Represents an abstract base type for policy types to inherit from.",
            "An abstract resouce type used to represent a threat assessment request item.",
            "Represents a recipient. This superclass is abstract and you cannot create it.",
            "Branding is a property. organizationalBrandingProperties is an abstract class.",
            "Represents a review. It is an abstract type that is inherited by two types.",
            "The baseItem resource is an abstract resource that contains common properties.",
        ] {
            assert!(calls_itself_abstract(says_so), "{says_so}");
        }
        for does_not in [
            "An open extension, which is derived from the extension abstract type.",
            "An open extension, which is derived from an abstract type.",
            "Inherits from baseItem, which is abstract.",
            "An abstract definition that will be used to create a print task.",
            "Custom user flow attributes are an abstraction over schema extensions.",
            "Represents a partnership.",
        ] {
            assert!(!calls_itself_abstract(does_not), "{does_not}");
        }
    }

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
    fn a_collection_segment_is_made_singular() {
        assert_eq!(singular("classes"), "class");
        assert_eq!(singular("categories"), "category");
        assert_eq!(singular("assignments"), "assignment");
        assert_eq!(singular("address"), "address");
        assert_eq!(singular("me"), "me");
    }

    #[test]
    fn derived_type_phrases() {
        let links = |names: &[&str]| -> Vec<Link> {
            names
                .iter()
                .map(|n| Link {
                    text: n.to_string(),
                    target: format!("{}.md", n.to_ascii_lowercase()),
                })
                .collect()
        };
        let named = |text: &str, names: &[&str]| -> Vec<String> {
            match derived_types(text, &links(names)) {
                DerivedTypes::Named(found) => found.iter().map(|l| l.text.clone()).collect(),
                other => panic!("expected named types, got {other:?}"),
            }
        };
        assert_eq!(
            named(
                "This is a base class; the derived types are a, b, and c.",
                &["a", "b", "c"]
            ),
            ["a", "b", "c"]
        );
        assert_eq!(
            named(
                "eventMessage is derived from message. eventMessage is the base type for request and response.",
                &["message", "request", "response"]
            ),
            ["request", "response"]
        );
        let listed =
            "Represents a base class for apply actions in the settings. Supported derived types:";
        assert_eq!(
            derived_types(listed, &links(&["settings"])),
            DerivedTypes::Listed
        );
        assert_eq!(
            derived_types("Inherits from entity.", &links(&["entity"])),
            DerivedTypes::None
        );
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
    fn find_ignore_case_agrees_with_a_lower_cased_search() {
        let texts = [
            "",
            "y",
            "Read-only. Nullable.",
            "READ-ONLY",
            "yyyonly only",
            "onlyonly",
            "Ünïcödé only, Not nullable. Required. Possible VALUES: `a`.",
            "inherited from [x]; Inherited From y",
            "requiredrequired",
            "q required",
        ];
        let needles = [
            "only",
            "required",
            "nullable",
            "values",
            "inherited from",
            "y",
            "",
            "é",
        ];
        for text in texts {
            for needle in needles {
                let expected = text.to_ascii_lowercase().find(&needle.to_ascii_lowercase());
                assert_eq!(
                    find_ignore_case(text, needle),
                    expected,
                    "{needle:?} in {text:?}"
                );
                assert_eq!(contains_ignore_case(text, needle), expected.is_some());
            }
        }
    }

    #[test]
    fn status_scan_agrees_with_the_regex() {
        let texts = [
            "",
            "200 OK",
            "returns 204 No Content response code",
            "a 201 Created, or 207 Multi-Status; 4xx 404 not found; 500  Internal",
            "x200 OK 2000 OK _300 Bad 600 Bad 099 Zero 1000 Ok",
            "(409 Conflict) 412\tPreconditionFailed 429\u{a0}TooMany 202 accepted",
            "é200 OK ٣200 OK 2٠٠ OK 25٠ OK 2٠5 OK 20١ OK",
            "ü 303 See\u{2003}Other 200\u{3000}OK 304",
            "301 A\u{301} 302 Bé",
            "1",
            "12",
            "123",
            "123 ",
        ];
        for text in texts {
            let expected: Vec<u16> = STATUS
                .captures_iter(text)
                .filter_map(|c| c[1].parse().ok())
                .filter(|s| is_registered_status(*s))
                .fold(Vec::new(), |mut out, s| {
                    if !out.contains(&s) {
                        out.push(s);
                    }
                    out
                });
            assert_eq!(status_codes(text, &[]), expected, "{text:?}");
        }
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
    fn only_an_explicit_marker_says_required() {
        for marked in [
            "Required. Title of the plan.",
            "Display name for this policy. Required.",
            "The vendor (for example, Microsoft). Required",
            "Key. Not nullable. Required on create. Immutable.",
            "The media configuration. (Required)",
            "This property is required when a user is created.",
            "The name of the user flow. This is a required value and is immutable.",
            "Read-only. Required but not updated.",
        ] {
            assert!(says_required(marked), "{marked}");
        }
        for unmarked in [
            "The **any** operator is required for filter expressions on multi-valued properties.",
            "Type of password that is required. Possible values are: deviceDefault, required.",
            "This property is only required if a relative query is specified.",
            "Optional. Required when includeResourceData is true.",
            "Required if type is weekly.",
            "The number of times to repeat. Required and must be positive if type is numbered.",
            "Minutes of inactivity before a password is required.",
            "Not required.",
        ] {
            assert!(!says_required(unmarked), "{unmarked}");
        }
    }

    #[test]
    fn response_status_codes() {
        let (text, code) = spans("If successful, this method returns a `200 OK` response code. A `409 Conflict` otherwise.");
        assert_eq!(status_codes(&text, &code), [200, 409]);
        let (text, code) = spans("returns 204 No Content response code");
        assert_eq!(status_codes(&text, &code), [204]);
    }

    #[test]
    fn a_number_before_a_capital_is_a_status_only_if_http_has_it() {
        assert_eq!(status_codes("- Office 365 Active", &[]), [] as [u16; 0]);
        assert_eq!(status_codes("a `365 Active` count", &[]), [] as [u16; 0]);
        let (text, code) = spans("returns `207 Multi-Status` or `422 Unprocessable Entity`");
        assert_eq!(status_codes(&text, &code), [207, 422]);
    }
}
