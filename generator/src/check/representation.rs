//! A resource's "JSON representation" against its Properties and Relationships tables.

use super::context::{did_you_mean, PageCheck};
use super::located::{self, Value};
use super::values::is_type_placeholder;
use crate::codes;
use crate::model::typeref::{self, UNTYPED};
use crate::model::{Property, TypeDef, TypeKind};
use crate::page::floor_char_boundary;

/// The JSON kind a documented type is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    String,
    Number,
    Bool,
    Object,
    /// Anything goes (Json, Stream, unresolved types).
    Any,
}

fn expected_kind(p: &Property, named: Option<&TypeDef>) -> Kind {
    match p.type_name.as_str() {
        "Edm.Boolean" => Kind::Bool,
        t if typeref::is_number(t) => Kind::Number,
        "Edm.Stream" | UNTYPED => Kind::Any,
        t if t.ends_with(".Json") => Kind::Any,
        t if t.starts_with("Edm.") => Kind::String,
        _ => match named {
            Some(def) if def.kind == TypeKind::Enum => Kind::String,
            Some(_) => Kind::Object,
            None => Kind::Any,
        },
    }
}

/// The kind a template value stands for: a type-name string (`"Boolean"`) stands for its type.
fn written_kind(value: &Value) -> Option<Kind> {
    Some(match value {
        Value::String(s) if is_type_placeholder(s) => {
            let word = s.split_whitespace().next().unwrap_or_default();
            let is = |name: &str| word.eq_ignore_ascii_case(name);
            if is("boolean") {
                Kind::Bool
            } else if ["integer", "int32", "int64", "double"].into_iter().any(is) {
                Kind::Number
            } else {
                Kind::String
            }
        }
        Value::String(_) => Kind::String,
        Value::Number(_) => Kind::Number,
        Value::Bool(_) => Kind::Bool,
        Value::Object(_) => Kind::Object,
        Value::Null | Value::Array(_) => return None,
    })
}

fn compatible(expected: Kind, written: Kind) -> bool {
    expected == Kind::Any
        // Templates name complex types as strings (`"identity": "identitySet"`).
        || (expected == Kind::Object && written == Kind::String)
        || expected == written
        // Int64 and Decimal may be strings; templates write "String" for many things.
        || (expected == Kind::Number && written == Kind::String)
}

fn kind_words(kind: Kind) -> &'static str {
    match kind {
        Kind::String => "a string",
        Kind::Number => "a number",
        Kind::Bool => "a boolean",
        Kind::Object => "an object",
        Kind::Any => "any value",
    }
}

/// Reports disagreements between each resource's JSON representation and its tables.
pub fn check(cx: &mut PageCheck) {
    let index = cx.index;
    let page = cx.page;
    for def in index.types_on(&page.path) {
        let Some(template) = &def.template else {
            continue;
        };
        // Properties read from the template itself (no table) cannot disagree with it.
        if def.properties.is_empty() || def.properties.iter().all(|p| p.line == template.line) {
            continue;
        }
        let Some(root) = located::read(&template.text) else {
            continue;
        };
        let Value::Object(members) = &root.value else {
            continue;
        };
        let offset = |at: usize| {
            let offset = page.offset_in_block(template.offset, at);
            floor_char_boundary(&page.text, offset.min(page.text.len()))
        };
        for m in members {
            if m.key.contains('@') {
                continue;
            }
            let Some(p) = index.property(def, &m.key) else {
                let names = index.property_names(def);
                let same_case = names.iter().find(|n| n.eq_ignore_ascii_case(&m.key));
                let message = match same_case {
                    Some(n) => format!(
                        "`{}` in the JSON representation is `{n}` in the table (the case differs)",
                        m.key
                    ),
                    None => format!(
                        "the JSON representation lists `{}`, which the tables of `{}` lack",
                        m.key,
                        def.name.rsplit('.').next().unwrap_or(&def.name)
                    ),
                };
                let help = match same_case {
                    Some(n) => Some(format!(
                        "spell the name one way in both places (`{n}` or `{}`)",
                        m.key
                    )),
                    None => did_you_mean(&m.key, names.iter().copied())
                        .map(|n| format!("did you mean `{n}`?"))
                        .or_else(|| {
                            Some("add a row for it to the Properties or Relationships table".into())
                        }),
                };
                cx.at(
                    offset(m.offset),
                    codes::REPRESENTATION_EXTRA_PROPERTY,
                    message,
                )
                .help = help;
                continue;
            };
            let named = (!p.type_name.starts_with("Edm."))
                .then(|| index.find_type(def.version, &p.type_name))
                .flatten();
            let table_type = format!(
                "{}{}",
                p.type_name.rsplit('.').next().unwrap_or_default(),
                if p.collection { " collection" } else { "" }
            );
            // `{"@odata.type": "microsoft.graph.x"}` naming the table's own type stands for a
            // value of it, whatever its kind (templates write it for enums too).
            let names_own_type = m
                .node
                .value
                .get("@odata.type")
                .and_then(|t| t.value.as_str())
                .is_some_and(|t| t.trim_start_matches('#').eq_ignore_ascii_case(&p.type_name));
            let mismatch = match (&m.node.value, p.collection) {
                (Value::Null, _) => None,
                (Value::Object(_), false) if names_own_type => None,
                (Value::Array(items), true) => items.first().and_then(|first| {
                    let written = written_kind(&first.value)?;
                    let expected = expected_kind(p, named);
                    (!compatible(expected, written)).then(|| {
                        format!(
                            "an array of {}",
                            kind_words(written)
                                .trim_start_matches("a ")
                                .trim_start_matches("an ")
                        )
                    })
                }),
                (Value::Array(_), false) => Some("an array".to_string()),
                // `{"@odata.type": "Collection(microsoft.graph.x)"}` stands for the collection.
                (Value::Object(_), true)
                    if m.node
                        .value
                        .get("@odata.type")
                        .and_then(|t| t.value.as_str())
                        .is_some_and(|t| t.to_ascii_lowercase().starts_with("collection(")) =>
                {
                    None
                }
                (Value::String(s), true) if s.to_ascii_lowercase().starts_with("collection(") => {
                    None
                }
                (value, true) => Some(format!(
                    "a single value ({})",
                    value
                        .kind()
                        .trim_start_matches("a ")
                        .trim_start_matches("an ")
                )),
                (value, false) => written_kind(value).and_then(|written| {
                    (!compatible(expected_kind(p, named), written))
                        .then(|| kind_words(written).to_string())
                }),
            };
            if let Some(shown) = mismatch {
                cx.at(
                    offset(m.node.offset),
                    codes::REPRESENTATION_TYPE_DIFFERS,
                    format!(
                        "the table (line {}) says `{}` is {table_type}, but the JSON representation shows {shown}",
                        p.line, m.key
                    ),
                )
                .help = Some("make the table's type and the JSON value agree".into());
            }
        }
        for p in &def.properties {
            if p.navigation || p.inherited_from.is_some() || p.line == template.line {
                continue;
            }
            if members.iter().any(|m| m.key.eq_ignore_ascii_case(&p.name)) {
                continue;
            }
            cx.at_line(
                p.line,
                codes::REPRESENTATION_MISSING_PROPERTY,
                format!(
                    "`{}` is in the table but not in the JSON representation",
                    p.name
                ),
            )
            .help = Some(format!("add `\"{}\"` to the JSON representation", p.name));
        }
    }
}
