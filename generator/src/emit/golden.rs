//! The golden round-trip cases: every JSON example payload of a docs version whose documented
//! type is generated (request bodies, response bodies, collection responses, standalone
//! examples), written as data for the generated crate's `tests/golden.rs` to read each into its
//! type and back.

use crate::model::{ApiModel, Example, Payload};
use crate::page::json::JsonCheck;
use serde::Serialize;
use serde_json::Value;

/// One case, as the generated crate's harness (`runtime::golden::Case`) reads it.
#[derive(Debug, Serialize)]
pub struct Case<'a> {
    /// Page, relative to the docs root.
    pub page: &'a str,
    /// Line where the payload starts.
    pub line: usize,
    /// `request`, `response` or `example`.
    pub role: &'static str,
    /// Qualified type the payload should be an instance of (`Collection(Edm.String)` for a
    /// collection of a primitive).
    #[serde(rename = "type")]
    pub type_name: String,
    /// Whether it is a collection response.
    pub collection: bool,
    /// The payload, when it is JSON (read leniently when it is relaxed JSON).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json: Option<Value>,
    /// Why the payload is not JSON, when it is not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invalid: Option<String>,
    /// Set when the payload's shape differs from what the page documents, but its content
    /// can still be read: `collection-mismatch` (one value documented, `{"value": [...]}`
    /// shown; the items are read) or `value-wrapped` (one value documented, `{"value": {...}}`
    /// shown; the inner object is read). The case counts as a docs defect if the content
    /// passes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shape_defect: Option<ShapeDefect>,
}

/// A payload whose shape differs from the documented one.
#[derive(Debug, Serialize)]
pub struct ShapeDefect {
    /// `collection-mismatch` or `value-wrapped`.
    pub category: &'static str,
    /// What the page says and what the example shows.
    pub detail: String,
}

impl<'a> Case<'a> {
    fn new(
        example: &'a Example,
        payload: &Payload,
        role: &'static str,
        type_name: &str,
        collection: bool,
    ) -> Option<Self> {
        let (json, invalid) = match &payload.json {
            None => return None,
            Some(JsonCheck::Invalid(problem)) => (
                None,
                Some(format!(
                    "not JSON: {} (line {}, column {} of the payload)",
                    problem.message, problem.line, problem.column
                )),
            ),
            Some(JsonCheck::Strict | JsonCheck::Relaxed(_)) => (payload.value(), None),
        };
        if type_name == "Edm.Stream" {
            return None;
        }
        let (type_name, collection) = case_type(type_name, collection);
        Some(Case {
            page: &example.page,
            line: payload.line,
            role,
            type_name,
            collection,
            json,
            invalid,
            shape_defect: None,
        })
    }
}

/// How a case names its type: a primitive collection response is one `{"value": [...]}` value
/// of `Collection(Edm.X)`, not a list of items.
fn case_type(type_name: &str, collection: bool) -> (String, bool) {
    if type_name.starts_with("Edm.") && collection {
        (format!("Collection({type_name})"), false)
    } else {
        (type_name.to_string(), collection)
    }
}

/// The cases of `version`, in page and line order. `Edm.Stream` bodies are not JSON and are
/// left out.
pub fn cases<'a>(model: &'a ApiModel, version: &str) -> Vec<Case<'a>> {
    let mut cases = Vec::new();
    for example in model.examples.iter().filter(|e| e.version == version) {
        let response_type = example.response_type.as_deref();
        if let (Some(body), Some(name)) = (
            example.request.as_ref().and_then(|r| r.body.as_ref()),
            example.request_type.as_deref(),
        ) {
            let collection = example.request_collection;
            cases.extend(Case::new(example, body, "request", name, collection));
        }
        if let (Some(body), Some(name)) = (
            example.response.as_ref().and_then(|r| r.body.as_ref()),
            response_type,
        ) {
            let collection = example.response_collection;
            cases.extend(Case::new(example, body, "response", name, collection));
        }
        if let (Some(body), Some(name)) = (example.standalone.as_ref(), response_type) {
            let collection = example.response_collection;
            cases.extend(Case::new(example, body, "example", name, collection));
        }
    }
    for case in &mut cases {
        mark_shape_defect(model, case);
    }
    cases.sort_by(|a, b| (a.page, a.line, a.role).cmp(&(b.page, b.line, b.role)));
    cases
}

/// Marks a case whose page documents one value of a type without a `value` property but
/// whose payload has a top-level `value`: a collection response, or one value wrapped in
/// `{"value": {...}}` (a habit of some pages).
fn mark_shape_defect(model: &ApiModel, case: &mut Case) {
    if case.collection || has_property(model, &case.type_name, "value") {
        return;
    }
    let Some(Value::Object(body)) = &case.json else {
        return;
    };
    let documented = format!("the page documents one {}", case.type_name);
    match body.get("value") {
        Some(Value::Array(_)) => {
            case.collection = true;
            case.shape_defect = Some(ShapeDefect {
                category: "collection-mismatch",
                detail: format!("{documented}, the example is a collection (`value` array)"),
            });
        }
        Some(inner @ Value::Object(_)) => {
            let inner = inner.clone();
            case.json = Some(inner);
            case.shape_defect = Some(ShapeDefect {
                category: "value-wrapped",
                detail: format!("{documented}, the example wraps it in `{{\"value\": ...}}`"),
            });
        }
        _ => {}
    }
}

/// Whether the type (with its base types) has a property, or is not a documented structured
/// type (a primitive's `value` is its own).
fn has_property(model: &ApiModel, type_name: &str, property: &str) -> bool {
    let mut current = type_name;
    let mut seen = std::collections::HashSet::new();
    while seen.insert(current) {
        let Some(def) = model.types.iter().find(|t| t.name == current) else {
            return seen.len() == 1;
        };
        if def.properties.iter().any(|p| p.name == property) {
            return true;
        }
        match def.base.as_deref() {
            Some(base) => current = base,
            None => return false,
        }
    }
    false
}

/// The cases file (`tests/examples.json` of the generated crate), with its marker first.
pub fn cases_file(model: &ApiModel, version: &str, marker: &str) -> String {
    #[derive(Serialize)]
    struct File<'a> {
        _generated: &'a str,
        cases: Vec<Case<'a>>,
    }
    let file = File {
        _generated: marker,
        cases: cases(model, version),
    };
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_else(|e| {
        // Serialising values read from JSON cannot fail; say so in the file if it ever does.
        format!(
            "{{\"_generated\": {marker:?}, \"error\": {:?}, \"cases\": []}}",
            e.to_string()
        )
    });
    text.push('\n');
    text
}
