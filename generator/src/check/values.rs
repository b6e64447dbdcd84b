//! Whether a JSON value fits an Edm primitive, and whether a string is a placeholder.

use super::located::Value;
use crate::model::prose::{ends_with_ignore_case, starts_with_ignore_case};
use crate::patterns::patterns;

/// What holding a value against a primitive type found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The value fits.
    Fits,
    /// The type is not a primitive this module knows; nothing was checked.
    Unknown,
    /// The JSON kind is wrong; `expected` says what to write.
    WrongKind {
        /// Such as "a JSON boolean (`true` or `false`)".
        expected: &'static str,
    },
    /// The kind is right but the text is not in the type's format.
    BadFormat {
        /// Such as "an ISO 8601 date-time".
        expected: &'static str,
    },
}

patterns! {
    // The formats are ASCII: `[0-9]`, not `\d`, which takes any Unicode digit (an Arabic-Indic
    // year would pass) and costs up to fourteen times as long to compile. A text they match is
    // ASCII, so each two-digit group sits at a fixed offset.
    static DATE_TIME = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?([Zz]|[+-][0-9]{2}:?[0-9]{2})?$";
    static DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    static TIME = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?$";
    static DURATION = r"^-?P([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+(\.[0-9]+)?S)?)?$";
    static GUID = r"^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$";
    /// A type name written where a value belongs. Type names are ASCII: `[[:word:]]` compiles in a
    /// fraction of the time of Unicode `\w`.
    static TYPE_PLACEHOLDER = r"(?i)^(?:(?:String|Boolean|Guid|Double|Integer|Int32|Int64|DateTimeOffset|DateTime|Date|TimeOfDay|Timestamp|Binary|Duration)(?: \([^)]*\))?|@odata\.type: *microsoft\.graph\.[[:word:]]+)$";
}

/// Whether the ASCII digits at `at` of `t` make a number in `low..=high`.
fn digits_in_range(t: &str, at: std::ops::Range<usize>, low: u32, high: u32) -> bool {
    t.get(at)
        .and_then(|d| d.parse::<u32>().ok())
        .is_some_and(|v| (low..=high).contains(&v))
}

/// Whether `t` is a date-time: [`DATE_TIME`] with a real month, day, hour and minute.
fn is_date_time(t: &str) -> bool {
    DATE_TIME.is_match(t)
        && digits_in_range(t, 5..7, 1, 12)
        && digits_in_range(t, 8..10, 1, 31)
        && digits_in_range(t, 11..13, 0, 23)
        && digits_in_range(t, 14..16, 0, 59)
}

/// Whether `t` is a date: [`DATE`] with a real month and day.
fn is_date(t: &str) -> bool {
    DATE.is_match(t) && digits_in_range(t, 5..7, 1, 12) && digits_in_range(t, 8..10, 1, 31)
}

/// Holds a value against a primitive (`Edm.Int32`...). Named types give [`Verdict::Unknown`].
pub fn check(type_name: &str, value: &Value) -> Verdict {
    let is_number = matches!(value, Value::Number(_));
    let text = value.as_str();
    let wrong = |expected| Verdict::WrongKind { expected };
    let format = |ok: bool, expected| {
        if ok {
            Verdict::Fits
        } else {
            Verdict::BadFormat { expected }
        }
    };
    match type_name {
        "Edm.String" | "Edm.Binary" => match value {
            Value::String(_) => Verdict::Fits,
            _ => wrong("a JSON string"),
        },
        "Edm.Boolean" => match value {
            Value::Bool(_) => Verdict::Fits,
            _ => wrong("a JSON boolean (`true` or `false`, no quotes)"),
        },
        "Edm.Int16" | "Edm.Int32" | "Edm.Byte" | "Edm.SByte" => match value {
            Value::Number(n) => format(n.parse::<i64>().is_ok(), "an integer"),
            _ => wrong("a JSON number (no quotes)"),
        },
        // OData lets Int64 and Decimal travel as strings (IEEE754Compatible).
        "Edm.Int64" | "Edm.Decimal" => match (value, text) {
            (Value::Number(_), _) => Verdict::Fits,
            (_, Some(t)) if t.trim().parse::<f64>().is_ok() => Verdict::Fits,
            _ => wrong("a JSON number"),
        },
        "Edm.Double" | "Edm.Single" => match (is_number, text) {
            (true, _) => Verdict::Fits,
            (_, Some("NaN" | "INF" | "-INF")) => Verdict::Fits,
            _ => wrong("a JSON number (no quotes)"),
        },
        "Edm.DateTimeOffset" => match text {
            Some(t) => format(
                is_date_time(t),
                "an ISO 8601 date-time such as `2021-07-16T09:30:00Z`",
            ),
            None => wrong("an ISO 8601 date-time string"),
        },
        "Edm.Date" => match text {
            Some(t) => format(is_date(t), "a date such as `2021-07-16`"),
            None => wrong("a date string such as `\"2021-07-16\"`"),
        },
        "Edm.TimeOfDay" => match text {
            Some(t) => format(TIME.is_match(t), "a time of day such as `09:30:00`"),
            None => wrong("a time-of-day string"),
        },
        "Edm.Duration" => match text {
            Some(t) => format(
                DURATION.is_match(t) && !matches!(t.trim_start_matches('-'), "P" | "PT"),
                "an ISO 8601 duration such as `PT1H30M`",
            ),
            None => wrong("an ISO 8601 duration string"),
        },
        "Edm.Guid" => match text {
            Some(t) => format(GUID.is_match(t), "a GUID such as `f3a0b2c1-...`"),
            None => wrong("a GUID string"),
        },
        _ => Verdict::Unknown,
    }
}

/// Whether a string is a placeholder rather than a value: `{id}`, `<token>`, `x-value`,
/// `...`, or a type name such as `String (timestamp)`. Placeholders are not held to a format.
pub fn is_placeholder(s: &str) -> bool {
    let t = s.trim();
    t.is_empty() || has_placeholder_mark(t) || ends_with_value_mark(t) || is_type_placeholder(t)
}

/// Whether `t` ends as a value placeholder does: `skuId-value`, `name_value`, or numbered,
/// `skuId-value-1`, `skuId-value2`.
fn ends_with_value_mark(t: &str) -> bool {
    let unnumbered = t.trim_end_matches(|c: char| c.is_ascii_digit());
    let unnumbered = if unnumbered.len() < t.len() {
        unnumbered.trim_end_matches(['-', '_'])
    } else {
        unnumbered
    };
    ends_with_ignore_case(unnumbered, "-value") || ends_with_ignore_case(unnumbered, "_value")
}

/// Whether `t` contains `{`, `<`, `...`, `…` or ` | `: two memchr scans for the marks' first
/// bytes instead of a substring search per mark (this runs on every string of every payload).
fn has_placeholder_mark(t: &str) -> bool {
    let bytes = t.as_bytes();
    let opening = |i: usize| bytes[i] != b'.' || bytes[i..].starts_with(b"...");
    let bar_or_ellipsis = |i: usize| match bytes[i] {
        b'|' => i > 0 && bytes[i - 1] == b' ' && bytes.get(i + 1) == Some(&b' '),
        // The first byte of `…` (U+2026).
        _ => bytes[i..].starts_with("…".as_bytes()),
    };
    memchr::memchr3_iter(b'{', b'<', b'.', bytes).any(opening)
        || memchr::memchr2_iter(b'|', 0xE2, bytes).any(bar_or_ellipsis)
}

/// Whether [`TYPE_PLACEHOLDER`] may match `t`: ASCII text can only match by starting with the
/// first word of an alternative (in any ASCII case). Text with a non-ASCII byte among the first
/// bytes gives `true`, as case folding may map a non-ASCII letter (`ſ`, the Kelvin sign) to an
/// ASCII one.
fn may_be_type_placeholder(t: &str) -> bool {
    // As long as the longest prefix below, `@odata.type:`.
    const HEAD: usize = 12;
    let bytes = t.as_bytes();
    let head = &bytes[..bytes.len().min(HEAD)];
    if !head.is_ascii() {
        return true;
    }
    let prefixes: &[&str] = match head.first().map(u8::to_ascii_lowercase) {
        Some(b's') => &["string"],
        Some(b'b') => &["boolean", "binary"],
        Some(b'g') => &["guid"],
        Some(b'd') => &["double", "date", "duration"],
        Some(b'i') => &["int"],
        Some(b't') => &["time"],
        Some(b'@') => &["@odata.type:"],
        _ => return false,
    };
    prefixes
        .iter()
        .any(|prefix| starts_with_ignore_case(t, prefix))
}

/// Whether a string is a type name used as a value (`"String"`, `"Guid"`,
/// `"String (timestamp)"`), as JSON representation templates write them.
pub fn is_type_placeholder(s: &str) -> bool {
    let t = s.trim();
    // A cheap test first: the regex would run on every string of every payload.
    may_be_type_placeholder(t) && TYPE_PLACEHOLDER.is_match(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Value<'_> {
        Value::String(text.into())
    }

    #[test]
    fn kinds_must_match_the_primitive() {
        assert_eq!(check("Edm.Boolean", &Value::Bool(false)), Verdict::Fits);
        assert!(matches!(
            check("Edm.Boolean", &s("false")),
            Verdict::WrongKind { .. }
        ));
        assert!(matches!(
            check("Edm.Int32", &s("12")),
            Verdict::WrongKind { .. }
        ));
        assert_eq!(check("Edm.Int64", &s("12")), Verdict::Fits);
        assert!(matches!(
            check("Edm.String", &Value::Number("1")),
            Verdict::WrongKind { .. }
        ));
        assert_eq!(check("microsoft.graph.user", &s("x")), Verdict::Unknown);
    }

    #[test]
    fn formats_are_checked() {
        assert_eq!(
            check("Edm.DateTimeOffset", &s("2021-07-16T09:30:00.123Z")),
            Verdict::Fits
        );
        assert_eq!(
            check("Edm.DateTimeOffset", &s("2021-07-16T09:30:00+02:00")),
            Verdict::Fits
        );
        assert!(matches!(
            check("Edm.DateTimeOffset", &s("2021-13-16T09:30:00Z")),
            Verdict::BadFormat { .. }
        ));
        assert!(matches!(
            check("Edm.DateTimeOffset", &s("yesterday")),
            Verdict::BadFormat { .. }
        ));
        assert_eq!(
            check("Edm.Guid", &s("5d1b7f86-3e0b-4d4f-9b0a-2c4e0b7a1d2e")),
            Verdict::Fits
        );
        assert!(matches!(
            check("Edm.Guid", &s("5d1b7f86")),
            Verdict::BadFormat { .. }
        ));
        assert_eq!(check("Edm.Duration", &s("PT1H30M")), Verdict::Fits);
        assert!(matches!(
            check("Edm.Duration", &s("90 minutes")),
            Verdict::BadFormat { .. }
        ));
        assert_eq!(check("Edm.Date", &s("2021-07-16")), Verdict::Fits);
        assert_eq!(check("Edm.TimeOfDay", &s("09:30:00")), Verdict::Fits);
    }

    #[test]
    fn placeholder_marks_agree_with_substring_searches() {
        let searched = |t: &str| {
            t.contains('{')
                || t.contains('<')
                || t.contains("...")
                || t.contains('…')
                || t.contains(" | ")
        };
        for t in [
            "", ".", "..", "...", "a..b", "a...", "…", "x…y", "\u{2025}", "\u{2027}", "é", "|",
            " |", "| ", " | ", "a | b", "a || b", "a |b", "{", "a<b", "ab", "€", "‖", "....",
        ] {
            assert_eq!(has_placeholder_mark(t), searched(t), "{t:?}");
        }
    }

    #[test]
    fn type_placeholder_prefilter_keeps_every_match() {
        for t in [
            "String",
            "string (timestamp)",
            "INT32",
            "Integer",
            "Int64",
            "DateTimeOffset",
            "datetime",
            "Date",
            "TimeOfDay",
            "Timestamp",
            "Binary",
            "Duration",
            "Guid",
            "Double",
            "Boolean",
            "@odata.type: microsoft.graph.user",
            "@odata.type:microsoft.graph.x",
            "\u{17f}tring",
            "ſtring",
            "Strings",
            "Dates",
            "Int",
            "Time",
            "@odata.type",
            "K",
            "",
            "Strinſ",
            "Bınary",
            "\u{212a}",
            "Da",
            "@ODATA.TYPE: microsoft.graph.user",
            "Timeofday (x)",
            "Binaryé",
            "Guidé",
        ] {
            assert_eq!(
                is_type_placeholder(t),
                TYPE_PLACEHOLDER.is_match(t.trim()),
                "{t:?}"
            );
        }
    }

    #[test]
    fn dates_need_real_fields_in_ascii_digits() {
        for fits in [
            "2021-07-16T09:30:00Z",
            "2021-07-16t09:30",
            "2021-07-16 23:59:59.1234567+02:00",
            "2021-07-16T09:30:00-0800",
        ] {
            assert!(is_date_time(fits), "{fits:?}");
        }
        for bad in [
            "2021-00-16T09:30:00Z",
            "2021-12-31T24:00:00Z",
            "2021-07-32T09:30:00Z",
            "2021-07-16T09:60:00Z",
            "2021-7-16T09:30:00Z",
            "2021-07-16",
            "20210716T093000Z",
            "\u{661}\u{662}21-07-16T09:30:00Z",
            "2021-0\u{661}-16T09:30:00Z",
        ] {
            assert!(!is_date_time(bad), "{bad:?}");
        }
        assert!(is_date("2021-07-16"));
        for bad in [
            "2021-13-01",
            "2021-00-10",
            "2021-01-00",
            "2021-01-32",
            "21-01-01",
            "\u{661}021-07-16",
            "2021-07-16T",
        ] {
            assert!(!is_date(bad), "{bad:?}");
        }
        assert!(TIME.is_match("09:30"));
        assert!(!TIME.is_match("0\u{661}:30"));
        assert!(DURATION.is_match("PT1H"));
        assert!(!DURATION.is_match("PT\u{661}H"));
    }

    #[test]
    fn placeholders_are_recognised() {
        assert!(is_type_placeholder("String (timestamp)"));
        assert!(is_type_placeholder("Guid"));
        assert!(!is_type_placeholder("Strings are fun"));
        assert!(is_placeholder("{user-id}"));
        assert!(is_placeholder("displayName-value"));
        assert!(is_placeholder("skuId-value-1"));
        assert!(is_placeholder("skuId_value2"));
        assert!(!is_placeholder("value-1"));
        assert!(!is_placeholder("2021"));
        assert!(!is_placeholder("Contoso"));
    }
}
