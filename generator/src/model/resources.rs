//! Resource pages: the types they define and their property tables.

use super::prose;
use super::typeref::{self, TypeName, TypeRef};
use super::{Payload, Property, TypeDef, TypeKind};
use crate::codes;
use crate::diagnostics::{Diagnostic, Severity};
use crate::page::table::{Link, Table};
use crate::page::Page;
use regex::Regex;
use std::sync::LazyLock;

static NAME_TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[@A-Za-z_$][A-Za-z0-9_@.$\-]*").expect("valid regex"));

/// The namespace a page's names live in.
pub fn namespace(page: &Page) -> &str {
    page.namespace.as_deref().unwrap_or("microsoft.graph")
}

/// Qualifies a name written on a page: `x` becomes `namespace.x`, `#microsoft.graph.x`
/// becomes `microsoft.graph.x`.
pub fn qualify(name: &str, namespace: &str) -> String {
    let name = name.trim().trim_start_matches('#');
    if name.contains('.') {
        let lower = name.to_ascii_lowercase();
        if lower.starts_with("microsoft.graph.") || lower.starts_with("edm.") {
            return name.to_string();
        }
        return format!("microsoft.graph.{name}");
    }
    format!("{namespace}.{name}")
}

/// The page's description: the first prose paragraph after the title.
pub fn description(page: &Page) -> String {
    let title = page.headings.iter().position(|h| h.level == 1);
    page.paragraphs
        .iter()
        .filter(|p| p.heading == title)
        .map(|p| p.text.as_str())
        .find(|t| !t.starts_with("Namespace:") && !t.starts_with("[!") && !t.is_empty())
        .unwrap_or_default()
        .to_string()
}

/// A diagnostic at a byte offset of a page.
pub fn diagnostic(
    page: &Page,
    offset: usize,
    code: &'static str,
    severity: Severity,
    message: String,
) -> Diagnostic {
    let (line, column) = page.position(offset);
    Diagnostic {
        file: page.path.clone(),
        line,
        column,
        code,
        severity,
        message,
        help: None,
    }
}

/// The types a page defines through `resource` blocks (or a "x resource type" title).
pub fn resource_types(page: &Page, diagnostics: &mut Vec<Diagnostic>) -> Vec<TypeDef> {
    let ns = namespace(page);
    let mut types = Vec::new();
    let title_name = page.title().and_then(|h| {
        let text = h.text.trim();
        let lower = text.to_ascii_lowercase();
        let name = text[..lower.find(" resource type")?].trim();
        typeref::is_identifier(name).then(|| name.to_string())
    });
    let resource_annotations: Vec<_> = page
        .annotations
        .iter()
        .filter(|a| a.block_type() == Some("resource"))
        .collect();
    let mut definitions: Vec<(String, Option<&crate::page::annotation::Annotation>, usize)> =
        resource_annotations
            .iter()
            .filter_map(|a| {
                let name = a
                    .odata_type()
                    .map(str::to_string)
                    .or_else(|| title_name.clone())?;
                Some((qualify(&name, ns), Some(*a), a.line))
            })
            .collect();
    if definitions.is_empty() {
        if let Some(name) = &title_name {
            let line = page.title().map_or(1, |h| h.line);
            definitions.push((qualify(name, ns), None, line));
        }
    }
    let description = description(page);
    let base_text = page.paragraphs.iter().find_map(|p| {
        // Only the type's own description says what it inherits; property rows say
        // "Inherited from" and are tables, not paragraphs.
        let link = prose::inherits_from(&p.text, &p.links)?;
        Some((link_type(page, link), p.line))
    });
    let abstract_in_prose = description.to_ascii_lowercase().contains("abstract type")
        || description.to_ascii_lowercase().contains("is abstract");
    for (index, (name, annotation, line)) in definitions.into_iter().enumerate() {
        let mut properties = Vec::new();
        if index == 0 {
            for table in &page.tables {
                let section = page
                    .h2_text(table.heading)
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                let navigation = section.starts_with("relationships");
                if section.starts_with("properties") || navigation {
                    properties.extend(properties_from_table(page, table, navigation, diagnostics));
                }
            }
        }
        let template = annotation
            .and_then(|a| a.block)
            .map(|b| &page.blocks[b])
            .map(|block| Payload {
                line: page.position(block.content_offset).0,
                offset: block.content_offset,
                text: block.content.clone(),
                json: Some(crate::page::json::read(&block.content)),
            });
        let key = annotation
            .and_then(|a| a.string("keyProperty"))
            .map(str::to_string);
        let is_abstract = annotation.is_some_and(|a| {
            a.flag("abstract").unwrap_or(false) || a.flag("isAbstract").unwrap_or(false)
        }) || abstract_in_prose;
        types.push(TypeDef {
            name,
            kind: if key.is_some() {
                TypeKind::Entity
            } else {
                TypeKind::Complex
            },
            base: None,
            version: page.version,
            is_abstract,
            open: annotation.and_then(|a| a.flag("openType")).unwrap_or(false),
            kind_stated: key.is_some(),
            key,
            description: description.clone(),
            properties,
            members: Vec::new(),
            flags: false,
            source: format!("{}:{}", page.path, line),
            also_defined_in: Vec::new(),
            template,
            base_text: base_text.clone(),
            base_annotation: annotation
                .and_then(|a| a.string("baseType").map(|b| (b.to_string(), a.line))),
            page: page.path.clone(),
        });
    }
    types
}

/// The type a link names: its text when that is an identifier, else its target's stem.
pub fn link_type(page: &Page, link: &Link) -> TypeRef {
    let text = link.text.trim().trim_matches('`');
    let name = if typeref::is_identifier(text) {
        text.to_string()
    } else {
        typeref::page_stem(&link.target).unwrap_or_else(|| text.to_string())
    };
    TypeRef {
        name: TypeName::Named {
            name,
            target: typeref::resolve_link(&page.path, &link.target),
        },
        collection: false,
        remark: None,
    }
}

/// Reads the rows of a Property|Type|Description-like table.
pub fn properties_from_table(
    page: &Page,
    table: &Table,
    navigation: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Property> {
    let (Some(name_column), Some(type_column)) = (table.name_column(), table.type_column()) else {
        return Vec::new();
    };
    let description_column = table.description_column();
    let required_column = table.column(&["required", "optional"]);
    let mut properties = Vec::new();
    for row in &table.rows {
        let Some(name_cell) = row.cells.get(name_column) else {
            continue;
        };
        let Some(name) = NAME_TOKEN
            .find(&name_cell.text)
            .map(|m| m.as_str().trim_end_matches(['.', '-']))
        else {
            continue;
        };
        let type_cell = row.cells.get(type_column);
        let description_cell = description_column.and_then(|c| row.cells.get(c));
        let description = description_cell.map(|c| c.text.clone()).unwrap_or_default();
        let type_text = type_cell.map_or("", |c| c.text.trim());
        if type_text.is_empty() {
            if description.trim().is_empty() {
                // A label row such as `|**On-boarding**||`.
                continue;
            }
            diagnostics.push(diagnostic(
                page,
                row.offset,
                codes::TYPE_CELL_UNREADABLE,
                Severity::Warning,
                format!("property `{name}` has no type"),
            ));
        }
        let type_ref = match type_cell {
            Some(cell) if !type_text.is_empty() => typeref::from_cell(cell, &page.path),
            _ => TypeRef {
                name: TypeName::Unreadable {
                    text: String::new(),
                },
                collection: false,
                remark: None,
            },
        };
        if let (TypeName::Unreadable { text }, Some(cell)) = (&type_ref.name, type_cell) {
            if !text.is_empty() {
                diagnostics.push(
                    diagnostic(
                        page,
                        cell.offset,
                        codes::TYPE_CELL_UNREADABLE,
                        Severity::Warning,
                        format!("the type of `{name}` (`{text}`) is not a type name"),
                    )
                    .with_help("write an Edm primitive (String, Int32...) or link the type's page"),
                );
            }
        }
        let code = description_cell
            .map(|c| c.code.as_slice())
            .unwrap_or_default();
        let inherited_from = description_cell.and_then(|c| {
            let lower = c.text.to_ascii_lowercase();
            let at = lower.find("inherited from")?;
            c.links
                .iter()
                .find(|l| lower[at..].contains(&l.text.to_ascii_lowercase()))
                .map(|l| l.text.clone())
                .or_else(|| Some(String::new()))
        });
        let required = match required_column.and_then(|c| row.cells.get(c)) {
            Some(cell) => {
                let v = cell.text.trim().to_ascii_lowercase();
                let header = crate::page::table::normalise_header(
                    &table.header.cells[required_column.unwrap_or(0)].text,
                );
                (v == "yes" || v == "true" || v == "required") == (header == "required")
            }
            None => prose::says_required(&description),
        };
        properties.push(Property {
            name: name.to_string(),
            type_name: String::new(),
            collection: type_ref.collection,
            navigation,
            read_only: prose::says_read_only(&description),
            required,
            nullable: prose::nullability(&description),
            possible_values: prose::possible_values(&description, code),
            inherited_from,
            line: row.line,
            description,
            type_ref,
        });
    }
    properties
}
