//! Example payloads through the generated models: every JSON body of a `docs-input/` v1.0
//! example whose documented type is generated is read into that type and written back, and
//! must come back the same (key order aside, numbers by value, `null` kept apart from absent,
//! unknown properties and `@odata` annotations kept). A failure names the page, the line and
//! the JSON path. A payload that is itself broken (a placeholder such as `"String
//! (timestamp)"`) is a docs defect, counted apart from tool failures.

mod common;

use graph_docgen::model::{self, Example, Payload};
use serde_json::Value;

/// Where two JSON values differ, as a JSON path (`$.scope.principalScopes[0]`).
fn difference(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for key in x.keys().chain(y.keys()) {
                let child = format!("{path}.{key}");
                match (x.get(key), y.get(key)) {
                    (Some(u), Some(v)) => {
                        if let Some(found) = difference(u, v, &child) {
                            return Some(found);
                        }
                    }
                    _ => return Some(child),
                }
            }
            None
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return Some(path.to_string());
            }
            x.iter()
                .zip(y)
                .enumerate()
                .find_map(|(i, (u, v))| difference(u, v, &format!("{path}[{i}]")))
        }
        (Value::Number(x), Value::Number(y)) => {
            (x.as_f64() != y.as_f64()).then(|| path.to_string())
        }
        _ => (a != b).then(|| path.to_string()),
    }
}

/// Whether a type error is about a placeholder left in the example instead of a value: a type
/// name from the templates (`"String (timestamp)"`, `"Boolean"`, `"Binary"`) or the docs'
/// `"name-value"` stand-ins (`"datetime-value"`), as the runtime quotes them in its errors.
fn placeholder(error: &str) -> bool {
    let quoted = error.split(['`', '"']).nth(1).unwrap_or_default();
    let type_names = [
        "String",
        "string",
        "Guid",
        "Boolean",
        "Binary",
        "Int32",
        "Int64",
        "Double",
        "DateTimeOffset",
    ];
    type_names
        .iter()
        .any(|name| quoted == *name || quoted.starts_with(&format!("{name} (")))
        || quoted.ends_with("-value")
        || (quoted.starts_with('<') && quoted.ends_with('>'))
}

enum Outcome {
    Passed,
    DocsDefect(String),
    ToolFailure(String),
}

fn try_payload(
    example: &Example,
    payload: &Payload,
    type_name: &str,
    collection: bool,
) -> Option<Outcome> {
    let json = payload.value()?;
    let items: Vec<Value> = match (collection, json.get("value")) {
        (true, Some(Value::Array(items))) => items.clone(),
        _ => vec![json],
    };
    let at = format!("{}:{}", example.page, payload.line);
    for item in items {
        let back = graph_models::models::round_trip(type_name, item.clone())?;
        match back {
            Err(error) if placeholder(&error.to_string()) => {
                return Some(Outcome::DocsDefect(format!("{at}: {error}")))
            }
            Err(error) => return Some(Outcome::ToolFailure(format!("{at}: {error}"))),
            Ok(back) => {
                if let Some(path) = difference(&item, &back, "$") {
                    return Some(Outcome::ToolFailure(format!("{at}: differs at {path}")));
                }
            }
        }
    }
    Some(Outcome::Passed)
}

#[test]
fn every_seed_example_round_trips_or_is_a_docs_defect() {
    let seeds = model::build_from_roots(&[common::workspace().join("docs-input")]);
    let (mut passed, mut defects, mut failures) = (0, Vec::new(), Vec::new());
    for example in seeds.examples.iter().filter(|e| e.version == "v1.0") {
        let mut outcomes = Vec::new();
        if let (Some(body), Some(name)) = (
            example.response.as_ref().and_then(|r| r.body.as_ref()),
            example.response_type.as_deref(),
        ) {
            outcomes.extend(try_payload(
                example,
                body,
                name,
                example.response_collection,
            ));
        }
        if let (Some(body), Some(name)) = (
            example.request.as_ref().and_then(|r| r.body.as_ref()),
            example.request_type.as_deref(),
        ) {
            outcomes.extend(try_payload(example, body, name, false));
        }
        for outcome in outcomes {
            match outcome {
                Outcome::Passed => passed += 1,
                Outcome::DocsDefect(why) => defects.push(why),
                Outcome::ToolFailure(why) => failures.push(why),
            }
        }
    }
    eprintln!(
        "round trips: {passed} passed, {} docs defects, {} tool failures",
        defects.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(passed >= 2, "the update request and response of the seeds");
}

#[test]
fn a_placeholder_in_an_example_is_a_docs_defect() {
    let seeds = model::build_from_roots(&[common::workspace().join("docs-input")]);
    let draft = seeds
        .examples
        .iter()
        .find(|e| e.page == "beta/api/accessreviewinstance-create.md" && e.response.is_some())
        .expect("the beta draft has a response example");
    let body = draft.response.as_ref().unwrap().body.as_ref().unwrap();
    let outcome = try_payload(draft, body, "microsoft.graph.accessReviewInstance", false).unwrap();
    assert!(matches!(outcome, Outcome::DocsDefect(ref why) if why.contains("String (timestamp)")));
}

#[test]
fn placeholders_are_told_from_wrong_values() {
    assert!(placeholder(
        "`String (timestamp)` is not an RFC 3339 date-time"
    ));
    assert!(placeholder("`datetime-value` is not an RFC 3339 date-time"));
    assert!(placeholder(
        "invalid type: string \"Boolean\", expected a boolean"
    ));
    assert!(placeholder("`Binary` is not base64"));
    assert!(!placeholder("`1974-07-22` is not an RFC 3339 date-time"));
    assert!(!placeholder(
        "invalid type: string \"false\", expected a boolean"
    ));
}

#[test]
fn differences_are_found_by_path_and_numbers_compare_by_value() {
    let a = serde_json::json!({"a": [1, {"b": null}], "n": 1});
    let b = serde_json::json!({"a": [1, {}], "n": 1.0});
    assert_eq!(difference(&a, &b, "$").as_deref(), Some("$.a[1].b"));
    assert_eq!(
        difference(
            &serde_json::json!({"n": 1}),
            &serde_json::json!({"n": 1.0}),
            "$"
        ),
        None
    );
}
