//! The golden round-trip harness: every documented example payload is read into the type the
//! docs say it is an instance of, written back, and compared with what the page shows.
//!
//! The comparison is semantic: key order is ignored, numbers compare by value, date-times as
//! instants, and an explicit `null` is never the same as an absent property. Each outcome is
//! one of three:
//! - **passed**: the payload came back the same;
//! - **docs defect**: the example itself is broken or contradicts its page (not JSON, a
//!   placeholder such as `"String (timestamp)"` left in, a value of another JSON kind or format
//!   than the documented type), by category;
//! - **tool failure**: a valid payload that did not come back the same, or an error nothing
//!   explains.
//!
//! It also measures typed coverage: the share of the data leaves of the passed payloads that
//! landed in typed fields rather than in an [`Additional`](super::Additional) bag or an
//! [`Opaque`](super::Opaque) value (leaves under `@odata` annotation keys are not data and are
//! not counted).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

/// The file of cases the generator writes beside the test that runs them.
#[derive(Debug, Deserialize)]
pub struct CaseFile {
    /// The documented example payloads.
    pub cases: Vec<Case>,
}

/// One documented example payload.
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    /// The page, relative to the docs root.
    pub page: String,
    /// The line where the payload starts.
    pub line: usize,
    /// `request`, `response` or `example`.
    pub role: String,
    /// The qualified type the payload should be an instance of.
    #[serde(rename = "type")]
    pub type_name: String,
    /// Whether the payload is a collection response (`{"value": [...]}`).
    pub collection: bool,
    /// The payload, when it is JSON.
    #[serde(default)]
    pub json: Option<Value>,
    /// Why the payload is not JSON, when it is not.
    #[serde(default)]
    pub invalid: Option<String>,
    /// Set when the payload's shape differs from the documented one but its content can be
    /// read (the generator has already unwrapped it): the case is a docs defect of that
    /// category if the content passes.
    #[serde(default)]
    pub shape_defect: Option<ShapeDefect>,
}

/// A payload whose shape differs from the documented one.
#[derive(Debug, Clone, Deserialize)]
pub struct ShapeDefect {
    /// `collection-mismatch` (one value documented, a collection shown) or `value-wrapped`
    /// (one value documented, `{"value": {...}}` shown).
    pub category: String,
    /// What the page says and what the example shows.
    pub detail: String,
}

/// What one case came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Came back the same; the data leaves read, and how many landed in typed fields.
    Passed {
        /// Data leaves in the payload.
        leaves: usize,
        /// Of them, those held by typed fields.
        typed: usize,
        /// The properties that landed in a bag, by name.
        untyped: Vec<String>,
    },
    /// The example is broken or contradicts its page.
    DocsDefect {
        /// `invalid-json`, `placeholder`, `wrong-kind`, `bad-format`, `collection-mismatch`
        /// or `value-wrapped`.
        category: &'static str,
        /// What is wrong, with the JSON path.
        detail: String,
    },
    /// The tool lost or changed something.
    ToolFailure(String),
    /// No generated type has the documented name (it is not counted).
    NoType,
}

/// A type read and written back: what was written, and the part typed fields hold.
#[derive(Debug, Clone)]
pub struct RoundTrip {
    /// The value written back.
    pub written: Value,
    /// The value written with every untyped part left out.
    pub typed: Value,
}

/// Reads `json` as a type and writes it back; the error names the JSON path where reading
/// failed. Generated `round_trip` functions dispatch on the type name to this.
pub fn via<T>(json: Value) -> Result<RoundTrip, String>
where
    T: serde::de::DeserializeOwned + Serialize,
{
    let value: T = super::read_as_text(&json).map_err(|(path, message)| {
        let relative = at_path(&path, &message);
        match relative.strip_prefix("at .") {
            Some(rest) => format!("at $.{rest}"),
            None => format!("at $: {relative}"),
        }
    })?;
    let written = serde_json::to_value(&value).map_err(|e| format!("cannot write back: {e}"))?;
    let typed = super::typed_projection(&value).map_err(|e| format!("cannot write back: {e}"))?;
    Ok(RoundTrip { written, typed })
}

/// An error message with the path where it happened, relative to the value being read
/// (`at .a.b: message`; just the message at the value itself). A message that already names
/// a path below (from a value read in two steps) gets the two paths joined.
pub fn at_path(path: &str, message: &str) -> String {
    let path = path.trim_start_matches('.');
    match (path.is_empty(), message.strip_prefix("at .")) {
        (true, _) => message.to_string(),
        (false, Some(rest)) => format!("at .{path}.{rest}"),
        (false, None) => format!("at .{path}: {message}"),
    }
}

/// The answer of a function that returns a primitive or a collection of one:
/// `{"@odata.context": ..., "value": ...}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueOf<T> {
    /// The value.
    #[serde(default = "absent", skip_serializing_if = "super::Field::is_absent")]
    pub value: super::Field<T>,
    /// The annotations around it.
    #[serde(flatten)]
    pub additional: super::Additional,
}

fn absent<T>() -> super::Field<T> {
    super::Field::Absent
}

/// The signature of a generated `round_trip` function: `None` when no type has the name.
pub type RoundTripFn = fn(&str, Value) -> Option<Result<RoundTrip, String>>;

/// Runs one case.
pub fn run_case(case: &Case, round_trip: RoundTripFn) -> Outcome {
    let json = match (&case.json, &case.invalid) {
        (Some(json), _) => json,
        (None, Some(why)) => {
            return Outcome::DocsDefect {
                category: "invalid-json",
                detail: why.clone(),
            }
        }
        (None, None) => {
            return Outcome::DocsDefect {
                category: "invalid-json",
                detail: "empty payload".into(),
            }
        }
    };
    // A collection is a response's `{"value": [...]}` or a request's bare array.
    let items: Vec<(String, &Value)> = match (case.collection, json, json.get("value")) {
        (true, Value::Array(items), _) => items
            .iter()
            .enumerate()
            .map(|(i, item)| (format!("$[{i}]"), item))
            .collect(),
        (true, _, Some(Value::Array(items))) => items
            .iter()
            .enumerate()
            .map(|(i, item)| (format!("$.value[{i}]"), item))
            .collect(),
        _ => vec![("$".to_string(), json)],
    };
    let (mut leaves, mut typed, mut untyped) = (0, 0, Vec::new());
    for (at, item) in items {
        let trip = match round_trip(&case.type_name, item.clone()) {
            None => return Outcome::NoType,
            Some(Err(error)) => {
                let error = error.replacen("at $", &format!("at {at}"), 1);
                return match classify_error(&error) {
                    Some(category) => Outcome::DocsDefect {
                        category,
                        detail: error,
                    },
                    None => Outcome::ToolFailure(error),
                };
            }
            Some(Ok(trip)) => trip,
        };
        if let Some(path) = difference(item, &trip.written, &at) {
            return Outcome::ToolFailure(format!("written back differently at {path}"));
        }
        leaves += data_leaves(item);
        typed += data_leaves(&trip.typed);
        untyped_properties(item, &trip.typed, &mut untyped);
    }
    match &case.shape_defect {
        Some(defect) => Outcome::DocsDefect {
            category: match defect.category.as_str() {
                "collection-mismatch" => "collection-mismatch",
                "value-wrapped" => "value-wrapped",
                _ => "shape",
            },
            detail: defect.detail.clone(),
        },
        None => Outcome::Passed {
            leaves,
            typed,
            untyped,
        },
    }
}

/// The docs-defect category of a reading error, or `None` when nothing in the example
/// explains it.
pub fn classify_error(error: &str) -> Option<&'static str> {
    if placeholder(error) {
        Some("placeholder")
    } else if error.contains("invalid type:") || error.contains("expected a number") {
        Some("wrong-kind")
    } else if error.contains(" is not ") {
        // The Edm primitives' own messages: "`x` is not an RFC 3339 date-time".
        Some("bad-format")
    } else {
        None
    }
}

/// Whether a reading error is about a placeholder left in the example instead of a value: a
/// type name from the templates (`"String (timestamp)"`, `"Boolean"`, `"Binary"`), the docs'
/// `"name-value"` stand-ins (`"datetime-value"`), a `{placeholder}` or an `<angle-bracketed>`
/// hint, as the error quotes it.
pub fn placeholder(error: &str) -> bool {
    let quoted = error
        .split_once(": ")
        .map_or(error, |(_, message)| message)
        .split(['`', '"'])
        .nth(1)
        .unwrap_or_default();
    const TYPE_NAMES: [&str; 16] = [
        "String",
        "string",
        "Guid",
        "guid",
        "Boolean",
        "Binary",
        "Int32",
        "Int64",
        "Double",
        "DateTimeOffset",
        "datetime",
        "Timestamp",
        "timestamp",
        "Date",
        "TimeOfDay",
        "Duration",
    ];
    TYPE_NAMES
        .iter()
        .any(|name| quoted == *name || quoted.starts_with(&format!("{name} (")))
        || quoted.ends_with("-value")
        || quoted.contains("...")
        || quoted.contains('{')
        || (quoted.starts_with('<') && quoted.ends_with('>'))
}

/// Where two JSON values differ, as a JSON path below `path`; `None` when they are the same
/// (key order aside, numbers by value, date-times as instants, `null` apart from absent).
pub fn difference(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => x
            .keys()
            .chain(y.keys().filter(|key| !x.contains_key(*key)))
            .find_map(|key| {
                let child = format!("{path}.{key}");
                match (x.get(key), y.get(key)) {
                    (Some(u), Some(v)) => difference(u, v, &child),
                    _ => Some(child),
                }
            }),
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (u, v))| difference(u, v, &format!("{path}[{i}]"))),
        (Value::Number(x), Value::Number(y)) => {
            // By value when both are doubles (`1` and `1.0`); numbers beyond a double's range
            // are equal only as written.
            let same_double = matches!((x.as_f64(), y.as_f64()), (Some(u), Some(v)) if u == v);
            (x != y && !same_double).then(|| path.to_string())
        }
        (Value::String(x), Value::String(y)) => {
            (x != y && !same_instant(x, y)).then(|| path.to_string())
        }
        _ => (a != b).then(|| path.to_string()),
    }
}

/// Whether two strings are RFC 3339 date-times of the same instant.
fn same_instant(a: &str, b: &str) -> bool {
    use time::format_description::well_known::Rfc3339;
    match (
        time::OffsetDateTime::parse(a, &Rfc3339),
        time::OffsetDateTime::parse(b, &Rfc3339),
    ) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// The scalar values of `value` (strings, numbers, booleans, nulls), not counting those under
/// an annotation key (one containing `@`, such as `@odata.etag` or `name@odata.type`).
pub fn data_leaves(value: &Value) -> usize {
    match value {
        Value::Object(map) => map
            .iter()
            .filter(|(key, _)| !key.contains('@'))
            .map(|(_, v)| data_leaves(v))
            .sum(),
        Value::Array(items) => items.iter().map(data_leaves).sum(),
        _ => 1,
    }
}

/// The names of the data properties of `original` that `typed` (its typed projection) lacks or
/// holds empty: the properties that landed in a bag.
fn untyped_properties(original: &Value, typed: &Value, names: &mut Vec<String>) {
    match (original, typed) {
        (Value::Object(x), Value::Object(y)) => {
            for (key, value) in x.iter().filter(|(key, _)| !key.contains('@')) {
                match y.get(key) {
                    Some(projected) if data_leaves(projected) > 0 || data_leaves(value) == 0 => {
                        untyped_properties(value, projected, names)
                    }
                    _ => names.push(key.clone()),
                }
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            for (u, v) in x.iter().zip(y) {
                untyped_properties(u, v, names);
            }
        }
        _ => {}
    }
}

/// The outcomes of a run, with the figures the tests print.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    /// Cases whose type is generated.
    pub tried: usize,
    /// Cases that came back the same.
    pub passed: usize,
    /// Docs defects by category: `page:line (role type): detail`.
    pub docs_defects: BTreeMap<&'static str, Vec<String>>,
    /// Tool failures: `page:line (role type): detail`.
    pub tool_failures: Vec<String>,
    /// Cases whose type is not generated.
    pub no_type: usize,
    /// Data leaves in the passed payloads.
    pub leaves: usize,
    /// Of them, those held by typed fields.
    pub typed_leaves: usize,
    /// How often each property name landed in a bag (a property the docs do not list for the
    /// type, or a value of a type they do not define).
    pub untyped_properties: BTreeMap<String, usize>,
}

impl Report {
    /// Runs every case.
    pub fn run(cases: &[Case], round_trip: RoundTripFn) -> Report {
        let mut report = Report::default();
        for case in cases {
            let at = format!(
                "{}:{} ({} {})",
                case.page, case.line, case.role, case.type_name
            );
            match run_case(case, round_trip) {
                Outcome::NoType => {
                    report.no_type += 1;
                    continue;
                }
                Outcome::Passed {
                    leaves,
                    typed,
                    untyped,
                } => {
                    report.passed += 1;
                    report.leaves += leaves;
                    report.typed_leaves += typed;
                    for name in untyped {
                        *report.untyped_properties.entry(name).or_default() += 1;
                    }
                }
                Outcome::DocsDefect { category, detail } => report
                    .docs_defects
                    .entry(category)
                    .or_default()
                    .push(format!("{at}: {detail}")),
                Outcome::ToolFailure(detail) => {
                    report.tool_failures.push(format!("{at}: {detail}"))
                }
            }
            report.tried += 1;
        }
        report
    }

    /// The share of data leaves held by typed fields, in percent.
    pub fn typed_coverage(&self) -> f64 {
        if self.leaves == 0 {
            100.0
        } else {
            100.0 * self.typed_leaves as f64 / self.leaves as f64
        }
    }

    /// How many docs defects there are in all.
    pub fn defect_count(&self) -> usize {
        self.docs_defects.values().map(Vec::len).sum()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "round trip: {} example payloads tried, {} passed, {} docs defects, {} tool failures \
             ({} more name a type that is not generated)",
            self.tried,
            self.passed,
            self.defect_count(),
            self.tool_failures.len(),
            self.no_type
        )?;
        writeln!(
            f,
            "typed coverage: {:.1}% of {} data leaves in passed payloads landed in typed fields",
            self.typed_coverage(),
            self.leaves
        )?;
        let mut untyped: Vec<(&String, &usize)> = self.untyped_properties.iter().collect();
        untyped.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        if !untyped.is_empty() {
            let top: Vec<String> = untyped
                .iter()
                .take(15)
                .map(|(name, count)| format!("{name} ({count})"))
                .collect();
            writeln!(f, "most frequent untyped properties: {}", top.join(", "))?;
        }
        for (category, defects) in &self.docs_defects {
            writeln!(f, "docs defects, {category}: {}", defects.len())?;
            for defect in defects {
                writeln!(f, "  {defect}")?;
            }
        }
        for failure in &self.tool_failures {
            writeln!(f, "tool failure: {failure}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_compare_by_value_as_doubles_and_as_written_beyond_them() {
        let read = |text: &str| serde_json::from_str::<Value>(text).unwrap();
        assert_eq!(difference(&read("1"), &read("1.0"), "$"), None);
        assert_eq!(difference(&read("1e400"), &read("1E+400"), "$"), None);
        assert_eq!(
            difference(&read("1e400"), &read("2e400"), "$"),
            Some("$".to_string())
        );
    }

    #[test]
    fn placeholders_are_told_from_wrong_values() {
        assert!(placeholder(
            "at $.createdDateTime: `String (timestamp)` is not an RFC 3339 date-time"
        ));
        assert!(placeholder(
            "at $.a: `datetime-value` is not an RFC 3339 date-time"
        ));
        assert!(placeholder(
            "at $.b: invalid type: string \"Boolean\", expected a boolean"
        ));
        assert!(placeholder("at $.c: `Binary` is not base64"));
        assert!(placeholder("at $.id: `{user-id}` is not a GUID"));
        assert!(!placeholder(
            "at $.d: `1974-07-22` is not an RFC 3339 date-time"
        ));
        assert!(!placeholder(
            "at $.e: invalid type: string \"false\", expected a boolean"
        ));
    }

    #[test]
    fn errors_are_classified_by_what_the_example_did_wrong() {
        assert_eq!(
            classify_error("at $.size: invalid type: string \"12\", expected i32"),
            Some("wrong-kind")
        );
        assert_eq!(
            classify_error("at $.when: `2021-13-01` is not an RFC 3339 date-time"),
            Some("bad-format")
        );
        assert_eq!(classify_error("at $: recursion limit exceeded"), None);
    }

    #[test]
    fn differences_are_found_by_path_and_compare_semantically() {
        let a = json!({"a": [1, {"b": null}], "n": 1});
        let b = json!({"a": [1, {}], "n": 1.0});
        assert_eq!(difference(&a, &b, "$").as_deref(), Some("$.a[1].b"));
        assert_eq!(difference(&json!({"n": 1}), &json!({"n": 1.0}), "$"), None);
        assert_eq!(
            difference(
                &json!("2021-01-01T10:00:00Z"),
                &json!("2021-01-01T12:00:00+02:00"),
                "$"
            ),
            None
        );
        assert_eq!(
            difference(&json!({"a": 1}), &json!({"a": 1, "b": 2}), "$").as_deref(),
            Some("$.b")
        );
        assert_eq!(
            difference(&json!([1]), &json!([1, 2]), "$").as_deref(),
            Some("$")
        );
    }

    #[test]
    fn paths_of_errors_read_in_two_steps_are_joined() {
        assert_eq!(at_path(".", "bad"), "bad");
        assert_eq!(at_path("a", "bad"), "at .a: bad");
        assert_eq!(at_path("a", "at .b.c: bad"), "at .a.b.c: bad");
    }

    #[test]
    fn properties_left_to_bags_are_named() {
        let original = json!({"a": 1, "b": {"c": 2, "d": 3}, "e": {"f": 1}, "@odata.etag": "x"});
        let typed = json!({"a": 1, "b": {"c": 2}, "e": {}});
        let mut names = Vec::new();
        untyped_properties(&original, &typed, &mut names);
        assert_eq!(names, ["d", "e"]);
    }

    #[test]
    fn annotations_are_not_data_leaves() {
        let value = json!({"@odata.type": "#x", "a": [1, "b", null], "c": {"d@odata.type": "y", "e": true}});
        assert_eq!(data_leaves(&value), 4);
    }
}
