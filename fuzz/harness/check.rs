//! The checker on fuzzed input: a page checked beside the seed pages against the checker's
//! fixture schema, or the seed pages checked against a schema; then the findings rendered in
//! every format, and the page's fixes applied and the page read again. Shared by the `check`
//! and `schema` fuzz targets and by the test that replays the inputs they ever crashed on
//! (`tests/fuzz_regressions.rs`).

use graph_docgen::check;
use graph_docgen::check::metadata::Metadata;
use graph_docgen::check::render::{self, Format, Report};
use graph_docgen::corpus::Corpus;
use graph_docgen::csdl::Schema;
use graph_docgen::{coverage, model, page};
use std::collections::HashSet;

/// The pages the fuzzed page is checked beside: its types, operations and links resolve
/// against theirs, and their findings may change with it.
const SEED_PAGES: [(&str, &str); 5] = [
    (
        "v1.0/resources/accessreviewinstance.md",
        include_str!("../../docs-input/v1.0/resources/accessreviewinstance.md"),
    ),
    (
        "v1.0/api/accessreviewinstance-stop.md",
        include_str!("../../docs-input/v1.0/api/accessreviewinstance-stop.md"),
    ),
    (
        "v1.0/api/accessreviewinstance-update.md",
        include_str!("../../docs-input/v1.0/api/accessreviewinstance-update.md"),
    ),
    (
        "v1.0/api/accessreviewstage-stop.md",
        include_str!("../../docs-input/v1.0/api/accessreviewstage-stop.md"),
    ),
    (
        "beta/api/accessreviewinstance-create.md",
        include_str!("../../docs-input/beta/api/accessreviewinstance-create.md"),
    ),
];

const SCHEMA_FILE: &str = "schema.xml";
const SCHEMA: &str = include_str!("../../tests/fixtures/check/schema.xml");

/// Checks `data` as a page beside the seed pages (under `api/` when its length is even, under
/// `resources/` otherwise: a page's kind is read from its content, but links resolve from its
/// folder), against the fixture schema, and renders every finding in every format, in colour
/// and without. Returns how many findings there were.
pub fn check_fuzzed_page(data: &[u8]) -> usize {
    let path = if data.len().is_multiple_of(2) {
        "v1.0/api/fuzz.md"
    } else {
        "v1.0/resources/fuzz.md"
    };
    let schema = Schema::parse(SCHEMA).expect("the fixture schema parses");
    check_and_render(Some((path, data)), schema, SCHEMA)
}

/// Reads `data` as an OData CSDL schema and, when it is one, holds the seed pages against it:
/// the model's coverage of the schema, then every rule with the schema, every finding
/// rendered. Returns how many findings there were (none for a text that is no schema).
pub fn check_fuzzed_schema(data: &[u8]) -> usize {
    let text = String::from_utf8_lossy(data);
    match Schema::parse(&text) {
        Ok(schema) => check_and_render(None, schema, &text),
        Err(error) => {
            // The message the command prints for a schema it cannot read.
            let _ = error.to_string();
            0
        }
    }
}

/// The seed pages and `page` (a path and its bytes), checked against `schema` (read from
/// `schema_text`); every finding rendered in every format.
fn check_and_render(page: Option<(&str, &[u8])>, schema: Schema, schema_text: &str) -> usize {
    let mut pages: Vec<page::Page> = SEED_PAGES
        .iter()
        .map(|(path, text)| page::parse(path, text.as_bytes()))
        .collect();
    pages.extend(page.map(|(path, data)| page::parse(path, data)));
    let corpus = Corpus {
        pages,
        failed: Vec::new(),
    };
    let model = model::build(&corpus);
    let page_stems = coverage::page_stems(corpus.pages.iter().map(|p| p.path.as_str()));
    let _ = coverage::compare(&model, &schema, &page_stems);
    let metadata = Metadata {
        schema,
        text: schema_text.to_string(),
        file: SCHEMA_FILE.to_string(),
    };
    let selected: HashSet<String> = corpus.pages.iter().map(|p| p.path.clone()).collect();
    let findings = check::check_pages(&corpus.pages, &[], &model, &selected, None, Some(&metadata));
    let source = |file: &str| {
        if file == SCHEMA_FILE {
            return Some(metadata.text.as_str());
        }
        corpus
            .pages
            .iter()
            .find(|p| p.path == file)
            .map(|p| p.text.as_str())
    };
    let display = |file: &str| file.to_string();
    let report = Report {
        findings: &findings,
        files_checked: selected.len(),
        baselined: 0,
        source: &source,
        display: &display,
    };
    for format in [Format::Human, Format::Json, Format::Sarif, Format::Github] {
        for color in [false, true] {
            let _ = render::render(format, &report, color);
        }
    }
    // `check --fix` on the page: its fixes applied to its bytes, and the result read again.
    if let Some((path, data)) = page {
        let fixes: Vec<&graph_docgen::diagnostics::Fix> = findings
            .iter()
            .filter(|d| d.file == path)
            .filter_map(|d| d.fix.as_deref())
            .collect();
        let (fixed, applied) = check::fix::apply_to(data, &fixes);
        assert!(applied <= fixes.len());
        let _ = page::parse(path, &fixed);
    }
    findings.len()
}
