//! The docs against an OData CSDL schema (`--metadata`): types and properties missing on
//! either side, and properties whose type or collection-ness differ.

use super::context::PageCheck;
use crate::codes;
use crate::csdl::{CsdlKind, CsdlProperty, CsdlType, Schema};
use crate::diagnostics::{Diagnostic, LineIndex};
use crate::model::typeref::UNTYPED;
use crate::model::{ApiModel, TypeKind};

/// A schema and its text, for locating schema-side findings.
pub struct Metadata {
    /// The parsed schema.
    pub schema: Schema,
    /// The XML text.
    pub text: String,
    /// How findings name the schema file.
    pub file: String,
}

fn schema_chain<'s>(schema: &'s Schema, start: &'s CsdlType) -> Vec<&'s CsdlType> {
    let mut chain = vec![start];
    let mut current = start;
    while let Some(base) = &current.base {
        match schema.get_ignore_case(base) {
            Some(next) if chain.len() < 32 && !chain.iter().any(|t| std::ptr::eq(*t, next)) => {
                chain.push(next);
                current = next;
            }
            _ => break,
        }
    }
    chain
}

fn schema_property<'s>(chain: &[&'s CsdlType], name: &str) -> Option<&'s CsdlProperty> {
    chain.iter().find_map(|t| {
        t.properties
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
    })
}

/// The schema's property `name` of the type `type_name` or its base types (names compared case
/// aside, as the schema rules compare them).
pub fn property_of<'s>(
    schema: &'s Schema,
    type_name: &str,
    name: &str,
) -> Option<&'s CsdlProperty> {
    // Walked without collecting the chain: this runs for every payload member.
    let mut current = schema.get_ignore_case(type_name)?;
    for _ in 0..32 {
        if let Some(p) = schema_property(&[current], name) {
            return Some(p);
        }
        current = schema.get_ignore_case(current.base.as_deref()?)?;
    }
    None
}

fn short(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}

/// Reports the page's (v1.0) types and properties that disagree with the schema.
pub fn check(cx: &mut PageCheck, metadata: &Metadata) {
    let index = cx.index;
    let page = cx.page;
    if page.version != "v1.0" {
        return;
    }
    for def in index.types_on(&page.path) {
        if def.page != page.path {
            continue;
        }
        let line = def
            .source
            .rsplit_once(':')
            .and_then(|(_, l)| l.parse().ok())
            .unwrap_or(1);
        let Some(schema_type) = metadata.schema.get_ignore_case(&def.name) else {
            cx.at_line(
                line,
                codes::SCHEMA_TYPE_MISMATCH,
                format!(
                    "type `{}` is documented but the schema does not have it",
                    def.name
                ),
            )
            .help = Some("check the type's name and namespace against the service".into());
            continue;
        };
        if schema_type.kind == CsdlKind::Enum || def.kind == TypeKind::Enum {
            continue;
        }
        let chain = schema_chain(&metadata.schema, schema_type);
        for p in &def.properties {
            if p.type_name == UNTYPED {
                continue;
            }
            let Some(sp) = schema_property(&chain, &p.name) else {
                // Open types take any property; their tables often show sample keys.
                if def.open || chain.iter().any(|t| t.open) {
                    continue;
                }
                cx.at_line(
                    p.line,
                    codes::SCHEMA_PROPERTY_MISMATCH,
                    format!(
                        "`{}` is documented on `{}` but the schema's type does not have it",
                        p.name,
                        short(&def.name)
                    ),
                )
                .help = Some("check the property's name against the service".into());
                continue;
            };
            let types_agree = p.type_name.eq_ignore_ascii_case(&sp.type_name)
                || (p.type_name.ends_with(".Json") && sp.type_name.ends_with(".Json"));
            if !types_agree || p.collection != sp.collection {
                let show = |t: &str, c: bool| {
                    if c {
                        format!("Collection({t})")
                    } else {
                        t.to_string()
                    }
                };
                cx.at_line(
                    p.line,
                    codes::SCHEMA_PROPERTY_TYPE_DIFFERS,
                    format!(
                        "`{}` is `{}` here but `{}` in the schema",
                        p.name,
                        show(&p.type_name, p.collection),
                        show(&sp.type_name, sp.collection)
                    ),
                )
                .help = Some("make the Type cell say what the service returns".into());
            }
        }
        let documented = index.property_names(def);
        for sp in &schema_type.properties {
            if documented.iter().any(|n| n.eq_ignore_ascii_case(&sp.name)) {
                continue;
            }
            cx.at_line(
                line,
                codes::SCHEMA_PROPERTY_MISMATCH,
                format!(
                    "the schema's `{}` has {} `{}`, which the page does not list",
                    short(&def.name),
                    if sp.navigation {
                        "relationship"
                    } else {
                        "property"
                    },
                    sp.name
                ),
            )
            .help = Some("add a row for it to the Properties or Relationships table".into());
        }
    }
}

/// Schema types that no page documents, located in the schema file.
pub fn undocumented_types(model: &ApiModel, metadata: &Metadata) -> Vec<Diagnostic> {
    let lines = LineIndex::new(&metadata.text);
    let mut out = Vec::new();
    for t in metadata.schema.types.values() {
        let documented = model
            .types
            .iter()
            .any(|d| d.version == "v1.0" && d.name.eq_ignore_ascii_case(&t.name));
        if documented {
            continue;
        }
        let needle = format!("Name=\"{}\"", short(&t.name));
        let offset = metadata.text.find(&needle).unwrap_or(0);
        let (line, column) = lines.position(&metadata.text, offset);
        let severity = super::rules::find(codes::SCHEMA_TYPE_MISMATCH)
            .map_or(crate::diagnostics::Severity::Warning, |r| r.severity);
        out.push(Diagnostic {
            file: metadata.file.clone(),
            line,
            column,
            code: codes::SCHEMA_TYPE_MISMATCH,
            severity,
            message: format!("schema type `{}` has no page in the docs", t.name),
            help: Some("document the type, or confirm it is internal".into()),
            fix: None,
            also_at: Vec::new(),
        });
    }
    out
}
