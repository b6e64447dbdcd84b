//! One fuzzed page checked beside the seed pages: every rule, against the checker's fixture
//! schema, then the findings rendered in every format. Shared by the `check` fuzz target and
//! by the test that replays the inputs it ever crashed on (`tests/fuzz_regressions.rs`).

use graph_docgen::check;
use graph_docgen::check::metadata::Metadata;
use graph_docgen::check::render::{self, Format, Report};
use graph_docgen::corpus::Corpus;
use graph_docgen::csdl::Schema;
use graph_docgen::{model, page};
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
/// folder) and renders every finding in every format, in colour and
/// without. Returns how many findings there were.
pub fn check_fuzzed_page(data: &[u8]) -> usize {
    let path = if data.len() % 2 == 0 {
        "v1.0/api/fuzz.md"
    } else {
        "v1.0/resources/fuzz.md"
    };
    let mut pages: Vec<page::Page> = SEED_PAGES
        .iter()
        .map(|(path, text)| page::parse(path, text.as_bytes()))
        .collect();
    pages.push(page::parse(path, data));
    let corpus = Corpus {
        pages,
        failed: Vec::new(),
    };
    let model = model::build(&corpus);
    let metadata = Metadata {
        schema: Schema::parse(SCHEMA).expect("the fixture schema parses"),
        text: SCHEMA.to_string(),
        file: SCHEMA_FILE.to_string(),
    };
    let selected: HashSet<String> = corpus.pages.iter().map(|p| p.path.clone()).collect();
    let findings = check::check_pages(&corpus.pages, &[], &model, &selected, None, Some(&metadata));
    let source = |file: &str| {
        if file == SCHEMA_FILE {
            return Some(SCHEMA);
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
    findings.len()
}
