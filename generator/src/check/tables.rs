//! Property tables: a property listed twice, and read-only properties a create or update page
//! lists as settable.

use super::context::{Index, PageCheck};
use crate::codes;
use crate::model::{Operation, Property, TypeDef, TypeKind};

/// Reports properties listed twice for one type or one request body.
pub fn check_duplicates(cx: &mut PageCheck) {
    let index = cx.index;
    let page = cx.page;
    let mut groups: Vec<&[Property]> = index
        .types_on(&page.path)
        .iter()
        .filter(|t| t.page == page.path)
        .map(|t| t.properties.as_slice())
        .collect();
    // Request body tables are judged one by one: pages list the same property in a table per
    // permission type or per scenario.
    if let Some(op) = index.operation(&page.path) {
        // Each group is a run of parameters from one table: a slice, not a copy.
        let parameters = op.request_parameters.as_slice();
        let mut start = 0;
        let mut last_table = None;
        for (i, p) in parameters.iter().enumerate() {
            let table = page
                .tables
                .iter()
                .position(|t| t.rows.iter().any(|r| r.line == p.line));
            if i == 0 || table != last_table {
                if i > 0 {
                    groups.push(&parameters[start..i]);
                }
                start = i;
                last_table = table;
            }
        }
        if !parameters.is_empty() {
            groups.push(&parameters[start..]);
        }
    }
    for properties in groups {
        for (i, p) in properties.iter().enumerate() {
            let Some(first) = properties[..i]
                .iter()
                .find(|q| q.name.eq_ignore_ascii_case(&p.name) && q.line != p.line)
            else {
                continue;
            };
            cx.at_line(
                p.line,
                codes::DUPLICATE_PROPERTY,
                format!("`{}` is already listed at line {}", p.name, first.line),
            )
            .help = Some("delete or merge one of the rows".into());
        }
    }
}

/// A Request body row of a create or update page that the resource page marks read-only.
struct ReadOnlySettable<'a> {
    /// The operation whose Request body lists the property.
    op: &'a Operation,
    /// Its Request body row.
    row: &'a Property,
    /// The type that documents the property read-only, and its row there.
    owner: &'a TypeDef,
    documented: &'a Property,
}

/// The Request body rows of `op` that its request type's pages mark read-only.
fn read_only_settable<'a>(index: &Index<'a>, op: &'a Operation) -> Vec<ReadOnlySettable<'a>> {
    if !matches!(op.method.as_str(), "POST" | "PATCH" | "PUT") {
        return Vec::new();
    }
    let Some(def) = op
        .request_type
        .as_deref()
        .and_then(|t| index.find_type(op.version, t))
    else {
        return Vec::new();
    };
    // A type merged from several pages (the Intune pages re-document `user`) may mark a
    // property read-only on one page only; the disagreement is not this page's.
    if !def.also_defined_in.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for p in &op.request_parameters {
        // Keys are named in bodies to identify what to change, not to set it.
        if p.name.eq_ignore_ascii_case("id") {
            continue;
        }
        let Some(documented) = index.property(def, &p.name) else {
            continue;
        };
        if !documented.read_only || p.read_only {
            continue;
        }
        let lower = documented.description.to_ascii_lowercase();
        // "Only the createdBy.displayName property can be updated", "Read-only. This can only be
        // updated by Intune": settable in part, or by some callers.
        if lower.contains("updated") || p.description.to_ascii_lowercase().contains("updated") {
            continue;
        }
        // "Read-only after creation", or required on create: settable when creating.
        if op.method == "POST"
            && (lower.contains("creat") || lower.contains("required") || p.required)
        {
            continue;
        }
        let Some(owner) = index
            .chain(def)
            .iter()
            .find(|t| t.properties.iter().any(|q| std::ptr::eq(q, documented)))
            .copied()
        else {
            continue;
        };
        found.push(ReadOnlySettable {
            op,
            row: p,
            owner,
            documented,
        });
    }
    found
}

/// Reports Request body rows that the resource page marks read-only. Checking the resource
/// page without the create or update page reports the clash on the resource page instead, so
/// that making a property read-only is told of the pages that set it.
pub fn check_read_only(cx: &mut PageCheck) {
    let index = cx.index;
    if let Some(op) = index.operation(&cx.page.path) {
        for clash in read_only_settable(index, op) {
            cx.at_line(
                clash.row.line,
                codes::READ_ONLY_SETTABLE,
                format!(
                    "`{}` is read-only ({}:{}) but this {} page lists it in the request body",
                    clash.row.name, clash.owner.page, clash.documented.line, op.method
                ),
            )
            .help = Some("remove the row, or fix the resource page's description".into());
        }
    }
    let page = cx.page.path.as_str();
    let defines_types = index.types_on(page).iter().any(|t| t.page == page);
    if !defines_types || index.checks_every_page() {
        return;
    }
    for op in &index.model.operations {
        if index.is_checked(&op.page) {
            continue;
        }
        for clash in read_only_settable(index, op) {
            if clash.owner.page != page {
                continue;
            }
            cx.at_line(
                clash.documented.line,
                codes::READ_ONLY_SETTABLE,
                format!(
                    "`{}` is read-only here but {}:{} lists it in the {} request body",
                    clash.row.name, clash.op.page, clash.row.line, clash.op.method
                ),
            )
            .help = Some("fix the description here, or remove the row there".into());
        }
    }
}

/// Reports "Possible values" in a description that are not members of the enum the property's
/// type names.
pub fn check_documented_values(cx: &mut PageCheck) {
    let index = cx.index;
    let page = cx.page;
    for def in index.types_on(&page.path) {
        if def.page != page.path {
            continue;
        }
        for p in &def.properties {
            let listed: Vec<&str> = p
                .possible_values
                .iter()
                .map(String::as_str)
                .filter(|v| {
                    !v.eq_ignore_ascii_case("unknownFutureValue") && !v.eq_ignore_ascii_case("null")
                })
                .collect();
            if listed.len() < 2 {
                continue;
            }
            let by_type = index
                .find_type(def.version, &p.type_name)
                .filter(|t| t.kind == TypeKind::Enum);
            let Some(enum_def) = by_type else { continue };
            if enum_def.members.is_empty() {
                continue;
            }
            let is_member = |v: &str| {
                enum_def
                    .members
                    .iter()
                    .any(|m| m.name.eq_ignore_ascii_case(v))
            };
            let missing: Vec<&str> = listed.iter().copied().filter(|v| !is_member(v)).collect();
            if missing.is_empty() {
                continue;
            }
            let members: Vec<&str> = enum_def
                .members
                .iter()
                .take(6)
                .map(|m| m.name.as_str())
                .collect();
            cx.at_line(
                p.line,
                codes::ENUM_VALUE_UNKNOWN,
                format!(
                    "the description of `{}` lists {} that {} not in enum `{}` ({}{})",
                    p.name,
                    missing
                        .iter()
                        .map(|v| format!("`{v}`"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    if missing.len() == 1 { "is" } else { "are" },
                    enum_def.name.rsplit('.').next().unwrap_or_default(),
                    members.join(", "),
                    if enum_def.members.len() > members.len() {
                        ", ..."
                    } else {
                        ""
                    }
                ),
            )
            .help = Some(format!(
                "make the description and the enum's definition ({}) agree",
                enum_def.source
            ));
        }
    }
}
