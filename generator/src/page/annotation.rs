//! `<!-- { ... } -->` annotations: the JSON comments that tell tools what a block is.

use super::json::{self, JsonProblem, JsonReading};
use serde::Serialize;
use serde_json::{Map, Value};

/// One annotation comment.
#[derive(Debug, Clone, Serialize)]
pub struct Annotation {
    /// Byte offset of `<!--` in the page.
    pub offset: usize,
    /// 1-based line of `<!--`.
    pub line: usize,
    /// Every key as written (after lenient repair), unknown keys included.
    pub fields: Map<String, Value>,
    /// Why the comment was not strict JSON, when it was not.
    #[serde(skip)]
    pub problem: Option<JsonProblem>,
    /// Index into [`super::Page::blocks`] of the fence this annotation describes.
    pub block: Option<usize>,
    /// Index into [`super::Page::includes`] for `permissions` annotations.
    pub include: Option<usize>,
}

/// What reading a comment as an annotation gave.
#[derive(Debug)]
pub enum CommentReading {
    /// Not an annotation (a uuid, a lint directive, commented-out prose).
    NotAnnotation,
    /// An annotation, possibly repaired.
    Annotation(Map<String, Value>, Option<JsonProblem>),
    /// It looks like an annotation but cannot be read.
    Broken(JsonProblem),
}

/// Reads the body of an HTML comment (between `<!--` and `-->`).
pub fn read_comment(body: &str) -> CommentReading {
    let trimmed = body.trim();
    if !trimmed.starts_with('{') {
        return CommentReading::NotAnnotation;
    }
    match json::read(trimmed) {
        JsonReading::Strict(Value::Object(map)) => CommentReading::Annotation(coerce(map), None),
        JsonReading::Relaxed(Value::Object(map), problem) => {
            CommentReading::Annotation(coerce(map), Some(problem))
        }
        JsonReading::Strict(_) | JsonReading::Relaxed(..) => CommentReading::Broken(JsonProblem {
            line: 1,
            column: 1,
            message: "annotation is not a JSON object".into(),
        }),
        JsonReading::Invalid(problem) => CommentReading::Broken(problem),
    }
}

/// The strings `"true"` and `"false"` mean booleans in annotations.
fn coerce(mut map: Map<String, Value>) -> Map<String, Value> {
    for value in map.values_mut() {
        if let Value::String(s) = value {
            match s.trim() {
                "true" | "True" => *value = Value::Bool(true),
                "false" | "False" => *value = Value::Bool(false),
                _ => {}
            }
        }
    }
    map
}

/// The documented roles of a block.
pub const KNOWN_BLOCK_TYPES: &[&str] = &[
    "ignored",
    "request",
    "response",
    "resource",
    "example",
    "samples",
    "permissions",
];

impl Annotation {
    /// `blockType`, if any (page annotations have none).
    pub fn block_type(&self) -> Option<&str> {
        self.fields.get("blockType").and_then(Value::as_str)
    }

    /// True for the page-level annotation (`"type": "#page.annotation"`).
    pub fn is_page_annotation(&self) -> bool {
        self.block_type().is_none()
            && self
                .fields
                .get("type")
                .and_then(Value::as_str)
                .is_some_and(|t| t.eq_ignore_ascii_case("#page.annotation"))
    }

    /// Example names: `name` is a string or an array of strings.
    pub fn names(&self) -> Vec<String> {
        match self.fields.get("name") {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// `@odata.type` (or the legacy `@type`).
    pub fn odata_type(&self) -> Option<&str> {
        self.fields
            .get("@odata.type")
            .or_else(|| self.fields.get("@type"))
            .and_then(Value::as_str)
    }

    /// A boolean key, `"true"`/`"false"` strings already coerced.
    pub fn flag(&self, key: &str) -> Option<bool> {
        self.fields.get(key).and_then(Value::as_bool)
    }

    /// A string key.
    pub fn string(&self, key: &str) -> Option<&str> {
        self.fields.get(key).and_then(Value::as_str)
    }

    /// `optionalProperties` as a list.
    pub fn optional_properties(&self) -> Vec<String> {
        match self.fields.get("optionalProperties") {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_and_lint_comments_are_not_annotations() {
        assert!(matches!(
            read_comment(" uuid: 8fcb5dbc "),
            CommentReading::NotAnnotation
        ));
        assert!(matches!(
            read_comment(" markdownlint-disable MD041"),
            CommentReading::NotAnnotation
        ));
    }

    #[test]
    fn string_booleans_are_coerced_and_unknown_keys_kept() {
        let CommentReading::Annotation(map, None) = read_comment(
            r#" { "blockType": "response", "truncated": "true", "sampleKeys": ["a"] } "#,
        ) else {
            panic!("expected a strict annotation")
        };
        assert_eq!(map["truncated"], Value::Bool(true));
        assert!(map.contains_key("sampleKeys"));
    }

    #[test]
    fn unquoted_key_is_repaired_with_a_problem() {
        let CommentReading::Annotation(map, Some(problem)) =
            read_comment("{\n \"blockType\": \"response\",\n isCollection: true\n}")
        else {
            panic!("expected a repaired annotation")
        };
        assert_eq!(map["isCollection"], Value::Bool(true));
        assert_eq!(problem.line, 3);
    }
}
