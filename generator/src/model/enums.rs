//! Enum definitions: single-enum pages (`# x enum type` + Members table), aggregate pages and
//! resource pages (`### x values` sections).

use super::resources::{description, namespace, qualify};
use super::typeref;
use super::{EnumMember, TypeDef, TypeKind};
use crate::page::table::Table;
use crate::page::Page;

/// The enums a page defines.
pub fn enum_types(page: &Page) -> Vec<TypeDef> {
    let ns = namespace(page);
    let mut types = Vec::new();
    for (index, heading) in page.headings.iter().enumerate() {
        let text = heading.text.trim();
        let lower = text.to_ascii_lowercase();
        let name = [" enum type", " values", " enumeration", " enum"]
            .iter()
            .find_map(|suffix| lower.strip_suffix(suffix).map(|n| text[..n.len()].trim()));
        let Some(name) = name.filter(|n| typeref::is_identifier(n)) else {
            continue;
        };
        // The member table sits under this heading, or (for a page title) anywhere below it
        // in a Members section.
        let tables: Vec<&Table> = page
            .tables
            .iter()
            .filter(|t| {
                if heading.level == 1 {
                    t.heading.is_some_and(|h| {
                        h == index || page.headings[h].text.eq_ignore_ascii_case("members")
                    })
                } else {
                    t.heading == Some(index)
                }
            })
            .filter(|t| member_column(t).is_some() && t.type_column().is_none())
            .collect();
        let Some(table) = tables.first() else {
            continue;
        };
        let members = members(table);
        if members.is_empty() {
            continue;
        }
        let flags = page
            .paragraphs
            .iter()
            .filter(|p| p.heading == Some(index))
            .any(|p| p.text.to_ascii_lowercase().contains("flags"))
            || bit_values(&members);
        types.push(TypeDef {
            name: qualify(name, ns),
            kind: TypeKind::Enum,
            base: None,
            version: page.version,
            is_abstract: false,
            open: false,
            key: None,
            description: if heading.level == 1 {
                description(page)
            } else {
                String::new()
            },
            properties: Vec::new(),
            members,
            flags,
            source: format!("{}:{}", page.path, heading.line),
            also_defined_in: Vec::new(),
            template: None,
            base_text: None,
            base_annotation: None,
            derived_text: Vec::new(),
            derived: Vec::new(),
            page: page.path.clone(),
            addressable: false,
        });
    }
    types
}

/// Whether the members' values are bits (each 0 or a power of two, at least three of them
/// and one of 4 or more, as `none = 0, x86 = 1, x64 = 2, arm = 4`): a flags enum, whose values
/// combine as comma-separated members.
fn bit_values(members: &[EnumMember]) -> bool {
    let values: Option<Vec<i64>> = members.iter().map(|m| m.value).collect();
    let Some(values) = values else {
        return false;
    };
    let bits: Vec<i64> = values.into_iter().filter(|v| *v != 0).collect();
    bits.len() >= 3
        && bits.iter().all(|v| *v > 0 && (*v & (*v - 1)) == 0)
        && bits.iter().any(|v| *v >= 4)
        && bits.iter().collect::<std::collections::BTreeSet<_>>().len() == bits.len()
}

fn member_column(table: &Table) -> Option<usize> {
    table.column(&["member", "member name", "name", "value"])
}

fn members(table: &Table) -> Vec<EnumMember> {
    let Some(member) = member_column(table) else {
        return Vec::new();
    };
    let value = table
        .column(&["value", "int value"])
        .filter(|&c| c != member);
    let description = table.description_column();
    table
        .rows
        .iter()
        .filter_map(|row| {
            let name = row
                .cells
                .get(member)?
                .text
                .trim()
                .trim_matches(['`', '*'])
                .trim();
            let name = name.split_whitespace().next()?;
            typeref::is_identifier(name).then(|| EnumMember {
                name: name.to_string(),
                value: value
                    .and_then(|c| row.cells.get(c))
                    .and_then(|c| c.text.trim().parse().ok()),
                description: description
                    .and_then(|c| row.cells.get(c))
                    .map(|c| c.text.clone())
                    .unwrap_or_default(),
            })
        })
        .collect()
}
