//! The generated crate, end to end: generated from the fixture pages of
//! `tests/fixtures/crate/` into a fresh folder, it builds, its golden test reads every example
//! payload into its type and back, and its types behave as the pages say
//! (`tests/fixtures/crate-behaviour.rs`, added to the generated crate's tests).

mod common;

use std::path::Path;

fn fixture_crate_input() -> std::path::PathBuf {
    common::workspace().join("tests/fixtures/crate")
}

#[test]
fn the_crate_generated_from_the_fixtures_builds_round_trips_and_behaves() {
    let figures = common::generate_and_test_crate_with(
        &fixture_crate_input(),
        &[(
            Path::new("tests/behaviour.rs"),
            common::workspace().join("tests/fixtures/crate-behaviour.rs"),
        )],
        common::CrateChecks {
            document: true,
            runtime_tests: true,
        },
    );
    let output = &figures.output;
    // The behaviour specifications ran and passed.
    assert!(
        output.contains("odata_type_picks_the_derived_type_with_or_without_the_hash"),
        "{output}"
    );
    // Six example payloads: the get response, the update request and response, three list
    // responses. Three come back the same; three are docs defects, one of each kind.
    assert_eq!(figures.count("tried"), 6, "{output}");
    assert_eq!(figures.count("passed"), 3, "{output}");
    assert_eq!(figures.report["tool_failures"], serde_json::json!([]));
    let placeholder = figures.defects("placeholder");
    assert_eq!(placeholder.len(), 1, "{output}");
    assert!(placeholder[0].starts_with("v1.0/api/drawing-update.md:"));
    assert!(
        placeholder[0].contains("at $.createdDateTime"),
        "{placeholder:?}"
    );
    let invalid = figures.defects("invalid-json");
    assert_eq!(invalid.len(), 1, "{output}");
    assert!(invalid[0].starts_with("v1.0/api/drawing-list.md:"));
    let wrong_kind = figures.defects("wrong-kind");
    assert_eq!(wrong_kind.len(), 1, "{output}");
    assert!(
        wrong_kind[0].contains("at $.value[0].revision"),
        "{wrong_kind:?}"
    );
    // The get response's `layer` and the unknown hexagon's `sides` have no documented home:
    // they land in bags, everything else in typed fields.
    let (leaves, typed) = (figures.count("leaves"), figures.count("typed_leaves"));
    assert_eq!(leaves - typed, 3, "{output}");
}

#[test]
fn bad_definitions_get_diagnostics_and_still_give_a_crate_that_builds() {
    let input = common::workspace().join("tests/fixtures/crate-bad");
    let model = graph_docgen::model::build_from_roots(std::slice::from_ref(&input));
    let codes: Vec<&str> = model.diagnostics.iter().map(|d| d.code).collect();
    // A base-type cycle, a type defined twice with different property types, a type cell
    // that names no type.
    for code in ["GD0501", "GD0502", "GD0504"] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    assert_eq!(model.unresolved.len(), 1, "the undocumented `ghost` type");
    // The crate builds (warning-free) and its tests pass: the cycle is cut, the unreadable
    // and undocumented types are raw JSON, the self-containing type is boxed, `self` and
    // `Self` get distinct valid names.
    let figures = common::generate_and_test_crate(&input);
    assert!(!figures.output.contains("warning:"), "{}", figures.output);
    assert_eq!(figures.count("tried"), 0);
}
