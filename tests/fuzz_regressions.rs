//! Every input a fuzzer ever crashed on stays a test: `fuzz/regressions/<target>/*` goes
//! through the same code as its fuzz target and must not panic.

mod common;

#[path = "../fuzz/harness/check.rs"]
mod check_harness;

use graph_docgen::corpus::Corpus;
use graph_docgen::page;
use std::path::Path;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = common::workspace().join("fuzz/regressions").join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut inputs: Vec<(String, Vec<u8>)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .map(|p: std::path::PathBuf| (name(&p), std::fs::read(&p).unwrap()))
        .collect();
    inputs.sort();
    inputs
}

fn name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn page_parser_regressions_do_not_panic() {
    for (name, bytes) in inputs("page_parser") {
        let page = page::parse("fuzz.md", &bytes);
        let model = graph_docgen::model::build(&Corpus {
            pages: vec![page],
            failed: Vec::new(),
        });
        eprintln!("{name}: {} diagnostics", model.diagnostics.len());
    }
}

#[test]
fn annotation_regressions_do_not_panic() {
    for (_, bytes) in inputs("annotation") {
        let _ = page::annotation::read_comment(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn http_block_regressions_do_not_panic() {
    for (_, bytes) in inputs("http_block") {
        let _ = page::http::parse(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn json_payload_regressions_do_not_panic() {
    for (_, bytes) in inputs("json_payload") {
        let _ = page::json::read(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn check_regressions_do_not_panic() {
    for (name, bytes) in inputs("check") {
        let findings = check_harness::check_fuzzed_page(&bytes);
        eprintln!("{name}: {findings} findings");
    }
}

#[test]
fn schema_regressions_do_not_panic() {
    for (name, bytes) in inputs("schema") {
        let findings = check_harness::check_fuzzed_schema(&bytes);
        eprintln!("{name}: {findings} findings");
    }
}

/// The harness the `check` fuzz target runs is the checker: the seed pages alone give their
/// findings, and a page that breaks a rule adds its finding.
#[test]
fn the_check_fuzz_harness_runs_every_rule_beside_the_seed_pages() {
    let empty = check_harness::check_fuzzed_page(b"");
    let broken = check_harness::check_fuzzed_page(
        b"# widget resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | TODO |\n| id | String | The id. |\n",
    );
    assert!(empty > 0, "the seed pages have findings of their own");
    assert!(broken > empty + 1, "{broken} findings against {empty}");
}

/// The harness the `schema` fuzz target runs holds the seed pages against the schema: a
/// schema that types a documented property otherwise adds a finding, and a text that is no
/// schema gives none.
#[test]
fn the_schema_fuzz_harness_holds_the_seed_pages_against_the_schema() {
    let schema = |property_type: &str| {
        format!(
            r#"<Schema Namespace="microsoft.graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
<EntityType Name="entity" Abstract="true"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
<EntityType Name="accessReviewInstance" BaseType="graph.entity"><Property Name="startDateTime" Type="{property_type}"/></EntityType>
</Schema>"#
        )
    };
    let agreeing = check_harness::check_fuzzed_schema(schema("Edm.DateTimeOffset").as_bytes());
    let differing = check_harness::check_fuzzed_schema(schema("Edm.Int32").as_bytes());
    assert!(agreeing > 0, "the seed pages have findings of their own");
    assert!(
        differing > agreeing,
        "{differing} findings against {agreeing}"
    );
    assert_eq!(check_harness::check_fuzzed_schema(b"<Schema"), 0);
}
