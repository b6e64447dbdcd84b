//! The checker's specification: every rule has a fixture page under `tests/fixtures/check/` that
//! breaks exactly that rule (and is reported at the broken line), the clean pages produce
//! nothing, the inconsistencies the format guide lists are found in the fixture pages modelled
//! on them, and the outputs, configuration, baseline and exit codes behave as documented.

mod common;

use assert_cmd::Command;
use graph_docgen::check::config::Config;
use graph_docgen::check::metadata::Metadata;
use graph_docgen::check::rules::{self, RULES};
use graph_docgen::check::{self, CheckRun};
use graph_docgen::codes;
use graph_docgen::csdl::Schema;
use graph_docgen::diagnostics::{Diagnostic, Place};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::OnceLock;

fn check_root() -> PathBuf {
    common::workspace().join("tests/fixtures/check/v1.0")
}

/// Every rule on, rules that are off by default included.
fn all_rules() -> Config {
    let mut text = String::from("[rules]\n");
    for r in RULES.iter().filter(|r| !r.enabled) {
        text.push_str(&format!("{} = \"on\"\n", r.code));
    }
    Config::parse(&text).expect("a valid configuration")
}

fn fixture_run() -> &'static CheckRun {
    static RUN: OnceLock<CheckRun> = OnceLock::new();
    RUN.get_or_init(|| check::run(&check_root(), &[], None).expect("the fixture tree is readable"))
}

/// Findings by file: (code, line) pairs.
fn by_file(findings: &[Diagnostic]) -> BTreeMap<String, Vec<(&'static str, usize)>> {
    let mut out: BTreeMap<String, Vec<(&'static str, usize)>> = BTreeMap::new();
    for d in findings {
        out.entry(d.file.clone())
            .or_default()
            .push((d.code, d.line));
    }
    out
}

/// (fixture page, the one rule it breaks, the line it is reported at).
const BROKEN: &[(&str, &str, usize)] = &[
    (
        "api/broken-placeholder-enum-value.md",
        codes::PLACEHOLDER_VALUE,
        79,
    ),
    ("api/broken-include-missing.md", codes::BROKEN_LINK, 61),
    (
        "api/broken-annotation-unknown-block-type.md",
        codes::ANNOTATION_UNKNOWN_BLOCK_TYPE,
        52,
    ),
    (
        "api/broken-enum-value-unknown.md",
        codes::ENUM_VALUE_UNKNOWN,
        79,
    ),
    (
        "api/broken-example-method-differs.md",
        codes::EXAMPLE_METHOD_DIFFERS,
        64,
    ),
    (
        "api/broken-example-url-unmatched.md",
        codes::EXAMPLE_URL_UNMATCHED,
        57,
    ),
    (
        "api/broken-example-url-elsewhere.md",
        codes::EXAMPLE_URL_UNMATCHED,
        61,
    ),
    ("api/broken-missing-body.md", codes::MISSING_BODY, 64),
    (
        "api/broken-content-type-missing.md",
        codes::CONTENT_TYPE_MISSING,
        64,
    ),
    (
        "api/broken-odata-type-not-derived.md",
        codes::ODATA_TYPE_NOT_DERIVED,
        75,
    ),
    (
        "api/broken-odata-type-unknown.md",
        codes::ODATA_TYPE_UNKNOWN,
        74,
    ),
    (
        "api/broken-odata-type-unknown-prefix.md",
        codes::ODATA_TYPE_UNKNOWN,
        76,
    ),
    (
        "api/broken-odata-type-case-differs.md",
        codes::ODATA_TYPE_CASE_DIFFERS,
        74,
    ),
    (
        "resources/broken-odata-type-case-in-resource.md",
        codes::ODATA_TYPE_CASE_DIFFERS,
        33,
    ),
    (
        "api/broken-placeholder-value.md",
        codes::PLACEHOLDER_VALUE,
        76,
    ),
    (
        "api/broken-placeholder-template.md",
        codes::PLACEHOLDER_VALUE,
        74,
    ),
    (
        "api/broken-unknown-property-on-every-item.md",
        codes::UNKNOWN_PAYLOAD_PROPERTY,
        83,
    ),
    (
        "api/broken-response-declares-other-type.md",
        codes::UNKNOWN_PAYLOAD_PROPERTY,
        72,
    ),
    (
        "api/broken-template-sample-id.md",
        codes::TEMPLATE_SAMPLE_ID,
        30,
    ),
    (
        "api/broken-unknown-property-only-represented.md",
        codes::UNKNOWN_PAYLOAD_PROPERTY,
        77,
    ),
    (
        "api/broken-read-only-settable.md",
        codes::READ_ONLY_SETTABLE,
        48,
    ),
    (
        "api/broken-reason-phrase-wrong.md",
        codes::REASON_PHRASE_WRONG,
        69,
    ),
    (
        "api/broken-request-without-response.md",
        codes::REQUEST_WITHOUT_RESPONSE,
        57,
    ),
    (
        "api/broken-response-status-differs.md",
        codes::RESPONSE_STATUS_DIFFERS,
        69,
    ),
    (
        "api/broken-response-without-request.md",
        codes::RESPONSE_WITHOUT_REQUEST,
        55,
    ),
    ("api/broken-unexpected-body.md", codes::UNEXPECTED_BODY, 83),
    (
        "api/broken-unexpected-body-delete.md",
        codes::UNEXPECTED_BODY,
        54,
    ),
    (
        "api/broken-unexpected-body-stated.md",
        codes::UNEXPECTED_BODY,
        59,
    ),
    (
        "api/broken-unknown-payload-property.md",
        codes::UNKNOWN_PAYLOAD_PROPERTY,
        76,
    ),
    (
        "api/broken-version-mismatch.md",
        codes::VERSION_MISMATCH,
        57,
    ),
    (
        "api/broken-wrong-value-kind.md",
        codes::WRONG_VALUE_KIND,
        78,
    ),
    (
        "api/duplicate-example-name.md",
        codes::DUPLICATE_EXAMPLE_NAME,
        54,
    ),
    (
        "resources/broken-annotation-invalid-json.md",
        codes::ANNOTATION_UNREADABLE,
        69,
    ),
    (
        "resources/broken-annotation-not-strict-json.md",
        codes::ANNOTATION_NOT_STRICT_JSON,
        70,
    ),
    (
        "resources/broken-annotation-unbound.md",
        codes::ANNOTATION_UNBOUND,
        40,
    ),
    (
        "resources/broken-annotation-unknown-key.md",
        codes::ANNOTATION_UNKNOWN_KEY,
        48,
    ),
    (
        "resources/broken-base-type-cycle-a.md",
        codes::BASE_TYPE_CYCLE,
        17,
    ),
    (
        "resources/broken-base-type-cycle-b.md",
        codes::BASE_TYPE_CYCLE,
        17,
    ),
    (
        "resources/broken-base-type-disagreement.md",
        codes::BASE_TYPE_DISAGREEMENT,
        17,
    ),
    (
        "resources/broken-base-type-missing.md",
        codes::BASE_TYPE_MISSING,
        44,
    ),
    (
        "resources/broken-conflicting-definition-b.md",
        codes::CONFLICTING_DEFINITION,
        32,
    ),
    (
        "resources/broken-duplicate-property.md",
        codes::DUPLICATE_PROPERTY,
        37,
    ),
    (
        "resources/broken-empty-description.md",
        codes::EMPTY_DESCRIPTION,
        37,
    ),
    ("resources/broken-empty-page.md", codes::EMPTY_PAGE, 1),
    (
        "resources/broken-front-matter.md",
        codes::FRONT_MATTER_INVALID,
        4,
    ),
    ("resources/broken-invalid-utf8.md", codes::INVALID_UTF8, 3),
    ("resources/broken-link.md", codes::BROKEN_LINK, 15),
    (
        "resources/broken-link-in-heading.md",
        codes::BROKEN_LINK,
        42,
    ),
    (
        "resources/broken-payload-invalid-json.md",
        codes::PAYLOAD_UNREADABLE,
        58,
    ),
    (
        "resources/broken-payload-not-strict-json.md",
        codes::PAYLOAD_NOT_STRICT_JSON,
        61,
    ),
    (
        "resources/broken-representation-extra-property.md",
        codes::REPRESENTATION_EXTRA_PROPERTY,
        58,
    ),
    (
        "resources/broken-representation-missing-property.md",
        codes::REPRESENTATION_MISSING_PROPERTY,
        34,
    ),
    (
        "resources/broken-representation-type-differs.md",
        codes::REPRESENTATION_TYPE_DIFFERS,
        61,
    ),
    (
        "resources/broken-table-cell-count.md",
        codes::TABLE_CELL_COUNT,
        37,
    ),
    ("resources/broken-todo-marker.md", codes::TODO_MARKER, 17),
    (
        "resources/broken-type-cell-unreadable.md",
        codes::TYPE_CELL_UNREADABLE,
        37,
    ),
    (
        "resources/broken-type-reference-unresolved.md",
        codes::TYPE_REFERENCE_UNRESOLVED,
        37,
    ),
    (
        "resources/broken-unclosed-fence.md",
        codes::UNCLOSED_FENCE,
        75,
    ),
    (
        "resources/broken-unterminated-comment.md",
        codes::UNTERMINATED_COMMENT,
        73,
    ),
];

/// Pages that break nothing on their own (support pages and the clean pages).
const CLEAN: &[&str] = &[
    "api/clean-docfx-widget-list.md",
    "api/clean-widget-get.md",
    "api/clean-widget-list-by-owner.md",
    "api/clean-widget-neighbors.md",
    "api/clean-widget-update.md",
    "resources/broken-conflicting-definition-a.md",
    "resources/clean-widget.md",
    "resources/clean-widgetdimensions.md",
    "resources/clean-widgetstatus.md",
    "resources/directoryobject.md",
    "resources/entity.md",
];

#[test]
fn each_broken_fixture_breaks_exactly_its_rule_at_its_line() {
    let findings = all_rules().apply(fixture_run().findings.clone());
    let found = by_file(&findings);
    for (file, code, line) in BROKEN {
        assert_eq!(
            found.get(*file).map(Vec::as_slice).unwrap_or_default(),
            [(*code, *line)],
            "{file} should break {code} at line {line} and nothing else"
        );
    }
}

#[test]
fn a_body_where_none_is_sent_says_whether_the_page_or_the_method_says_so() {
    let message = |page: &str| {
        fixture_run()
            .findings
            .iter()
            .find(|d| d.file == page && d.code == codes::UNEXPECTED_BODY)
            .map(|d| d.message.clone())
            .expect("a finding")
    };
    assert_eq!(
        message("api/broken-unexpected-body-stated.md"),
        "the page says no request body is supplied for POST, but the example sends one"
    );
    assert_eq!(
        message("api/broken-unexpected-body-delete.md"),
        "a DELETE request takes no body, but the example sends one"
    );
}

#[test]
fn an_unknown_odata_type_suggests_the_documented_type_it_most_likely_means() {
    let help = |page: &str| {
        fixture_run()
            .findings
            .iter()
            .find(|d| d.file == page && d.code == codes::ODATA_TYPE_UNKNOWN)
            .and_then(|d| d.help.clone())
    };
    // A misspelling, by edit distance; a name that lost its prefix, by its ending.
    assert_eq!(
        help("api/broken-odata-type-unknown.md").as_deref(),
        Some("did you mean `#microsoft.graph.widget`?")
    );
    assert_eq!(
        help("api/broken-odata-type-unknown-prefix.md").as_deref(),
        Some("did you mean `#microsoft.graph.widgetDimensions`?")
    );
}

#[test]
fn clean_pages_and_valid_docfx_markdown_produce_nothing() {
    let findings = all_rules().apply(fixture_run().findings.clone());
    let found = by_file(&findings);
    for file in CLEAN {
        assert_eq!(found.get(*file), None, "{file} is clean");
    }
    let known: BTreeSet<&str> = BROKEN
        .iter()
        .map(|(f, _, _)| *f)
        .chain(CLEAN.iter().copied())
        .collect();
    for file in found.keys() {
        assert!(
            known.contains(file.as_str()),
            "{file} is not in the fixture tables"
        );
    }
}

#[test]
fn every_rule_has_a_breaking_fixture() {
    // The schema rules are held against a schema in `the_schema_rules_compare_types_and_properties`,
    // and unreadable files (GD0001) in `unreadable_paths_are_usage_errors`.
    let elsewhere = [
        codes::UNREADABLE_FILE,
        codes::SCHEMA_TYPE_MISMATCH,
        codes::SCHEMA_PROPERTY_MISMATCH,
        codes::SCHEMA_PROPERTY_TYPE_DIFFERS,
    ];
    let covered: BTreeSet<&str> = BROKEN.iter().map(|(_, code, _)| *code).collect();
    for r in RULES {
        assert!(
            covered.contains(r.code) || elsewhere.contains(&r.code),
            "rule {} ({}) has no fixture",
            r.code,
            r.name
        );
    }
}

#[test]
fn rules_off_by_default_stay_quiet_until_enabled() {
    let findings = Config::default().apply(fixture_run().findings.clone());
    let found = by_file(&findings);
    assert_eq!(
        found.get("resources/broken-representation-missing-property.md"),
        None
    );
    assert_eq!(found.get("resources/broken-empty-description.md"), None);
}

#[test]
fn checking_one_page_still_resolves_types_of_the_whole_root() {
    let page = check_root().join("api/broken-unknown-payload-property.md");
    let run = check::run(&check_root(), &[page], None).expect("readable");
    let codes: Vec<&str> = run.findings.iter().map(|d| d.code).collect();
    assert_eq!(codes, [codes::UNKNOWN_PAYLOAD_PROPERTY]);
    let d = &run.findings[0];
    assert_eq!((d.line, d.column), (76, 3));
    assert_eq!(d.help.as_deref(), Some("did you mean `displayName`?"));
}

/// Checking some pages of a root reports on them what checking the whole root does, and holds
/// only them: the others are modelled, then dropped. A request name used on two pages is
/// blamed on the later use; when only the first use is checked, the clash is reported there,
/// so that checking the page that brought a name in (a copied example) still tells of it.
#[test]
fn pages_checked_alone_get_the_findings_of_the_whole_root_and_only_they_are_held() {
    let whole = fixture_run();
    let first_use = "api/clean-widget-get.md";
    let later_use = "api/duplicate-example-name.md";
    // Each set in path order. `get_widget` is first used on `clean-widget-get.md`, then again on
    // `duplicate-example-name.md`.
    let sets: [&[&str]; 4] = [
        &[
            "api/broken-unknown-payload-property.md",
            later_use,
            "resources/broken-representation-type-differs.md",
        ],
        &[first_use],
        &[later_use],
        &[first_use, later_use],
    ];
    for pages in sets {
        let paths: Vec<PathBuf> = pages.iter().map(|p| check_root().join(p)).collect();
        let run = check::run(&check_root(), &paths, None).expect("readable");
        let held: Vec<&str> = run.pages.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(held, pages);
        let first_use_alone = pages.contains(&first_use) && !pages.contains(&later_use);
        let is_reuse_at_first_use =
            |d: &Diagnostic| d.file == first_use && d.code == codes::DUPLICATE_EXAMPLE_NAME;
        let expected: Vec<&Diagnostic> = whole
            .findings
            .iter()
            .filter(|d| pages.contains(&d.file.as_str()))
            .collect();
        let others: Vec<&Diagnostic> = run
            .findings
            .iter()
            .filter(|d| !is_reuse_at_first_use(d))
            .collect();
        assert_eq!(others, expected, "checking {pages:?}");
        let blamed: Vec<(&str, usize, &str)> = run
            .findings
            .iter()
            .filter(|d| d.code == codes::DUPLICATE_EXAMPLE_NAME)
            .map(|d| (d.file.as_str(), d.line, d.message.as_str()))
            .collect();
        let expected_blamed: Vec<(&str, usize, &str)> = if pages.contains(&later_use) {
            whole
                .findings
                .iter()
                .filter(|d| d.code == codes::DUPLICATE_EXAMPLE_NAME && d.file == later_use)
                .map(|d| (d.file.as_str(), d.line, d.message.as_str()))
                .collect()
        } else if first_use_alone {
            vec![(
                first_use,
                54,
                "request name `get_widget` is used again at api/duplicate-example-name.md:54",
            )]
        } else {
            Vec::new()
        };
        assert_eq!(blamed, expected_blamed, "checking {pages:?}");
    }
}

/// The command runs the rules that need no model while the model is assembled; checking the
/// same pages with every rule after the model is built finds exactly the same.
#[test]
fn rules_run_beside_the_assembly_find_what_they_find_after_it() {
    let root = check_root();
    let (files, failed) = graph_docgen::corpus::discover(std::slice::from_ref(&root));
    let (corpus, model) = graph_docgen::model::load_and_build(&files, failed);
    let selected = corpus.pages.iter().map(|p| p.path.clone()).collect();
    let after = check::check_pages(&corpus.pages, &[], &model, &selected, Some(&root), None);
    assert!(after.iter().any(|d| d.code == codes::BROKEN_LINK));
    assert!(after
        .iter()
        .any(|d| d.code == codes::UNKNOWN_PAYLOAD_PROPERTY));
    assert_eq!(fixture_run().findings, after);
}

/// A Type cell naming alternatives ("widgetDimensions or widgetSize") accepts an object of
/// either type, read from the row of the page that documents the property, whether that page
/// is checked too or only the example's page is.
#[test]
fn a_type_cell_naming_alternatives_accepts_each_even_when_its_page_is_not_checked() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = fixture_pages_in(dir.path(), CLEAN_WIDGET_GET);
    let edit = |page: &str, from: &str, to: &str| {
        let path = root.join(page);
        let text = std::fs::read_to_string(&path).expect("the page");
        assert!(text.contains(from), "{page} holds {from:?}");
        std::fs::write(&path, text.replace(from, to)).expect("the edited page");
    };
    let dimensions = std::fs::read_to_string(root.join("resources/clean-widgetdimensions.md"))
        .expect("the page");
    let size = dimensions
        .replace("widgetDimensions", "widgetSize")
        .replace("clean-widgetdimensions", "clean-widgetsize")
        .replace(
            "|height|Int32|The number of grid rows the widget covers.|\n|width|Int32|The number of grid columns the widget covers.|",
            "|scale|Int32|How many grid cells a side of the widget covers.|",
        )
        .replace("\"height\": 1024,\n  \"width\": 1024", "\"scale\": 2");
    assert!(size.contains("|scale|") && size.contains("\"scale\": 2"));
    std::fs::write(root.join("resources/clean-widgetsize.md"), size).expect("a page");
    edit(
        "resources/clean-widget.md",
        "|dimensions|[widgetDimensions](clean-widgetdimensions.md)|",
        "|dimensions|[widgetDimensions](clean-widgetdimensions.md) or [widgetSize](clean-widgetsize.md)|",
    );
    edit(
        "api/clean-widget-get.md",
        r#""dimensions": { "height": 2, "width": 4 },"#,
        r##""dimensions": { "@odata.type": "#microsoft.graph.widgetSize", "scale": 2, "tilt": 1 },"##,
    );
    let page = "api/clean-widget-get.md";
    let findings = |paths: Vec<PathBuf>| -> Vec<(&'static str, String)> {
        let run = check::run(&root, &paths, None).expect("readable");
        run.findings
            .iter()
            .filter(|d| d.file == page)
            .map(|d| (d.code, d.message.clone()))
            .collect()
    };
    let alone = findings(vec![root.join(page)]);
    // Only `tilt` is unknown: `scale` is a property of the alternative the object names.
    assert_eq!(alone.len(), 1, "{alone:?}");
    assert_eq!(alone[0].0, codes::UNKNOWN_PAYLOAD_PROPERTY);
    assert!(alone[0].1.contains("`tilt`"), "{}", alone[0].1);
    assert_eq!(findings(Vec::new()), alone);
}

/// The findings of `api/clean-widget-get.md` checked alone, once each `(from, to)` edit is made
/// to its text, in a copy of the widget fixtures.
fn widget_get_findings_after(edits: &[(&str, &str)]) -> Vec<Diagnostic> {
    widget_get_findings_with(edits, None)
}

/// [`widget_get_findings_after`], checked with `metadata` (`--metadata`).
fn widget_get_findings_with(edits: &[(&str, &str)], metadata: Option<Metadata>) -> Vec<Diagnostic> {
    findings_on_edited_copy(CLEAN_WIDGET_GET, "api/clean-widget-get.md", edits, metadata)
}

/// The findings of `page` checked alone, once each `(from, to)` edit is made to its text, in a
/// copy of the fixture `pages` (`page` among them).
fn findings_on_edited_copy(
    pages: &[&str],
    page: &str,
    edits: &[(&str, &str)],
    metadata: Option<Metadata>,
) -> Vec<Diagnostic> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = fixture_pages_in(dir.path(), pages);
    let page = root.join(page);
    let mut text = std::fs::read_to_string(&page).expect("the page");
    for (from, to) in edits {
        assert!(text.contains(from), "the page holds {from:?}");
        text = text.replace(from, to);
    }
    std::fs::write(&page, text).expect("the edited page");
    check::run(&root, &[page], metadata)
        .expect("readable")
        .findings
}

const WIDGET_DIMENSIONS: &str = r#""dimensions": { "height": 2, "width": 4 },"#;

#[test]
fn an_unknown_property_with_no_near_name_says_which_table_to_document_it_in() {
    let findings = widget_get_findings_after(&[(
        WIDGET_DIMENSIONS,
        r#""dimensions": { "height": 2, "width": 4, "tilt": 1 }, "ownerAlias": "sales","#,
    )]);
    let helps: Vec<(&str, Option<&str>)> = findings
        .iter()
        .filter(|d| d.code == codes::UNKNOWN_PAYLOAD_PROPERTY)
        .map(|d| (d.message.as_str(), d.help.as_deref()))
        .collect();
    assert_eq!(
        helps,
        [
            (
                "property `tilt` is not in type `widgetDimensions`",
                Some("document `tilt` in the table at resources/clean-widgetdimensions.md (or a base type's), or remove it from the example")
            ),
            (
                "property `ownerAlias` is not in type `widget`",
                Some("document `ownerAlias` in the table at resources/clean-widget.md (or a base type's), or remove it from the example")
            ),
        ]
    );
}

#[test]
fn an_object_mostly_of_unknown_properties_points_at_a_missing_base_type_or_the_declared_type() {
    // `widgetDimensions` names no base type; an enum value written as an object.
    let findings = widget_get_findings_after(&[
        (
            WIDGET_DIMENSIONS,
            r#""dimensions": { "tilt": 1, "skew": 2, "depth": 3 },"#,
        ),
        (r#""status": "active","#, r#""status": {},"#),
    ]);
    let helps: Vec<(&str, &str, Option<&str>)> = findings
        .iter()
        .map(|d| (d.code, d.message.as_str(), d.help.as_deref()))
        .collect();
    assert_eq!(
        helps,
        [
            (
                codes::UNKNOWN_PAYLOAD_PROPERTY,
                "this object does not look like type `widgetDimensions`: 3 of its 3 properties are not in it (tilt, skew, depth)",
                Some("if `widgetDimensions` inherits them, name its base type on resources/clean-widgetdimensions.md (\"Inherits from\"); else check the declared type (annotation `@odata.type` or the Response prose)")
            ),
            (
                codes::WRONG_VALUE_KIND,
                "`status` is an enum value (widgetStatus) but the example gives an object",
                Some("write one member as a string, such as `\"active\"`; members: active, retired, unknownFutureValue")
            ),
        ]
    );
}

/// The schema fixture, with `(from, to)` edits made to its text.
fn schema_fixture_with(edits: &[(&str, &str)]) -> Metadata {
    let mut text =
        std::fs::read_to_string(common::workspace().join("tests/fixtures/check/schema.xml"))
            .expect("schema fixture");
    for (from, to) in edits {
        assert!(text.contains(from), "the schema holds {from:?}");
        text = text.replace(from, to);
    }
    Metadata {
        schema: Schema::parse(&text).expect("valid schema"),
        text,
        file: "schema.xml".into(),
    }
}

#[test]
fn with_the_schema_an_unknown_property_says_whether_the_service_has_it() {
    // The widget's page documents neither `owner` nor `tag`; `tag` is near the documented
    // `tags`, but a schema that has it as written says it is no misspelling.
    let shown = (
        r#""isPinned": false,"#,
        r#""isPinned": false, "owner": "Megan", "ownerAlias": "megan", "tag": "sales","#,
    );
    let helps = |schema_edit: (&str, &str)| -> Vec<Option<String>> {
        widget_get_findings_with(&[shown], Some(schema_fixture_with(&[schema_edit])))
            .into_iter()
            .filter(|d| d.code == codes::UNKNOWN_PAYLOAD_PROPERTY)
            .map(|d| d.help)
            .collect()
    };
    let has = |key: &str| {
        Some(format!("the schema has `{key}` on `widget`: document it in the table at resources/clean-widget.md (or a base type's)"))
    };
    let with_tag = (
        r#"<Property Name="owner" Type="Edm.String" />"#,
        r#"<Property Name="owner" Type="Edm.String" /><Property Name="tag" Type="Edm.String" />"#,
    );
    assert_eq!(
        helps(with_tag),
        [
            has("owner"),
            Some(
                "the schema has no `ownerAlias` on `widget` either: remove it from the example"
                    .into()
            ),
            has("tag"),
        ]
    );
    // An open schema type takes any property: its silence settles nothing, what it has does.
    let open = (
        r#"<EntityType Name="widget" BaseType="graph.entity">"#,
        r#"<EntityType Name="widget" BaseType="graph.entity" OpenType="true">"#,
    );
    assert_eq!(
        helps(open),
        [
            has("owner"),
            Some("document `ownerAlias` in the table at resources/clean-widget.md (or a base type's), or remove it from the example".into()),
            Some("did you mean `tags`?".into()),
        ]
    );
}

#[test]
fn with_the_schema_a_wrong_kind_says_which_side_the_schema_takes() {
    let metadata = schema_fixture_with(&[(
        r#"<Property Name="tags" Type="Collection(Edm.String)" />"#,
        r#"<Property Name="tags" Type="Edm.String" /><Property Name="isPinned" Type="Edm.String" />"#,
    )]);
    let edits = [
        (r#""height": 2,"#, r#""height": "2","#),
        (r#""isPinned": false,"#, r#""isPinned": "no","#),
        (r#""tags": ["sales", "weekly"]"#, r#""tags": "sales""#),
    ];
    let helps = |metadata| -> Vec<Option<String>> {
        widget_get_findings_with(&edits, metadata)
            .into_iter()
            .filter(|d| d.code == codes::WRONG_VALUE_KIND)
            .map(|d| d.help)
            .collect()
    };
    assert_eq!(
        helps(Some(metadata)),
        [
            // The schema agrees with the table: the example is wrong.
            Some("the schema has Int32 too: write a JSON number (no quotes)".to_string()),
            // The schema agrees with the example: the table is wrong.
            Some("the schema has String, which the example fits: fix the Type cell at resources/clean-widget.md:34".to_string()),
            Some("the schema has `tags` as a single String: document it so at resources/clean-widget.md:36".to_string()),
        ]
    );
    // Without the schema, both ways to fix are given.
    assert!(helps(None)
        .iter()
        .all(|h| h.as_deref().is_some_and(|h| h.contains(", or "))));
}

#[test]
fn a_placeholder_for_an_enum_lists_the_members_to_write_instead() {
    let findings =
        widget_get_findings_after(&[(r#""status": "active","#, r#""status": "String","#)]);
    let found: Vec<(&str, Option<&str>)> = findings
        .iter()
        .map(|d| (d.code, d.help.as_deref()))
        .collect();
    assert_eq!(
        found,
        [(
            codes::PLACEHOLDER_VALUE,
            Some("write one of the values it takes: active, retired, unknownFutureValue")
        )]
    );
}

#[test]
fn placeholders_are_reported_one_by_one_until_the_example_looks_like_a_copied_template() {
    let placeholders = [
        (
            r#""displayName": "Sales pipeline","#,
            r#""displayName": "String","#,
        ),
        (r#""isPinned": false,"#, r#""isPinned": "Boolean","#),
        (r#""height": 2,"#, r#""height": "Int32","#),
        (r#""width": 4"#, r#""width": "Int32""#),
    ];
    let placeholder_findings = |edits| -> Vec<String> {
        widget_get_findings_after(edits)
            .into_iter()
            .filter(|d| d.code == codes::PLACEHOLDER_VALUE)
            .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
            .collect()
    };
    // Three placeholders: three findings, each on its value.
    assert_eq!(placeholder_findings(&placeholders[..3]).len(), 3);
    // Four: one finding, on the first, that counts the others.
    let template = placeholder_findings(&placeholders);
    assert_eq!(template.len(), 1, "{template:?}");
    assert!(
        template[0].ends_with("and so are 3 more values of this example"),
        "{template:?}"
    );
}

/// The one finding of the fixture tree on `file`.
fn only_finding_on(file: &str) -> &'static Diagnostic {
    let found: Vec<&Diagnostic> = fixture_run()
        .findings
        .iter()
        .filter(|d| d.file == file)
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    found[0]
}

#[test]
fn a_defect_repeated_on_every_item_of_an_example_is_one_finding_that_keeps_the_other_places() {
    // The list's response gives both widgets a `depth` no table documents.
    let found = only_finding_on("api/broken-unknown-property-on-every-item.md");
    assert_eq!(
        found.message,
        "property `depth` is not in type `widget` (and 1 more time in this example, down to line 91)"
    );
    assert_eq!((found.line, found.column), (83, 7));
    assert_eq!(
        found.also_at,
        [Place {
            line: 91,
            column: 7
        }]
    );
}

#[test]
fn a_response_annotation_that_declares_another_type_than_the_documented_one_is_one_finding() {
    // The annotation says widgetDimensions; the Response section and the body say widget.
    let found = only_finding_on("api/broken-response-declares-other-type.md");
    assert!(
        found.message.starts_with(
            "the annotation declares `widgetDimensions`, but the body is of type `widget`, as the Response section documents (line 45)"
        ),
        "{}",
        found.message
    );
    assert_eq!(
        found.help.as_deref(),
        Some("declare `\"@odata.type\": \"microsoft.graph.widget\"` in the response's annotation")
    );
}

#[test]
fn a_create_whose_response_section_names_no_type_returns_what_its_request_body_documents() {
    // The same page made a create: the Request body names the widget, the Response section
    // only a status.
    let page = "api/broken-response-declares-other-type.md";
    let edits = [
        ("GET /widgets/{widget-id}", "POST /widgets"),
        (
            "Do not supply a request body for this method.",
            "A [widget](../resources/clean-widget.md).",
        ),
        (
            "a `200 OK` response code and a [widget](../resources/clean-widget.md) object in the response body.",
            "a `201 Created` response code.",
        ),
        (
            "GET https://graph.microsoft.com/v1.0/widgets/5f1c2a9e-7b0d-4c1e-9a3f-2d8e6b4a1c07\n",
            "POST https://graph.microsoft.com/v1.0/widgets\nContent-type: application/json\n\n{ \"displayName\": \"Sales pipeline\" }\n",
        ),
        ("HTTP/1.1 200 OK", "HTTP/1.1 201 Created"),
    ];
    let findings = findings_on_edited_copy(
        &[
            page,
            "resources/clean-widget.md",
            "resources/clean-widgetdimensions.md",
            "resources/clean-widgetstatus.md",
            "resources/entity.md",
        ],
        page,
        &edits,
        None,
    );
    // The edits keep the lines: the Request body heading is where the fixture has it.
    let request_body_line = std::fs::read_to_string(check_root().join(page))
        .expect("the fixture")
        .lines()
        .position(|l| l == "## Request body")
        .expect("a Request body section")
        + 1;
    let found: Vec<&str> = findings.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with(&format!(
            "the annotation declares `widgetDimensions`, but the body is of type `widget`, as the Request body documents (line {request_body_line})"
        )),
        "{}",
        found[0]
    );
}

#[test]
fn a_property_only_the_json_representation_lists_sends_the_reader_to_the_table() {
    let found = only_finding_on("api/broken-unknown-property-only-represented.md");
    assert_eq!(
        found.message,
        "property `colour` is not in the tables of `gizmoExtra`, though its JSON representation lists it"
    );
    assert_eq!(
        found.help.as_deref(),
        Some("add a `colour` row to the Properties table at resources/broken-representation-extra-property.md")
    );
}

#[test]
fn an_example_making_a_call_another_page_documents_is_sent_there_and_judged_by_its_table() {
    let page = "api/broken-example-url-elsewhere.md";
    let pages = [
        page,
        "api/clean-widget-update.md",
        "resources/clean-widget.md",
        "resources/entity.md",
    ];
    let findings = findings_on_edited_copy(&pages, page, &[], None);
    let found: Vec<(&str, Option<&str>)> = findings
        .iter()
        .map(|d| (d.code, d.help.as_deref()))
        .collect();
    assert_eq!(
        found,
        [(
            codes::EXAMPLE_URL_UNMATCHED,
            Some(
                "the call matches `PATCH /widgets/{widget-id}` of `api/clean-widget-update.md` \
                 (line 30): move the example there if it belongs there, or add a template for it \
                 to this page"
            )
        )]
    );
    // The body is that page's: a key its Request body table lacks is named against it.
    let edit = (r#""isPinned": true"#, r#""isPinned": true, "tilt": 1"#);
    let findings = findings_on_edited_copy(&pages, page, &[edit], None);
    let unknown: Vec<(&str, Option<&str>)> = findings
        .iter()
        .filter(|d| d.code == codes::UNKNOWN_PAYLOAD_PROPERTY)
        .map(|d| (d.message.as_str(), d.help.as_deref()))
        .collect();
    assert_eq!(
        unknown,
        [(
            "property `tilt` is not in the Request body table of `api/clean-widget-update.md`",
            Some(
                "document `tilt` in the Request body table of `api/clean-widget-update.md`, or \
                 remove it from the example"
            )
        )]
    );
}

#[test]
fn a_copied_template_is_one_finding_that_keeps_the_place_of_every_placeholder() {
    let found = only_finding_on("api/broken-placeholder-template.md");
    assert!(found
        .message
        .ends_with("and so are 7 more values of this example"));
    // `dimensions` holds two on one line; the template ends at line 80.
    let lines: Vec<usize> = found.also_at.iter().map(|p| p.line).collect();
    assert_eq!(lines, [75, 75, 76, 77, 78, 79, 80]);
}

#[test]
fn the_schema_rules_compare_types_and_properties() {
    let path = common::workspace().join("tests/fixtures/check/schema.xml");
    let text = std::fs::read_to_string(&path).expect("schema fixture");
    let metadata = |file: &str| Metadata {
        schema: Schema::parse(&text).expect("valid schema"),
        text: text.clone(),
        file: file.to_string(),
    };
    let page = check_root().join("resources/clean-widget.md");
    let run = check::run(&check_root(), &[page], Some(metadata("schema.xml"))).expect("readable");
    // The schema rules' findings (the page also hears of a fixture that sets a read-only row).
    let got: Vec<(&str, usize)> = run
        .findings
        .iter()
        .filter(|d| d.code.starts_with("GD20"))
        .map(|d| (d.code, d.line))
        .collect();
    assert_eq!(
        got,
        [
            (codes::SCHEMA_PROPERTY_MISMATCH, 11), // the schema's `owner` is not documented
            (codes::SCHEMA_PROPERTY_TYPE_DIFFERS, 32), // displayName: String here, Int32 there
            (codes::SCHEMA_PROPERTY_MISMATCH, 34), // isPinned is not in the schema
        ]
    );
    // Over the whole root, schema types without a page are reported in the schema file.
    let run = check::run(&check_root(), &[], Some(metadata("schema.xml"))).expect("readable");
    let in_schema: Vec<&Diagnostic> = run
        .findings
        .iter()
        .filter(|d| d.file == "schema.xml")
        .collect();
    assert_eq!(in_schema.len(), 1, "{in_schema:#?}");
    assert!(in_schema[0].message.contains("microsoft.graph.gadget"));
    assert_eq!(in_schema[0].line, 26);
    assert!(run
        .findings
        .iter()
        .any(|d| d.code == codes::SCHEMA_TYPE_MISMATCH
            && d.file == "resources/broken-representation-extra-property.md"));
}

/// The format guide's list of real inconsistencies (its last section), each on the fixture page
/// modelled on it: (page, rule, line).
const GUIDE_INCONSISTENCIES: &[(&str, &str, usize)] = &[
    // 1, 2: the template's method against the example's.
    (
        "api/template-method-differs.md",
        codes::EXAMPLE_METHOD_DIFFERS,
        57,
    ),
    // 3: `/$ref` dropped from the example.
    (
        "api/ref-missing-in-example.md",
        codes::EXAMPLE_URL_UNMATCHED,
        48,
    ),
    // 4: `/names/add` against `/names/addFormulaLocal`.
    (
        "api/example-path-differs.md",
        codes::EXAMPLE_URL_UNMATCHED,
        57,
    ),
    // 5, 19: the prose's 201 against the example's 200.
    (
        "api/prose-status-differs.md",
        codes::RESPONSE_STATUS_DIFFERS,
        68,
    ),
    (
        "api/status-200-created.md",
        codes::RESPONSE_STATUS_DIFFERS,
        70,
    ),
    ("api/status-200-created.md", codes::REASON_PHRASE_WRONG, 70),
    // 6: 204 with a body.
    ("api/no-content-with-body.md", codes::UNEXPECTED_BODY, 76),
    // 9: `subUnit` against `subunit`.
    (
        "resources/table-json-case-differs.md",
        codes::REPRESENTATION_EXTRA_PROPERTY,
        42,
    ),
    // 10: `string collection` against scalars.
    (
        "resources/string-collection-vs-scalar.md",
        codes::REPRESENTATION_TYPE_DIFFERS,
        42,
    ),
    (
        "resources/string-collection-vs-scalar.md",
        codes::REPRESENTATION_TYPE_DIFFERS,
        43,
    ),
    // 11: "Inherits from directoryObject" against `baseType` entity.
    (
        "resources/inherits-disagrees-with-basetype.md",
        codes::BASE_TYPE_DISAGREEMENT,
        17,
    ),
    // 12: the description's changeType values against the enum's members.
    (
        "resources/enum-members-disagree.md",
        codes::ENUM_VALUE_UNKNOWN,
        25,
    ),
    // 13: a Boolean sent as "false".
    ("api/boolean-sent-as-string.md", codes::WRONG_VALUE_KIND, 64),
    // 14: a beta URL on a v1.0 page.
    ("api/beta-url-on-v1-page.md", codes::VERSION_MISMATCH, 0),
    // 16: the template's literal against the example's placeholder.
    (
        "api/template-literal-example-placeholder.md",
        codes::EXAMPLE_URL_UNMATCHED,
        49,
    ),
    // 17: in optionalProperties and the JSON, not in the table.
    (
        "resources/optional-property-missing-from-table.md",
        codes::REPRESENTATION_EXTRA_PROPERTY,
        50,
    ),
    // 18 (within a page): a request name used twice.
    (
        "api/duplicate-example-names.md",
        codes::DUPLICATE_EXAMPLE_NAME,
        70,
    ),
    // 19: `202 Accpted`.
    (
        "api/misspelled-reason-phrase.md",
        codes::REASON_PHRASE_WRONG,
        71,
    ),
    // 20: the beta disclaimer on a v1.0 page.
    (
        "resources/beta-disclaimer-on-v1.md",
        codes::VERSION_MISMATCH,
        0,
    ),
    // Seed 004's TODO markers and placeholders.
    (
        "api/placeholder-values-in-example.md",
        codes::PLACEHOLDER_VALUE,
        69,
    ),
];

fn pages_run() -> &'static CheckRun {
    static RUN: OnceLock<CheckRun> = OnceLock::new();
    RUN.get_or_init(|| {
        let root = common::fixtures().join("v1.0");
        check::run(&root, &[], None).expect("the page fixtures are readable")
    })
}

#[test]
fn the_inconsistencies_the_format_guide_lists_are_found() {
    let found = by_file(&pages_run().findings);
    for (file, code, line) in GUIDE_INCONSISTENCIES {
        let on_page = found.get(*file).map(Vec::as_slice).unwrap_or_default();
        let hit = on_page
            .iter()
            .any(|(c, l)| c == code && (*line == 0 || l == line));
        assert!(
            hit,
            "{file}: expected {code} at line {line}, found {on_page:?}"
        );
    }
}

#[test]
fn the_page_fixtures_clean_pages_produce_nothing() {
    let found = by_file(&pages_run().findings);
    for file in [
        "api/clean-widget-get.md",
        "api/clean-widget-update.md",
        "resources/clean-widget.md",
        "resources/clean-widgetdimensions.md",
        "resources/clean-widgetstatus.md",
        "resources/entity.md",
        "resources/directoryobject.md",
    ] {
        assert_eq!(found.get(file), None, "{file} is clean");
    }
}

#[test]
fn the_guide_cases_that_need_the_whole_reference_are_found_by_their_rules() {
    // 7, 8, 15, 21 need types the fixture tree does not define (team, accessReviewInstance,
    // groupSetting); the same rules are proved here on the checker fixtures, and 7, 8 and 15 on
    // the real pages by the corpus suite (`tests/corpus.rs`, which checks each alone against
    // the whole reference). The beta page's `"odata.type"` (21) is found without them.
    let root = common::fixtures().join("beta");
    let page = root.join("api/odata-type-without-at.md");
    let run = check::run(&root, &[page], None).expect("readable");
    assert!(
        run.findings
            .iter()
            .any(|d| d.code == codes::UNKNOWN_PAYLOAD_PROPERTY && d.message.contains("odata.type")),
        "{:#?}",
        run.findings
    );
}

// ---- the command line

fn graph_docgen() -> Command {
    Command::cargo_bin("graph-docgen").expect("the binary is built")
}

#[test]
fn human_output_shows_the_line_a_caret_the_rule_and_help() {
    let page = check_root().join("api/broken-wrong-value-kind.md");
    let out = graph_docgen()
        .args(["check", "--color", "never"])
        .arg(&page)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("UTF-8");
    assert!(
        text.contains(
            "error[GD1402]: `isPinned` is documented as Boolean at resources/clean-widget.md:34 but the example gives a string"
        ),
        "{text}"
    );
    assert!(text.contains("broken-wrong-value-kind.md:78:15"), "{text}");
    assert!(text.contains(r#"  "isPinned": "false","#), "{text}");
    assert!(text.contains("^^^^^^^"), "{text}");
    assert!(text.contains("help: write a JSON boolean"), "{text}");
    assert!(text.contains("rule `wrong-value-kind`"), "{text}");
}

#[test]
fn json_output_lists_diagnostics_and_a_summary() {
    let out = graph_docgen()
        .args(["check", "--format", "json"])
        .arg(check_root().join("api/broken-unknown-payload-property.md"))
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    let d = &doc["diagnostics"][0];
    assert_eq!(d["code"], "GD1401");
    assert_eq!(d["rule"], "unknown-payload-property");
    assert_eq!(d["severity"], "warning");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(76), Some(3))
    );
    assert!(d["file"]
        .as_str()
        .unwrap_or_default()
        .ends_with("api/broken-unknown-payload-property.md"));
    assert_eq!(doc["summary"]["warnings"], 1);
    assert_eq!(doc["summary"]["files_checked"], 1);
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let out = graph_docgen()
        .args(["check", "--format", "sarif", "--root"])
        .arg(check_root())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let log: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    let schema_text =
        std::fs::read_to_string(common::workspace().join("tests/fixtures/sarif-schema-2.1.0.json"))
            .expect("the SARIF schema fixture");
    let schema: serde_json::Value = serde_json::from_str(&schema_text).expect("schema JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON schema");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = log["runs"][0]["results"].as_array().expect("results");
    // A finding that stands for several places lists the others as related locations.
    let related: Vec<&serde_json::Value> = results
        .iter()
        .filter(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .is_some_and(|uri| uri.ends_with("broken-unknown-property-on-every-item.md"))
        })
        .map(|r| &r["relatedLocations"])
        .collect();
    assert_eq!(related.len(), 1, "{related:#?}");
    assert_eq!(
        related[0][0]["physicalLocation"]["region"],
        serde_json::json!({ "startLine": 91, "startColumn": 7 })
    );
    assert!(
        results.len() >= BROKEN.len() - 2,
        "off-by-default rules are left out"
    );
    let rule_ids: Vec<&str> = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert_eq!(rule_ids.len(), RULES.len());
    for r in results {
        let index = r["ruleIndex"].as_u64().expect("a rule index") as usize;
        assert_eq!(Some(rule_ids[index]), r["ruleId"].as_str());
    }
}

#[test]
fn github_output_is_one_workflow_command_per_finding() {
    let out = graph_docgen()
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(["check", "--format", "github"])
        .arg(check_root().join("api/broken-version-mismatch.md"))
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert!(lines[0].starts_with("::warning file="), "{text}");
    assert!(
        lines[0].contains(",line=57,col=1,title=GD1203 version-mismatch::"),
        "{text}"
    );
}

/// GitHub shows only the first annotations of a step; the job summary counts them all.
#[test]
fn on_github_the_job_summary_counts_the_findings_by_rule_and_page() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let summary_file = dir.path().join("summary.md");
    std::fs::write(&summary_file, "earlier step\n").expect("a summary file");
    graph_docgen()
        .env("GITHUB_STEP_SUMMARY", &summary_file)
        .args(["check", "--format", "github"])
        .arg(check_root().join("api/broken-version-mismatch.md"))
        .arg(check_root().join("api/broken-placeholder-value.md"))
        .assert()
        .code(0);
    let summary = std::fs::read_to_string(&summary_file).expect("the summary");
    // Appended to what earlier steps wrote.
    assert!(
        summary.starts_with("earlier step\n### graph-docgen check\n"),
        "{summary}"
    );
    assert!(
        summary.contains("0 errors, 2 warnings, 0 notes in 2 checked pages."),
        "{summary}"
    );
    assert!(
        summary.contains("| GD1203 `version-mismatch` | warning | 1 |"),
        "{summary}"
    );
    assert!(
        summary.contains("| GD1801 `placeholder-value` | warning | 1 |"),
        "{summary}"
    );
    assert!(
        summary.contains("api/broken-version-mismatch.md` | 1 |"),
        "{summary}"
    );
}

#[test]
fn explain_prints_a_rule_and_refuses_unknown_codes() {
    let out = graph_docgen()
        .args(["explain", "GD1401"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("UTF-8");
    assert!(
        text.starts_with("GD1401 unknown-payload-property (warning by default)"),
        "{text}"
    );
    graph_docgen()
        .args(["explain", "unknown-payload-property"])
        .assert()
        .code(0);
    graph_docgen().args(["explain", "GD9999"]).assert().code(2);
    let out = graph_docgen()
        .args(["explain", "--list"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8_lossy(&out).lines().count(), RULES.len());
}

#[test]
fn the_rules_list_in_the_docs_is_current() {
    let path = common::workspace().join("docs/rules.md");
    let expected = rules::rules_markdown();
    if std::env::var_os("UPDATE_RULES_DOC").is_some() {
        std::fs::write(&path, &expected).expect("write docs/rules.md");
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/rules.md is stale: run `UPDATE_RULES_DOC=1 cargo test --test check`"
    );
}

#[test]
fn unreadable_paths_are_usage_errors() {
    graph_docgen()
        .args(["check", "no/such/page.md"])
        .assert()
        .code(2);
    let outside = common::fixtures().join("v1.0/api/clean-widget-get.md");
    graph_docgen()
        .args(["check", "--root"])
        .arg(check_root())
        .arg(outside)
        .assert()
        .code(2);
}

/// The clean fixture pages that document getting a widget, with every type they name.
const CLEAN_WIDGET_GET: &[&str] = &[
    "resources/clean-widget.md",
    "resources/clean-widgetdimensions.md",
    "resources/clean-widgetstatus.md",
    "resources/entity.md",
    "api/clean-widget-get.md",
];

/// A `v1.0` docs root under `dir` holding copies of the checker fixtures `pages` (paths
/// relative to the fixture root), with its `api` and `resources` folders.
fn fixture_pages_in(dir: &std::path::Path, pages: &[&str]) -> PathBuf {
    let root = dir.join("v1.0");
    for sub in ["api", "resources"] {
        std::fs::create_dir_all(root.join(sub)).expect("folders");
    }
    for page in pages {
        std::fs::copy(check_root().join(page), root.join(page)).expect("copy");
    }
    root
}

/// A page the walk finds but cannot read (here a link to nothing) is an error of the check,
/// whether the whole root or only its folder is checked: a tree with a broken page is not clean.
#[cfg(unix)]
#[test]
fn a_page_that_cannot_be_read_is_reported_and_fails_the_check() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = fixture_pages_in(
        dir.path(),
        &["resources/clean-widget.md", "resources/entity.md"],
    );
    std::os::unix::fs::symlink(dir.path().join("nowhere.md"), root.join("api/dangling.md"))
        .expect("a dangling link");
    for paths in [vec![], vec![root.join("api")]] {
        let out = graph_docgen()
            .args(["check", "--format", "json", "--root"])
            .arg(&root)
            .args(&paths)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(1), "checking {paths:?}");
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let unreadable: Vec<&serde_json::Value> = doc["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["code"] == codes::UNREADABLE_FILE)
            .collect();
        assert_eq!(unreadable.len(), 1, "checking {paths:?}: {doc}");
        let file = unreadable[0]["file"].as_str().expect("a file");
        assert!(file.ends_with("v1.0/api/dangling.md"), "{file}");
    }
    // Checking only a folder without the broken page does not report it.
    let out = graph_docgen()
        .args(["check", "--format", "json", "--root"])
        .arg(&root)
        .arg(root.join("resources"))
        .output()
        .expect("runs");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let codes_found: Vec<&serde_json::Value> = doc["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| &d["code"])
        .collect();
    assert!(
        !codes_found.contains(&&serde_json::json!(codes::UNREADABLE_FILE)),
        "{doc}"
    );
}

/// A folder or a page linked from inside the root to a place inside it is read once, where it
/// is, not a second time under the link's name (which gave duplicate findings): checking
/// either place checks that page, under its own name.
#[cfg(unix)]
#[test]
fn pages_linked_from_inside_the_root_are_checked_once_where_they_are() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = fixture_pages_in(dir.path(), CLEAN_WIDGET_GET);
    std::os::unix::fs::symlink(root.join("api"), root.join("alias")).expect("a folder link");
    std::os::unix::fs::symlink(
        root.join("api/clean-widget-get.md"),
        root.join("resources/linked-get.md"),
    )
    .expect("a page link");
    for folder in ["api", "alias"] {
        let run = check::run(&root, &[root.join(folder)], None).expect("readable");
        let held: Vec<&str> = run.pages.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(held, ["api/clean-widget-get.md"], "checking {folder}");
    }
}

/// Copies the fixture tree into `to`, with `page` written as `text`.
fn fixture_tree_with(to: &std::path::Path, page: &str, text: &str) {
    for entry in walkdir::WalkDir::new(check_root()) {
        let entry = entry.expect("a fixture entry");
        let relative = entry.path().strip_prefix(check_root()).expect("inside");
        let target = to.join(relative);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("a folder");
        } else {
            std::fs::copy(entry.path(), &target).expect("a copy");
        }
    }
    std::fs::write(to.join(page), text).expect("the page");
}

/// (line, column) of each finding of `code` on `page`.
fn positions(run: &CheckRun, page: &str, code: &str) -> Vec<(usize, usize)> {
    run.findings
        .iter()
        .filter(|d| d.file == page && d.code == code)
        .map(|d| (d.line, d.column))
        .collect()
}

/// A finding inside a payload points at its place in the page even where the payload's lines
/// differ from the page's: in a blockquote (each line prefixed with `> `) and with CRLF line
/// ends. Both a payload rule (the misspelt property) and the JSON reader (a trailing comma) are
/// held to it.
#[test]
fn payload_findings_point_into_the_page_through_blockquotes_and_crlf_line_ends() {
    let page = "api/broken-unknown-payload-property.md";
    let original = std::fs::read_to_string(check_root().join(page))
        .expect("the fixture")
        .replace(
            r#""tags": ["sales", "weekly"]"#,
            r#""tags": ["sales", "weekly"],"#,
        );
    let fence = original
        .find("```http\nHTTP/1.1")
        .expect("the response fence");
    let end = fence + original[fence + 3..].find("```").expect("its end") + 6;
    let quoted: String = original[..fence].to_string()
        + &original[fence..end]
            .lines()
            .map(|line| format!("> {line}\n"))
            .collect::<String>()
        + &original[end..];
    let crlf = original.replace('\n', "\r\n");
    let run_on = |text: &str| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        fixture_tree_with(dir.path(), page, text);
        check::run(dir.path(), &[], None).expect("the tree is readable")
    };
    let (plain, quoted, crlf) = (run_on(&original), run_on(&quoted), run_on(&crlf));
    for code in [
        codes::UNKNOWN_PAYLOAD_PROPERTY,
        codes::PAYLOAD_NOT_STRICT_JSON,
    ] {
        let expected = positions(&plain, page, code);
        assert_eq!(expected.len(), 1, "{code}: {:?}", plain.findings);
        let shifted: Vec<(usize, usize)> = expected.iter().map(|&(l, c)| (l, c + 2)).collect();
        assert_eq!(
            positions(&quoted, page, code),
            shifted,
            "{code} in a blockquote"
        );
        assert_eq!(
            positions(&crlf, page, code),
            expected,
            "{code} with CRLF line ends"
        );
    }
    // The misspelt key itself, as the fixture's index says.
    let text = std::fs::read_to_string(check_root().join(page)).expect("the fixture");
    let key = text.find("\"dispalyName\"").expect("the key");
    let line = text[..key].matches('\n').count() + 1;
    let column = key - text[..key].rfind('\n').map_or(0, |n| n + 1) + 1;
    assert_eq!(
        positions(&plain, page, codes::UNKNOWN_PAYLOAD_PROPERTY),
        [(line, column)]
    );
}

#[test]
fn configuration_sets_severities_disables_rules_and_ignores_paths() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let config = dir.path().join("graph-docgen.toml");
    std::fs::write(
        &config,
        "ignore = [\"api/broken-wrong-*.md\"]\n[rules]\nunknown-payload-property = \"error\"\nversion-mismatch = \"off\"\n",
    )
    .expect("write config");
    let run = |page: &str| {
        graph_docgen()
            .args(["check", "--format", "json", "--config"])
            .arg(&config)
            .arg(check_root().join(page))
            .output()
            .expect("runs")
    };
    let out = run("api/broken-unknown-payload-property.md");
    assert_eq!(out.status.code(), Some(1), "raised to error");
    let out = run("api/broken-version-mismatch.md");
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        doc["diagnostics"].as_array().map(Vec::len),
        Some(0),
        "rule off"
    );
    let out = run("api/broken-wrong-value-kind.md");
    assert_eq!(out.status.code(), Some(0), "path ignored");
    std::fs::write(&config, "[rules]\nno-such-rule = \"off\"\n").expect("write config");
    assert_eq!(
        run("api/clean-widget-get.md").status.code(),
        Some(2),
        "unknown rule"
    );
}

#[test]
fn a_baseline_accepts_existing_findings_and_fails_on_new_ones() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = fixture_pages_in(
        dir.path(),
        &[
            "resources/clean-widget.md",
            "resources/clean-widgetdimensions.md",
            "resources/clean-widgetstatus.md",
            "resources/entity.md",
            "api/clean-widget-get.md",
            "api/clean-widget-update.md",
        ],
    );
    let get = root.join("api/clean-widget-get.md");
    let text = std::fs::read_to_string(&get).expect("read");
    let broken = text.replace(r#""isPinned": false,"#, r#""isPinned": "false","#);
    std::fs::write(&get, &broken).expect("write");
    let baseline = dir.path().join("baseline.json");
    let check = |extra: &[&str]| {
        graph_docgen()
            .args(["check", "--format", "json", "--root"])
            .arg(&root)
            .args(extra)
            .output()
            .expect("runs")
    };
    let written = check(&["--write-baseline", baseline.to_str().expect("UTF-8 path")]);
    assert_eq!(
        written.status.code(),
        Some(1),
        "writing a baseline still reports"
    );
    let accepted = check(&["--baseline", baseline.to_str().expect("UTF-8 path")]);
    assert_eq!(
        accepted.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&accepted.stdout)
    );
    // Lines added above the finding keep it accepted.
    let shifted = broken.replace(
        "## Example\n",
        "## Example\n\nA new paragraph.\n\nAnd another.\n",
    );
    std::fs::write(&get, &shifted).expect("write");
    let still = check(&["--baseline", baseline.to_str().expect("UTF-8 path")]);
    assert_eq!(still.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&still.stdout).expect("JSON");
    assert_eq!(doc["summary"]["baselined"], 1);
    // A new defect is reported, and only it.
    let new = shifted.replace(r#""status": "active","#, r#""status": 3,"#);
    std::fs::write(&get, new).expect("write");
    let failed = check(&["--baseline", baseline.to_str().expect("UTF-8 path")]);
    assert_eq!(failed.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&failed.stdout).expect("JSON");
    let diagnostics = doc["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert!(diagnostics[0]["message"]
        .as_str()
        .unwrap_or_default()
        .contains("`status`"));
}

/// Checks the fixture tree with `page` rewritten by `edit`, and gives the findings of `code` on
/// it.
fn positions_with(page: &str, edit: impl Fn(String) -> String, code: &str) -> Vec<(usize, usize)> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let text = std::fs::read_to_string(check_root().join(page)).expect("the fixture");
    let edited = edit(text.clone());
    assert_ne!(edited, text, "the edit must change the page");
    fixture_tree_with(dir.path(), page, &edited);
    let run = check::run(dir.path(), &[], None).expect("the tree is readable");
    positions(&run, page, code)
}

/// A status the Response prose gives for a failure is no status a success example must
/// return; an example of that failure still matches it.
#[test]
fn a_status_the_prose_gives_for_a_failure_is_not_asked_of_a_success_example() {
    let page = "api/clean-widget-get.md";
    let success = "If successful, this method returns a `200 OK` response code and a [widget](../resources/clean-widget.md) object in the response body.";
    let failure_only = "If successful, this method returns a [widget](../resources/clean-widget.md) object in the response body. If an error occurred for any widget, this method returns a `207` status code.";
    assert_eq!(
        positions_with(
            page,
            |t| t.replace(success, failure_only),
            codes::RESPONSE_STATUS_DIFFERS
        ),
        []
    );
    // Success and failure both documented: the failure's example is accepted, any other
    // status is not.
    let both = "If successful, this method returns a `201 Created` response code.\n\nIf an error occurred, this method returns a `207` status code.";
    let with_example = |status: &'static str| {
        move |t: String| t.replace(success, both).replace("HTTP/1.1 200 OK", status)
    };
    assert_eq!(
        positions_with(
            page,
            with_example("HTTP/1.1 207 Multi-Status"),
            codes::RESPONSE_STATUS_DIFFERS
        ),
        []
    );
    assert_eq!(
        positions_with(
            page,
            with_example("HTTP/1.1 200 OK"),
            codes::RESPONSE_STATUS_DIFFERS
        )
        .len(),
        1
    );
}

/// A Type cell offering a choice of types names none of them: it is reported, not read as
/// the first.
#[test]
fn a_type_cell_offering_a_choice_of_types_is_unreadable() {
    let page = "resources/clean-widget.md";
    let row = "|displayName|String|The name shown in the title bar of the widget.|";
    for choice in ["string/number", "String or Int32"] {
        let edited = row.replace("|String|", &format!("|{choice}|"));
        assert_eq!(
            positions_with(
                page,
                |t| t.replace(row, &edited),
                codes::TYPE_CELL_UNREADABLE
            ),
            [(32, 14)],
            "{choice}"
        );
    }
}

/// A payload nested as deep as the page parser reads is checked whole, not dropped.
#[test]
fn a_deeply_nested_payload_is_still_checked() {
    let page = "api/broken-wrong-value-kind.md";
    let deep = format!(
        r#""tags": ["sales", "weekly"], "extra": {}1{}"#,
        "[".repeat(110),
        "]".repeat(110)
    );
    let found = positions_with(
        page,
        |t| t.replace(r#""tags": ["sales", "weekly"]"#, &deep),
        codes::WRONG_VALUE_KIND,
    );
    assert_eq!(
        found.iter().filter(|(line, _)| *line == 78).count(),
        1,
        "{found:?}"
    );
}

/// A read-only property that a create or update page lists as settable is reported on that
/// page; checking the resource page alone reports it there, naming the page that sets it.
#[test]
fn a_read_only_clash_is_reported_on_whichever_of_its_two_pages_is_checked() {
    let resource = "resources/clean-widget.md";
    let update = "api/broken-read-only-settable.md";
    let clashes = |pages: &[&str]| {
        let paths: Vec<PathBuf> = pages.iter().map(|p| check_root().join(p)).collect();
        let run = check::run(&check_root(), &paths, None).expect("readable");
        run.findings
            .iter()
            .filter(|d| d.code == codes::READ_ONLY_SETTABLE)
            .map(|d| (d.file.clone(), d.line, d.message.clone()))
            .collect::<Vec<_>>()
    };
    let on_update = (
        update.to_string(),
        48,
        "`createdDateTime` is read-only (resources/clean-widget.md:30) but this PATCH page lists it in the request body".to_string(),
    );
    assert_eq!(clashes(&[update]), std::slice::from_ref(&on_update));
    assert_eq!(
        clashes(&[resource]),
        [(
            resource.to_string(),
            30,
            "`createdDateTime` is read-only here but api/broken-read-only-settable.md:48 lists it in the PATCH request body".to_string()
        )]
    );
    // Both checked, as in a whole-root check: once, on the page that sets it.
    assert_eq!(clashes(&[resource, update]), [on_update]);
}

/// Pages the configuration ignores are not counted as checked.
#[test]
fn ignored_pages_are_not_counted_as_checked() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let config = dir.path().join("graph-docgen.toml");
    let summary = |config_text: &str| {
        std::fs::write(&config, config_text).expect("the configuration");
        let output = graph_docgen()
            .args(["check", "--color", "never", "--config"])
            .arg(&config)
            .arg("--root")
            .arg(check_root())
            .arg(check_root())
            .output()
            .expect("runs");
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        stdout.lines().last().unwrap_or_default().to_string()
    };
    let pages = walkdir::WalkDir::new(check_root())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .count();
    let api_pages = walkdir::WalkDir::new(check_root().join("v1.0/api"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .count();
    // The count of pages, before the count of fixable findings.
    let counted = |summary: String| summary.split(';').next().unwrap_or_default().to_string();
    assert!(counted(summary("")).ends_with(&format!("in {pages} checked pages")));
    let ignoring_api = counted(summary("ignore = [\"v1.0/api/**\"]\n"));
    assert!(
        ignoring_api.ends_with(&format!("in {} checked pages", pages - api_pages)),
        "{ignoring_api}"
    );
}
