//! Holds the model against an official OData CSDL schema: how much of the schema the pages
//! document, and whether they agree.

use crate::csdl::{CsdlKind, Schema};
use crate::model::typeref::UNTYPED;
use crate::model::{ApiModel, TypeDef, TypeKind};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Agreement figures between a model and a schema.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Coverage {
    /// Entity, complex and enum types in the schema.
    pub schema_types: usize,
    /// Of those, types the model has (same name, case ignored).
    pub types_found: usize,
    /// Declared properties (structural and navigation) of every entity and complex type of
    /// the schema: a property of a type the model lacks counts as undocumented.
    pub schema_properties: usize,
    /// Of those, declared properties of the schema types the model has.
    pub matched_type_properties: usize,
    /// Of those, properties the model's type has (case ignored).
    pub properties_found: usize,
    /// Of the found properties, those whose element type agrees (case ignored).
    pub property_types_agree: usize,
    /// Of the found properties, those whose collection-ness agrees.
    pub collection_agrees: usize,
    /// Found entity/complex types whose kind agrees.
    pub kinds_agree: usize,
    /// Found entity/complex types compared for kind.
    pub kinds_compared: usize,
    /// Found types whose base type agrees (both none counts as agreement).
    pub bases_agree: usize,
    /// Enum members of found enums that the model has.
    pub enum_members_found: usize,
    /// Members of every enum of the schema.
    pub schema_enum_members: usize,
    /// Of those, members of the enums the model has.
    pub matched_enum_members: usize,
    /// Missing schema types that no page's file name mentions: the docs lack a page.
    pub missing_without_page: Vec<String>,
    /// Missing schema types whose name matches a page's file name: a parsing miss.
    pub missing_with_page: Vec<String>,
    /// Most frequent type disagreements, `docs type -> schema type` with counts.
    pub type_disagreements: BTreeMap<String, usize>,
    /// Model types (v1.0) that the schema does not have.
    pub not_in_schema: Vec<String>,
}

impl Coverage {
    /// Share as a percentage, rounded to one decimal.
    pub fn percent(part: usize, whole: usize) -> f64 {
        if whole == 0 {
            return 100.0;
        }
        (part as f64 * 1000.0 / whole as f64).round() / 10.0
    }
}

/// The file stems of `paths` (pages, `/`-separated), lower-cased: what [`compare`] takes to
/// tell a type whose page is missing from one whose page was read but not understood.
pub fn page_stems<'p>(paths: impl IntoIterator<Item = &'p str>) -> HashSet<String> {
    paths
        .into_iter()
        .filter_map(|path| path.rsplit('/').next())
        .map(|name| name.trim_end_matches(".md").to_ascii_lowercase())
        .collect()
}

/// Compares the v1.0 types of `model` with `schema`. `page_stems` are the file stems of
/// every page read, lower-cased ([`page_stems`]), to tell missing pages from parsing misses.
pub fn compare(model: &ApiModel, schema: &Schema, page_stems: &HashSet<String>) -> Coverage {
    let mut by_lower: HashMap<String, &TypeDef> = HashMap::new();
    for def in model.types.iter().filter(|t| t.version == "v1.0") {
        by_lower.entry(def.name.to_ascii_lowercase()).or_insert(def);
    }
    let mut coverage = Coverage::default();
    let mut disagreements: HashMap<String, usize> = HashMap::new();
    for schema_type in schema.types.values() {
        coverage.schema_types += 1;
        if schema_type.kind == CsdlKind::Enum {
            coverage.schema_enum_members += schema_type.members.len();
        } else {
            coverage.schema_properties += schema_type.properties.len();
        }
        let Some(def) = by_lower.get(&schema_type.name.to_ascii_lowercase()) else {
            let stem = expected_stem(&schema_type.name);
            let intune_suffix = format!("-{stem}");
            let has_page = page_stems.contains(&stem)
                || page_stems
                    .iter()
                    .any(|s| s.starts_with("intune-") && s.ends_with(&intune_suffix));
            if has_page {
                coverage.missing_with_page.push(schema_type.name.clone());
            } else {
                coverage.missing_without_page.push(schema_type.name.clone());
            }
            continue;
        };
        coverage.types_found += 1;
        if schema_type.kind == CsdlKind::Enum {
            coverage.matched_enum_members += schema_type.members.len();
            coverage.enum_members_found += schema_type
                .members
                .iter()
                .filter(|m| def.members.iter().any(|d| d.name.eq_ignore_ascii_case(m)))
                .count();
            continue;
        }
        coverage.kinds_compared += 1;
        let kind_agrees = matches!(
            (schema_type.kind, def.kind),
            (CsdlKind::Entity, TypeKind::Entity) | (CsdlKind::Complex, TypeKind::Complex)
        );
        coverage.kinds_agree += usize::from(kind_agrees);
        let base_agrees = match (&schema_type.base, &def.base) {
            (None, None) => true,
            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
            _ => false,
        };
        coverage.bases_agree += usize::from(base_agrees);
        for property in &schema_type.properties {
            coverage.matched_type_properties += 1;
            let Some(documented) = def
                .properties
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case(&property.name))
            else {
                continue;
            };
            coverage.properties_found += 1;
            if documented
                .type_name
                .eq_ignore_ascii_case(&property.type_name)
            {
                coverage.property_types_agree += 1;
            } else {
                let key = format!(
                    "{} -> {}",
                    or_unreadable(&documented.type_name),
                    property.type_name
                );
                *disagreements.entry(key).or_default() += 1;
            }
            coverage.collection_agrees += usize::from(documented.collection == property.collection);
        }
    }
    let mut top: Vec<(String, usize)> = disagreements.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    coverage.type_disagreements = top.into_iter().take(25).collect();
    coverage.not_in_schema = model
        .types
        .iter()
        .filter(|t| t.version == "v1.0" && schema.get_ignore_case(&t.name).is_none())
        .map(|t| t.name.clone())
        .collect();
    coverage
}

/// The file stem a type's page has: `user` for `microsoft.graph.user`,
/// `callrecords-session` for `microsoft.graph.callRecords.session`.
fn expected_stem(name: &str) -> String {
    let relative = name.strip_prefix("microsoft.graph.").unwrap_or(name);
    relative.replace('.', "-").to_ascii_lowercase()
}

fn or_unreadable(name: &str) -> &str {
    if name == UNTYPED {
        "(unreadable)"
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::page;

    #[test]
    fn page_stems_are_file_names_without_md_lower_cased() {
        let stems = page_stems(["v1.0/resources/accessReviewInstance.md", "user-get.md"]);
        let expected: HashSet<String> = ["accessreviewinstance", "user-get"]
            .map(String::from)
            .into();
        assert_eq!(stems, expected);
    }

    const SCHEMA: &str = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
      <edmx:DataServices>
        <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
          <EntityType Name="entity" Abstract="true"><Property Name="id" Type="Edm.String" /></EntityType>
          <EntityType Name="widget" BaseType="graph.entity">
            <Property Name="displayName" Type="Edm.String" />
            <Property Name="size" Type="Edm.Int64" />
            <Property Name="tags" Type="Collection(Edm.String)" />
          </EntityType>
          <ComplexType Name="gadget"><Property Name="name" Type="Edm.String" /></ComplexType>
          <EnumType Name="colour"><Member Name="red" Value="0" /><Member Name="blue" Value="1" /></EnumType>
        </Schema>
      </edmx:DataServices>
    </edmx:Edmx>"#;

    const PAGE: &str = "# widget resource type\n\nNamespace: microsoft.graph\n\nInherits from [entity](entity.md).\n\n## Properties\n\n|Property|Type|Description|\n|-|-|-|\n|displayName|String|Name.|\n|size|Int32|Size.|\n|tags|String collection|Tags.|\n|extra|String|Not in the schema.|\n";

    #[test]
    fn shares_and_disagreements_are_counted_against_the_schema() {
        let schema = Schema::parse(SCHEMA).unwrap();
        let corpus = Corpus {
            pages: vec![page::parse("resources/widget.md", PAGE.as_bytes())],
            failed: Vec::new(),
        };
        let model = crate::model::build(&corpus);
        let stems = HashSet::from(["widget".to_string(), "gadget".to_string()]);
        let c = compare(&model, &schema, &stems);
        assert_eq!((c.schema_types, c.types_found), (4, 1));
        assert_eq!(
            c.missing_with_page,
            ["microsoft.graph.gadget"],
            "a page named gadget exists"
        );
        assert_eq!(
            c.missing_without_page,
            ["microsoft.graph.colour", "microsoft.graph.entity"]
        );
        // Shares are over the whole schema: entity's id counts, though the model lacks entity.
        assert_eq!(
            (
                c.schema_properties,
                c.matched_type_properties,
                c.properties_found
            ),
            (5, 3, 3)
        );
        assert_eq!(
            (
                c.schema_enum_members,
                c.matched_enum_members,
                c.enum_members_found
            ),
            (2, 0, 0)
        );
        assert_eq!(
            c.property_types_agree, 2,
            "size is Int32 in the docs, Int64 in the schema"
        );
        assert_eq!(c.type_disagreements["Edm.Int32 -> Edm.Int64"], 1);
        assert_eq!((c.kinds_agree, c.bases_agree), (1, 1));
        assert_eq!(Coverage::percent(1, 3), 33.3);
    }
}
