//! Resource pages: the types they define and their property tables.

use super::prose;
use super::typeref::{self, TypeName, TypeRef};
use super::{Payload, Property, TypeDef, TypeKind};
use crate::codes;
use crate::diagnostics::{Diagnostic, Severity};
use crate::page::table::{Link, Table};
use crate::page::Page;

/// The first property-name token of a name cell: `[@A-Za-z0-9_$][A-Za-z0-9_@.$-]*` (a plain
/// scan: this runs on every row of every table).
fn name_token(text: &str) -> Option<&str> {
    let is_start = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'@' | b'_' | b'$');
    let is_rest = |b: u8| is_start(b) || matches!(b, b'.' | b'-');
    let bytes = text.as_bytes();
    let start = bytes.iter().position(|&b| is_start(b))?;
    let len = bytes[start..].iter().take_while(|&&b| is_rest(b)).count();
    Some(&text[start..start + len])
}

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

/// The page's description: the first prose paragraph after the title that is neither the
/// `Namespace:` line nor a note (`> **Note:**`, `> [!NOTE]`: any quoted paragraph).
pub fn description(page: &Page) -> String {
    let title = page.headings.iter().position(|h| h.level == 1);
    page.paragraphs
        .iter()
        .filter(|p| p.heading == title && !is_quoted(page, p.offset))
        .map(|p| without_namespace_line(&p.text))
        .find(|t| !t.starts_with("[!") && !t.is_empty())
        .unwrap_or_default()
        .to_string()
}

/// A paragraph without its leading `Namespace: x` line (the description may follow it with
/// no blank line between).
fn without_namespace_line(text: &str) -> &str {
    match text.strip_prefix("Namespace:") {
        Some(rest) => {
            let rest = rest.trim_start();
            let namespace = rest.find(char::is_whitespace).unwrap_or(rest.len());
            rest[namespace..].trim_start()
        }
        None => text,
    }
}

/// An annotation that spells the type all in lower case (`microsoft.graph.orgcontact`) has
/// lost the camel case its title keeps (`orgContact resource type`): the title's casing is
/// taken. A title in sentence case (`Drive resource type`) is no camel case, and leaves the
/// name as it is.
fn with_the_titles_casing(qualified: &mut String, title_name: &str) {
    let name_start = qualified.rfind('.').map_or(0, |dot| dot + 1);
    let name = &qualified[name_start..];
    let camel_case = title_name.starts_with(|c: char| c.is_ascii_lowercase())
        && title_name.bytes().any(|b| b.is_ascii_uppercase());
    let lost_its_casing = camel_case
        && !name.bytes().any(|b| b.is_ascii_uppercase())
        && name.eq_ignore_ascii_case(title_name);
    if lost_its_casing {
        qualified.replace_range(name_start.., title_name);
    }
}

/// Whether the line at byte `offset` of the page is in a block quote (starts with `>`).
fn is_quoted(page: &Page, offset: usize) -> bool {
    let offset = crate::page::floor_char_boundary(&page.text, offset.min(page.text.len()));
    let line_start = page.text[..offset].rfind('\n').map_or(0, |i| i + 1);
    page.text[line_start..].trim_start().starts_with('>')
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
        fix: None,
        also_at: Vec::new(),
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
    let title_line = page.title().map_or(1, |h| h.line);
    if definitions.is_empty() {
        if let Some(name) = &title_name {
            definitions.push((qualify(name, ns), None, title_line));
        }
    } else if page.path.contains("resources/") {
        // The page's main type is sourced at its title.
        definitions[0].2 = title_line;
        if let Some(title_name) = &title_name {
            with_the_titles_casing(&mut definitions[0].0, title_name);
        }
    }
    let description = description(page);
    // Only the description under the title says what the type inherits; property rows say
    // "Inherited from" in tables, and later sections may name other types' bases.
    let title_index = page.headings.iter().position(|h| h.level == 1);
    // Some pages say it under Properties instead ("x derives from [y]").
    let properties_section = page.section("Properties");
    let inheritance_in = |heading: Option<usize>| {
        page.paragraphs
            .iter()
            .filter(move |p| p.heading == heading)
            .find_map(|p| {
                let link = prose::inherits_from(&p.text, &p.links)?;
                Some((link_type(page, link), p.line))
            })
    };
    let base_text = inheritance_in(title_index)
        .or_else(|| properties_section.and_then(|s| inheritance_in(Some(s))));
    let mut derived_text = derived_types(page, title_index);
    let lists_methods = page.tables.iter().any(|t| {
        page.h2_text(t.heading)
            .is_some_and(|h| h.eq_ignore_ascii_case("methods"))
            && t.rows.iter().any(|r| {
                r.cells
                    .first()
                    .is_some_and(|c| c.links.iter().any(|l| l.target.contains("api/")))
            })
    });
    // Any paragraph under the title, notes included ("> organizationalBrandingProperties is an
    // abstract class"), may say that the page's own type is abstract.
    let abstract_in_prose = page
        .paragraphs
        .iter()
        .filter(|p| p.heading == title_index)
        .any(|p| prose::calls_itself_abstract(&p.text));
    for (index, (name, annotation, line)) in definitions.into_iter().enumerate() {
        let mut properties = Vec::new();
        if index == 0 {
            for table in &page.tables {
                let h2 = page.h2_text(table.heading).unwrap_or_default();
                let nearest = table.heading.map_or("", |h| page.headings[h].text.as_str());
                let says = |word| {
                    prose::starts_with_ignore_case(h2, word)
                        || prose::contains_ignore_case(nearest, word)
                };
                let navigation = says("relationships");
                let structural = says("properties");
                if structural || navigation {
                    properties.extend(properties_from_table(page, table, navigation, diagnostics));
                }
            }
        }
        let template = annotation
            .and_then(|a| a.block)
            .map(|b| &page.blocks[b])
            .map(|block| {
                let line = page.line_in_block(block, block.content_offset);
                let payload = Payload::new(
                    block.content.as_str().into(),
                    block.content_offset,
                    line,
                    true,
                );
                super::examples::report_json_problem(page, &payload, diagnostics);
                payload
            });
        if properties.is_empty() {
            if let Some(value) = template.as_ref().and_then(Payload::value) {
                properties =
                    properties_from_template(&value, template.as_ref().map_or(line, |t| t.line));
            }
        }
        let key = annotation
            .and_then(|a| a.string("keyProperty"))
            .map(str::to_string);
        let is_abstract = annotation.is_some_and(|a| {
            a.flag("abstract").unwrap_or(false) || a.flag("isAbstract").unwrap_or(false)
        }) || (index == 0 && abstract_in_prose);
        types.push(TypeDef {
            name,
            kind: TypeKind::Complex,
            base: None,
            version: page.version,
            is_abstract,
            open: annotation.and_then(|a| a.flag("openType")).unwrap_or(false),
            addressable: (index == 0 && lists_methods) || key_in_table(key.as_deref(), &properties),
            key,
            description: description.clone(),
            properties,
            members: Vec::new(),
            flags: false,
            source: format!("{}:{}", page.path, line),
            also_defined_in: Vec::new(),
            template,
            // The page's inheritance sentence is about its own (first) type only.
            base_text: if index == 0 { base_text.clone() } else { None },
            derived_text: if index == 0 {
                std::mem::take(&mut derived_text)
            } else {
                Vec::new()
            },
            base_annotation: annotation
                .and_then(|a| a.string("baseType").map(|b| (b.to_string(), a.line))),
            derived: Vec::new(),
            page: page.path.clone(),
        });
    }
    types
}

/// The types the page names as derived from its own, each with its line: in the paragraphs
/// under the title ("the derived types are [a] and [b]", or a list after "Supported derived
/// types:"), and in a "Derived types" section (its table's first column, or its list).
fn derived_types(page: &Page, title_index: Option<usize>) -> Vec<(TypeRef, usize)> {
    let mut found = Vec::new();
    // After "Supported derived types:", each item of the list that follows names one type
    // by its first link; the first paragraph that is not a list item ends the list.
    let mut in_list = false;
    for paragraph in page.paragraphs.iter().filter(|p| p.heading == title_index) {
        if in_list && page.is_list_item(paragraph.offset) {
            if let Some((_, type_ref)) = first_type_link(page, &paragraph.links) {
                found.push((type_ref, paragraph.line));
            }
            continue;
        }
        let said = prose::derived_types(&paragraph.text, &paragraph.links);
        in_list = said == prose::DerivedTypes::Listed;
        if let prose::DerivedTypes::Named(links) = said {
            for link in links {
                if typeref::link_names_type(&page.path, link) {
                    found.push((link_type(page, link), paragraph.line));
                }
            }
        }
    }
    let derived_sections: Vec<usize> = (0..page.headings.len())
        .filter(|&h| {
            page.headings[h]
                .text
                .trim()
                .eq_ignore_ascii_case("derived types")
        })
        .collect();
    for table in &page.tables {
        if table.heading.is_some_and(|h| derived_sections.contains(&h)) {
            for row in &table.rows {
                let first_cell = row.cells.first().map(|c| c.links.as_slice());
                if let Some((_, type_ref)) = first_cell.and_then(|l| first_type_link(page, l)) {
                    found.push((type_ref, row.line));
                }
            }
        }
    }
    for paragraph in &page.paragraphs {
        let under_derived = paragraph
            .heading
            .is_some_and(|h| derived_sections.contains(&h));
        if under_derived && page.is_list_item(paragraph.offset) {
            if let Some((_, type_ref)) = first_type_link(page, &paragraph.links) {
                found.push((type_ref, paragraph.line));
            }
        }
    }
    found
}

/// When a type of the page has a String property named like `values` (an "x values" table),
/// the members become that property's possible values. Returns whether they did.
pub fn attach_values_to_string_property(types: &mut [TypeDef], values: &TypeDef) -> bool {
    let short = values.name.rsplit('.').next().unwrap_or("");
    for def in types.iter_mut() {
        for property in &mut def.properties {
            let is_string = matches!(
                property.type_ref.name,
                TypeName::Primitive { name: "Edm.String" }
            );
            if is_string && property.name.eq_ignore_ascii_case(short) {
                if property.possible_values.is_empty() {
                    property.possible_values =
                        values.members.iter().map(|m| m.name.clone()).collect();
                }
                return true;
            }
        }
    }
    false
}

/// Properties read from a JSON representation, for pages that have no properties table.
pub fn properties_from_template(template: &serde_json::Value, line: usize) -> Vec<Property> {
    let Some(object) = template.as_object() else {
        return Vec::new();
    };
    object
        .iter()
        .filter(|(key, _)| !key.starts_with('@') && !key.contains("@odata"))
        .filter_map(|(key, value)| {
            let (name, collection) = match value {
                serde_json::Value::Array(items) => (template_type(items.first()?)?, true),
                other => (template_type(other)?, false),
            };
            Some(Property {
                name: key.clone(),
                type_name: String::new(),
                collection,
                navigation: false,
                description: String::new(),
                read_only: false,
                required: false,
                nullable: None,
                possible_values: Vec::new(),
                inherited_from: None,
                line,
                type_ref: TypeRef {
                    name,
                    collection,
                    remark: None,
                },
                guessed: true,
            })
        })
        .collect()
}

/// The type a template value stands for: `"String (timestamp)"`, `1024`, `true`,
/// `{"@odata.type": "microsoft.graph.x"}`.
fn template_type(value: &serde_json::Value) -> Option<TypeName> {
    use serde_json::Value;
    let primitive = |name| Some(TypeName::Primitive { name });
    match value {
        Value::Bool(_) => primitive("Edm.Boolean"),
        Value::Number(n) if n.is_f64() => primitive("Edm.Double"),
        Value::Number(_) => primitive("Edm.Int32"),
        Value::String(s) => {
            let lower = s.to_ascii_lowercase();
            if lower.contains("timestamp") || lower.contains("datetime") {
                primitive("Edm.DateTimeOffset")
            } else if lower.contains("duration") {
                primitive("Edm.Duration")
            } else if let Some(edm) = typeref::primitive(s) {
                primitive(edm)
            } else {
                primitive("Edm.String")
            }
        }
        Value::Object(map) => {
            let name = map.get("@odata.type")?.as_str()?.trim_start_matches('#');
            Some(TypeName::Named {
                name: name.to_string(),
                target: None,
            })
        }
        _ => None,
    }
}

fn key_in_table(key: Option<&str>, properties: &[Property]) -> bool {
    key.is_some_and(|key| properties.iter().any(|p| p.name.eq_ignore_ascii_case(key)))
}

/// The type a link names: its text when that is an identifier, else its target's stem.
pub fn link_type(page: &Page, link: &Link) -> TypeRef {
    named_by_link(link, typeref::link_target(&page.path, link))
}

/// The first link that [`typeref::link_names_type`] accepts, as [`link_type`] reads it
/// (resolving each link once).
pub fn first_type_link<'a>(
    page: &Page,
    links: impl IntoIterator<Item = &'a Link>,
) -> Option<(&'a Link, TypeRef)> {
    links.into_iter().find_map(|link| {
        let resolved = typeref::type_page(&page.path, link)?;
        Some((
            link,
            named_by_link(link, typeref::target_of(link, resolved)),
        ))
    })
}

/// [`link_type`] with the link's target already worked out.
fn named_by_link(link: &Link, target: Option<String>) -> TypeRef {
    let text = link.text.trim().trim_matches('`');
    let name = if typeref::is_identifier(text) {
        text.to_string()
    } else {
        typeref::page_stem(&link.target).unwrap_or_else(|| text.to_string())
    };
    TypeRef {
        name: TypeName::Named { name, target },
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
    let mut properties = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let Some(name_cell) = row.cells.get(name_column) else {
            continue;
        };
        let Some(name) = name_token(&name_cell.text).map(|m| m.trim_end_matches(['.', '-'])) else {
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
            let at = prose::find_ignore_case(&c.text, "inherited from")?;
            c.links
                .iter()
                .find(|l| prose::contains_ignore_case(&c.text[at..], &l.text))
                .map(|l| l.text.clone())
                .or_else(|| Some(String::new()))
        });
        let required = match required_column.and_then(|c| Some((c, row.cells.get(c)?))) {
            Some((column, cell)) => {
                let v = cell.text.trim().to_ascii_lowercase();
                let header = crate::page::table::normalise_header(&table.header.cells[column].text);
                // A "Required" column says yes for required; an "Optional" column the reverse.
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
            guessed: false,
        });
    }
    properties
}

#[cfg(test)]
mod tests {
    use super::*;

    fn main_type_name(title: &str, annotated: &str) -> String {
        let text = format!(
            "# {title} resource type\n\nNamespace: microsoft.graph\n\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"{annotated}\" }} -->\n\n```json\n{{ \"id\": \"String\" }}\n```\n"
        );
        let page = crate::page::parse("resources/x.md", text.as_bytes());
        let types = resource_types(&page, &mut Vec::new());
        types[0].name.clone()
    }

    #[test]
    fn an_annotation_in_lower_case_takes_the_camel_case_of_the_title() {
        assert_eq!(
            main_type_name("orgContact", "microsoft.graph.orgcontact"),
            "microsoft.graph.orgContact"
        );
        // A title in sentence case is no camel case; an annotation with capitals keeps them.
        assert_eq!(
            main_type_name("Drive", "microsoft.graph.drive"),
            "microsoft.graph.drive"
        );
        assert_eq!(
            main_type_name("orgContact", "microsoft.graph.OrgContact"),
            "microsoft.graph.OrgContact"
        );
    }

    #[test]
    fn notes_and_the_namespace_line_are_no_description() {
        let text = "# mobileApp resource type\n\nNamespace: microsoft.graph\n\n> **Note:** The API requires an [active license](https://example.com).\n\n> [!IMPORTANT]\n> APIs under the /beta version are subject to change.\n\nAn abstract class containing the base properties.\n";
        let page = crate::page::parse("resources/mobileapp.md", text.as_bytes());
        assert_eq!(
            description(&page),
            "An abstract class containing the base properties."
        );
        let text =
            "# contract resource type\n\nNamespace: microsoft.graph\nRepresents a partnership.\n";
        let page = crate::page::parse("resources/contract.md", text.as_bytes());
        assert_eq!(description(&page), "Represents a partnership.");
    }
}
