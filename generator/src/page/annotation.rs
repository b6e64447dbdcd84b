//! `<!-- { ... } -->` annotations: the JSON comments that tell tools what a block is.

use super::json::{self, JsonProblem, JsonReading};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;
use std::fmt;

/// One annotation comment.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Annotation {
    /// Byte offset of `<!--` in the page.
    pub offset: usize,
    /// 1-based line of `<!--`.
    pub line: usize,
    /// Every key as written (after lenient repair), unknown keys included.
    pub fields: Fields,
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
    Annotation(Fields, Option<JsonProblem>),
    /// It looks like an annotation but cannot be read.
    Broken(JsonProblem),
}

/// Reads the body of an HTML comment (between `<!--` and `-->`).
pub fn read_comment(body: &str) -> CommentReading {
    let trimmed = body.trim();
    if !trimmed.starts_with('{') {
        return CommentReading::NotAnnotation;
    }
    // JSON that starts with `{` is an object, or no JSON at all.
    match json::read_as::<Fields>(trimmed) {
        JsonReading::Strict(fields) => CommentReading::Annotation(fields, None),
        JsonReading::Relaxed(fields, problem) => CommentReading::Annotation(fields, Some(problem)),
        JsonReading::Invalid(problem) => CommentReading::Broken(problem),
    }
}

/// The keys of an annotation and their values, sorted by key (a key written twice keeps its
/// last value, as in any JSON object). Most annotations have a handful of keys: a sorted list
/// is smaller and quicker to fill than a map.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields(Vec<(String, Value)>);

impl Fields {
    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.position(key).ok().map(|i| &self.0[i].1)
    }

    /// The keys, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(key, _)| key.as_str())
    }

    /// Sets `key`, replacing an earlier value.
    fn insert(&mut self, key: String, value: Value) {
        match self.position(&key) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (key, value)),
        }
    }

    fn position(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }
}

impl Serialize for Fields {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Fields {
    /// A JSON object, with the strings `"true"` and `"false"` read as the booleans they mean in
    /// annotations.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldsVisitor;

        impl<'de> Visitor<'de> for FieldsVisitor {
            type Value = Fields;

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Fields, A::Error> {
                let mut fields = Fields(Vec::with_capacity(access.size_hint().unwrap_or(4)));
                while let Some((key, value)) = access.next_entry::<String, Value>()? {
                    fields.insert(key, coerce(value));
                }
                Ok(fields)
            }
        }

        deserializer.deserialize_map(FieldsVisitor)
    }
}

/// The strings `"true"` and `"false"` mean booleans in annotations.
fn coerce(value: Value) -> Value {
    match &value {
        Value::String(s) => match s.trim() {
            "true" | "True" => Value::Bool(true),
            "false" | "False" => Value::Bool(false),
            _ => value,
        },
        _ => value,
    }
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
        assert_eq!(map.get("truncated"), Some(&Value::Bool(true)));
        assert!(map.get("sampleKeys").is_some());
    }

    #[test]
    fn a_key_written_twice_keeps_its_last_value_and_keys_come_sorted() {
        let CommentReading::Annotation(fields, None) =
            read_comment(r#"{ "name": "a", "blockType": "request", "name": "b" }"#)
        else {
            panic!("expected a strict annotation")
        };
        assert_eq!(fields.get("name"), Some(&Value::String("b".into())));
        assert_eq!(fields.keys().collect::<Vec<_>>(), ["blockType", "name"]);
        assert_eq!(fields.get("missing"), None);
    }

    #[test]
    fn unquoted_key_is_repaired_with_a_problem() {
        let CommentReading::Annotation(map, Some(problem)) =
            read_comment("{\n \"blockType\": \"response\",\n isCollection: true\n}")
        else {
            panic!("expected a repaired annotation")
        };
        assert_eq!(map.get("isCollection"), Some(&Value::Bool(true)));
        assert_eq!(problem.line, 3);
    }
}
