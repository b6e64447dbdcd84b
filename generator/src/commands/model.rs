//! `graph-docgen model`: prints the API model of a docs tree.

use super::{inputs_exist, to_stdout, EXIT_OK, EXIT_USAGE};
use crate::coverage::{self, Coverage};
use crate::diagnostics::Severity;
use crate::model::{self, ApiModel};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::PathBuf;

/// Output format of `model`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ModelFormat {
    /// A short summary for people.
    Human,
    /// The model as JSON (the documented contract).
    Json,
}

/// The JSON document `model --format json` prints.
#[derive(Serialize)]
pub struct ModelDocument<'a> {
    /// The model itself (pages, types, operations, unresolved, failed pages).
    #[serde(flatten)]
    pub model: &'a ApiModel,
    /// Number of examples.
    pub examples: usize,
    /// Diagnostics by code.
    pub diagnostics: BTreeMap<&'static str, usize>,
    /// Agreement with a CSDL schema, when one was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Coverage>,
}

/// Builds the document for a model.
pub fn document<'a>(model: &'a ApiModel, metadata: Option<Coverage>) -> ModelDocument<'a> {
    let mut diagnostics = BTreeMap::new();
    for d in &model.diagnostics {
        *diagnostics.entry(d.code).or_default() += 1;
    }
    ModelDocument {
        model,
        examples: model.examples.len(),
        diagnostics,
        metadata,
    }
}

/// Runs `model`.
pub fn run(inputs: &[PathBuf], format: ModelFormat, metadata: Option<&PathBuf>) -> u8 {
    if !inputs_exist(inputs) {
        return EXIT_USAGE;
    }
    let schema = match metadata.map(|path| super::read_schema(path)).transpose() {
        Ok(schema) => schema.map(|(schema, _)| schema),
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_USAGE;
        }
    };
    let (files, failed) = model::discover_compiling_patterns(inputs);
    let model = model::build_from_files(&files, failed);
    let stems = coverage::page_stems(files.iter().map(|f| f.relative.as_str()));
    let coverage = schema.map(|s| coverage::compare(&model, &s, &stems));
    let status = match format {
        ModelFormat::Json => match serde_json::to_string_pretty(&document(&model, coverage)) {
            Ok(json) => to_stdout(EXIT_OK, |out| writeln!(out, "{json}")),
            Err(error) => {
                eprintln!("error: cannot write the model as JSON: {error}");
                EXIT_USAGE
            }
        },
        ModelFormat::Human => {
            to_stdout(EXIT_OK, |out| write_summary(out, &model, coverage.as_ref()))
        }
    };
    // The process ends here: the operating system reclaims the model faster than dropping it.
    std::mem::forget(model);
    status
}

/// Writes the human summary.
pub fn write_summary(
    out: &mut dyn Write,
    model: &ApiModel,
    coverage: Option<&Coverage>,
) -> io::Result<()> {
    let p = &model.pages;
    writeln!(
        out,
        "{} pages: {} resource, {} operation, {} enum, {} other, {} failed",
        p.total, p.resource, p.operation, p.enum_, p.other, p.failed
    )?;
    let count = |kind| model.types.iter().filter(|t| t.kind == kind).count();
    let properties: usize = model.types.iter().map(|t| t.properties.len()).sum();
    writeln!(
        out,
        "types: {} ({} entity, {} complex, {} enum) with {} properties",
        model.types.len(),
        count(model::TypeKind::Entity),
        count(model::TypeKind::Complex),
        count(model::TypeKind::Enum),
        properties
    )?;
    let templates: usize = model.operations.iter().map(|o| o.templates.len()).sum();
    writeln!(
        out,
        "operations: {} with {} request templates",
        model.operations.len(),
        templates
    )?;
    let requests = model
        .examples
        .iter()
        .filter(|e| e.request.is_some())
        .count();
    let responses = model
        .examples
        .iter()
        .filter(|e| e.response.is_some())
        .count();
    writeln!(
        out,
        "examples: {} ({} with a request, {} with a response)",
        model.examples.len(),
        requests,
        responses
    )?;
    let references: usize = model.unresolved.iter().map(|u| u.references).sum();
    writeln!(
        out,
        "unresolved types: {} ({} references)",
        model.unresolved.len(),
        references
    )?;
    let mut top: Vec<_> = model.unresolved.iter().collect();
    top.sort_by(|a, b| b.references.cmp(&a.references).then(a.name.cmp(&b.name)));
    for u in top.iter().take(10) {
        writeln!(
            out,
            "  {} ({} references, first at {})",
            u.name, u.references, u.first_reference
        )?;
    }
    let errors = model
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = model
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    writeln!(out, "diagnostics: {errors} errors, {warnings} warnings")?;
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &model.diagnostics {
        *by_code.entry(d.code).or_default() += 1;
    }
    for (code, n) in by_code {
        writeln!(out, "  {code}: {n}")?;
    }
    for failed in &model.failed_pages {
        writeln!(out, "failed: {}: {}", failed.page, failed.reason)?;
    }
    if let Some(c) = coverage {
        let pct = Coverage::percent;
        writeln!(out, "against the schema:")?;
        writeln!(
            out,
            "  types: {}/{} ({}%), missing with a page {}, missing without a page {}",
            c.types_found,
            c.schema_types,
            pct(c.types_found, c.schema_types),
            c.missing_with_page.len(),
            c.missing_without_page.len()
        )?;
        writeln!(
            out,
            "  properties: {}/{} ({}%), types agree {}/{} ({}%), collection agrees {}/{} ({}%)",
            c.properties_found,
            c.schema_properties,
            pct(c.properties_found, c.schema_properties),
            c.property_types_agree,
            c.properties_found,
            pct(c.property_types_agree, c.properties_found),
            c.collection_agrees,
            c.properties_found,
            pct(c.collection_agrees, c.properties_found)
        )?;
        writeln!(
            out,
            "  kinds agree {}/{} ({}%), bases agree {}/{} ({}%), enum members {}/{} ({}%)",
            c.kinds_agree,
            c.kinds_compared,
            pct(c.kinds_agree, c.kinds_compared),
            c.bases_agree,
            c.kinds_compared,
            pct(c.bases_agree, c.kinds_compared),
            c.enum_members_found,
            c.schema_enum_members,
            pct(c.enum_members_found, c.schema_enum_members)
        )?;
        writeln!(
            out,
            "  model types not in the schema: {}",
            c.not_in_schema.len()
        )?;
        for (pair, n) in c.type_disagreements.iter().take(10) {
            writeln!(out, "  type disagreement {pair}: {n}")?;
        }
    }
    Ok(())
}
