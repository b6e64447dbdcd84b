//! The API model, specified on the fixture docs tree (pages written for one case each) and
//! pinned for the seed pages by a golden snapshot.

mod common;

use graph_docgen::codes as code;
use graph_docgen::model::{self, ApiModel, Operation, TypeDef, TypeKind};
use std::sync::OnceLock;

fn fixture_model() -> &'static ApiModel {
    static MODEL: OnceLock<ApiModel> = OnceLock::new();
    MODEL.get_or_init(|| model::build_from_roots(&[common::fixtures()]))
}

fn type_named(name: &str) -> &'static TypeDef {
    fixture_model()
        .find_type("v1.0", &format!("microsoft.graph.{name}"))
        .unwrap_or_else(|| panic!("type {name} is in the model"))
}

fn operation(name: &str) -> &'static Operation {
    fixture_model()
        .operations
        .iter()
        .find(|o| o.name == name)
        .unwrap_or_else(|| panic!("operation {name} is in the model"))
}

fn property_type(def: &TypeDef, property: &str) -> (String, bool) {
    let p = def
        .properties
        .iter()
        .find(|p| p.name == property)
        .unwrap_or_else(|| panic!("{} has {property}", def.name));
    (p.type_name.clone(), p.collection)
}

#[test]
fn pages_are_counted_by_kind_and_the_empty_page_fails() {
    let pages = &fixture_model().pages;
    assert_eq!(
        pages.total,
        pages.resource + pages.operation + pages.enum_ + pages.other + pages.failed
    );
    assert_eq!(pages.failed, 1);
    assert_eq!(fixture_model().failed_pages[0].page, "v1.0/api/empty.md");
}

#[test]
fn a_clean_resource_gives_an_entity_with_typed_properties() {
    let widget = type_named("widget");
    assert_eq!(widget.kind, TypeKind::Entity);
    assert_eq!(widget.base.as_deref(), Some("microsoft.graph.entity"));
    assert_eq!(
        property_type(widget, "createdDateTime"),
        ("Edm.DateTimeOffset".into(), false)
    );
    assert_eq!(
        property_type(widget, "dimensions"),
        ("microsoft.graph.widgetDimensions".into(), false)
    );
    assert_eq!(
        property_type(widget, "status"),
        ("microsoft.graph.widgetStatus".into(), false)
    );
    assert_eq!(property_type(widget, "tags"), ("Edm.String".into(), true));
    assert!(widget.source.starts_with("v1.0/resources/clean-widget.md:"));
    assert_eq!(type_named("widgetDimensions").kind, TypeKind::Complex);
    let status = type_named("widgetStatus");
    assert_eq!(status.kind, TypeKind::Enum);
    let members: Vec<&str> = status.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(members, ["active", "retired", "unknownFutureValue"]);
}

/// A type is abstract where its annotation says so, or where its description calls it so.
#[test]
fn a_type_the_description_calls_abstract_is_abstract() {
    assert!(type_named("widgetRecipient").is_abstract);
    assert!(!type_named("widget").is_abstract);
}

#[test]
fn clean_pages_produce_no_diagnostics() {
    let dirty: Vec<_> = fixture_model()
        .diagnostics
        .iter()
        .filter(|d| d.file.contains("clean-widget"))
        .collect();
    assert!(dirty.is_empty(), "{dirty:#?}");
}

#[test]
fn a_clean_operation_has_its_template_body_and_responses() {
    let get = operation("clean-widget-get");
    assert_eq!(get.method, "GET");
    assert!(
        get.paths
            .iter()
            .any(|p| p.contains("{widget-id}") || p.contains("{id}")),
        "{:?}",
        get.paths
    );
    assert_eq!(get.responses[0].status, 200);
    assert_eq!(
        get.responses[0].type_name.as_deref(),
        Some("microsoft.graph.widget")
    );
    let update = operation("clean-widget-update");
    assert_eq!(update.method, "PATCH");
    assert_eq!(
        update.request_type.as_deref(),
        Some("microsoft.graph.widget")
    );
    assert!(!update.request_parameters.is_empty());
    assert!(update
        .responses
        .iter()
        .any(|r| r.status == 204 && r.type_name.is_none()));
}

/// (status, type, where documented) of each response of an operation.
fn responses_of(name: &str) -> Vec<(u16, Option<&'static str>, model::DocumentedIn)> {
    operation(name)
        .responses
        .iter()
        .map(|r| (r.status, r.type_name.as_deref(), r.documented_in))
        .collect()
}

/// The Response section documents an operation's responses; where it states no status, the
/// response examples do, and where it names no body type, the example's annotation does.
#[test]
fn responses_the_prose_leaves_out_come_from_the_response_examples() {
    use graph_docgen::model::DocumentedIn;
    assert_eq!(
        responses_of("response-status-only-in-example"),
        [(200, Some("microsoft.graph.widget"), DocumentedIn::Example)]
    );
    let pinned = operation("response-status-only-in-example");
    assert_eq!(pinned.responses[0].line, 71, "the example's status line");
    assert_eq!(
        responses_of("response-type-only-in-annotation"),
        [(
            200,
            Some("microsoft.graph.widgetDimensions"),
            DocumentedIn::Prose
        )]
    );
    // Examples that name different types leave the type unknown.
    assert_eq!(
        responses_of("response-examples-name-different-types"),
        [(200, None, DocumentedIn::Prose)]
    );
    // A status the prose states is not joined by the examples' others.
    let differs = operation("prose-status-differs");
    assert!(differs
        .responses
        .iter()
        .all(|r| r.documented_in == DocumentedIn::Prose && r.status != 200));
}

/// An operation's method is its templates' most common one; where two are as common, the
/// examples decide. Each template keeps its own.
#[test]
fn of_templates_with_tied_methods_the_examples_choose_the_operations() {
    let picture = operation("template-methods-tie");
    assert_eq!(picture.method, "PUT");
    let methods: Vec<&str> = picture
        .templates
        .iter()
        .map(|t| t.method.as_str())
        .collect();
    assert_eq!(methods, ["PATCH", "PUT"]);
}

/// A page may go on past its operation, to the endpoints the operation's response leads to:
/// an example's response documents the operation only if its request addresses the
/// operation, and a response shown without a request answers the request shown before it.
#[test]
fn responses_to_other_endpoints_are_not_the_operations() {
    use graph_docgen::model::DocumentedIn;
    let documented: Vec<(u16, usize)> = operation("responses-of-other-endpoints")
        .responses
        .iter()
        .map(|r| (r.status, r.line))
        .collect();
    // The 202 and 416 of the upload to another host and the 204 of an undocumented DELETE
    // are left out.
    assert_eq!(documented, [(200, 46), (409, 59)]);
    // Where no example URL matches a template, the Graph requests still document the
    // responses; another host's or another method's never do.
    assert_eq!(
        responses_of("response-from-example-off-template"),
        [(200, None, DocumentedIn::Example)]
    );
}

/// A Type cell that names no type gives `Edm.Untyped` (any value), with a diagnostic: every
/// property of the model has a type.
#[test]
fn a_type_cell_that_names_no_type_gives_edm_untyped() {
    let page = common::workspace()
        .join("tests/fixtures/check/v1.0/resources/broken-type-cell-unreadable.md");
    let model = model::build_from_roots(&[page]);
    let shape = model
        .types
        .iter()
        .flat_map(|t| &t.properties)
        .find(|p| p.name == "shape")
        .expect("the property is kept");
    assert_eq!(shape.type_name, "Edm.Untyped");
    assert!(model
        .diagnostics
        .iter()
        .any(|d| d.code == code::TYPE_CELL_UNREADABLE));
    let every_type: Vec<String> = model
        .types
        .iter()
        .flat_map(|t| &t.properties)
        .map(|p| p.type_name.clone())
        .collect();
    assert!(every_type.iter().all(|t| !t.is_empty()), "{every_type:?}");
}

#[test]
fn examples_pair_requests_with_responses_and_know_their_type() {
    let examples: Vec<_> = fixture_model()
        .examples
        .iter()
        .filter(|e| e.page == "v1.0/api/clean-widget-get.md")
        .collect();
    assert_eq!(examples.len(), 1);
    let example = examples[0];
    assert!(example.request.is_some() && example.response.is_some());
    assert_eq!(
        example.response_type.as_deref(),
        Some("microsoft.graph.widget")
    );
}

#[test]
fn a_named_response_pairs_with_every_request_of_that_name() {
    let paired: Vec<_> = fixture_model()
        .examples
        .iter()
        .filter(|e| e.page.ends_with("relative-example-urls-and-name-array.md"))
        .collect();
    assert!(paired.len() >= 3);
    assert!(paired.iter().all(|e| e.response.is_some()), "{paired:#?}");
}

#[test]
fn pages_without_annotations_still_give_examples() {
    let examples: Vec<_> = fixture_model()
        .examples
        .iter()
        .filter(|e| e.page.ends_with("intune-no-annotations.md"))
        .collect();
    assert_eq!(examples.len(), 1);
    assert!(examples[0].request.is_some() && examples[0].response.is_some());
}

#[test]
fn a_page_is_classified_by_content_not_doc_type() {
    let def = type_named("fido2AuthenticationMethod");
    assert!(def.source.contains("doc-type-lies.md"));
}

#[test]
fn a_resource_block_in_an_api_page_defines_a_type() {
    let def = type_named("driveItemUploadableProperties");
    assert!(def
        .source
        .starts_with("v1.0/api/resource-block-in-api-page.md"));
    assert!(fixture_model()
        .operations
        .iter()
        .any(|o| o.name == "resource-block-in-api-page"));
}

#[test]
fn enums_from_single_and_aggregate_pages() {
    let state = type_named("mobileAppPublishingState");
    assert!(state
        .members
        .iter()
        .any(|m| m.name == "published" && m.value.is_some()));
    for name in [
        "lifecycleEventType",
        "consentRequestFilterByCurrentUserOptions",
        "riskLevel",
        "callType",
    ] {
        assert_eq!(type_named(name).kind, TypeKind::Enum, "{name}");
    }
}

#[test]
fn base_types_from_text_annotation_or_both() {
    for name in [
        "removeAccessApplyAction",
        "microsoftAuthenticatorAuthenticationMethodTarget",
        "applicationEnforcedRestrictionsSessionControl",
    ] {
        assert_eq!(
            type_named(name).base.as_deref(),
            Some("microsoft.graph.directoryObject"),
            "{name}"
        );
    }
    // Text and annotation disagree: the text wins, and the disagreement is reported.
    assert_eq!(
        type_named("orgContact").base.as_deref(),
        Some("microsoft.graph.directoryObject")
    );
    assert!(fixture_model()
        .diagnostics
        .iter()
        .any(|d| d.code == code::BASE_TYPE_DISAGREEMENT
            && d.file.ends_with("inherits-disagrees-with-basetype.md")));
}

#[test]
fn possible_values_in_every_spelling() {
    let plan = type_named("subscribedPlan");
    let values = |name: &str| {
        plan.properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.possible_values.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        values("capabilityStatus"),
        ["Enabled", "Warning", "Suspended", "Deleted", "LockedOut"]
    );
    assert_eq!(values("role"), ["viewer", "sharer"]);
    assert_eq!(values("managedGroupTypes"), ["All", "Selected", "None"]);
    assert_eq!(
        values("status"),
        ["active", "retired", "unknownFutureValue"]
    );
}

#[test]
fn type_cells_in_every_spelling() {
    let def = type_named("printerSnapshot");
    assert_eq!(property_type(def, "bias"), ("Edm.Int32".into(), false));
    assert_eq!(property_type(def, "index"), ("Edm.Int32".into(), false));
    assert_eq!(
        property_type(def, "disabledPlans"),
        ("Edm.String".into(), true)
    );
    assert_eq!(
        property_type(def, "lastModifiedDateTime"),
        ("Edm.DateTimeOffset".into(), false)
    );
    assert_eq!(
        property_type(def, "panelSizes"),
        ("microsoft.graph.widgetDimensions".into(), true)
    );
    let collection_name =
        "microsoft.graph.windowsInformationProtectionResourceCollection".to_string();
    assert_eq!(property_type(def, "proxyServers"), (collection_name, false));
}

#[test]
fn reference_style_links_and_broken_links_resolve() {
    let list = type_named("list");
    assert_eq!(
        property_type(list, "createdBy"),
        ("microsoft.graph.directoryObject".into(), false)
    );
    assert_eq!(
        property_type(list, "items"),
        ("microsoft.graph.widget".into(), true)
    );
    let invitation = type_named("invitation");
    assert_eq!(
        property_type(invitation, "invitedUserMessageInfo").0,
        "microsoft.graph.invitedUserMessageInfo"
    );
}

#[test]
fn template_paths_are_normalised_and_placeholders_listed() {
    let op = operation("no-leading-slash");
    assert_eq!(op.paths, ["/policies/activityBasedTimeoutPolicies"]);
    let op = operation("filter-with-spaces");
    assert!(op
        .templates
        .iter()
        .any(|t| t.query.as_deref().is_some_and(|q| q.contains(" eq "))));
    assert!(op.paths.iter().all(|p| !p.contains('?')));
    let op = operation("function-call-path");
    assert!(
        op.path_parameters.iter().any(|p| p == "address"),
        "{:?}",
        op.path_parameters
    );
    let op = operation("template-paren-placeholder");
    assert!(
        op.path_parameters.iter().any(|p| p == "team-id"),
        "{:?}",
        op.path_parameters
    );
}

#[test]
fn unresolved_references_are_listed_not_fatal() {
    let unresolved = &fixture_model().unresolved;
    assert!(unresolved
        .iter()
        .any(|u| u.name == "microsoft.graph.keyCredential"));
    assert!(unresolved
        .iter()
        .all(|u| u.references >= 1 && !u.first_reference.is_empty()));
}

#[test]
fn the_seed_pages_give_the_golden_model() {
    let seeds = model::build_from_roots(&[common::workspace().join("docs-input")]);
    let document = graph_docgen::commands::model::document(&seeds, None);
    insta::assert_json_snapshot!("seed_model", document);
}

#[test]
fn several_roots_keep_their_pages_apart_and_a_single_page_knows_its_version() {
    let docs = common::workspace().join("docs-input");
    let both = model::build_from_roots(&[docs.join("v1.0"), docs.join("beta")]);
    assert_eq!(both.pages.total, 5);
    let create = both
        .operations
        .iter()
        .find(|o| o.name == "accessreviewinstance-create")
        .unwrap();
    assert_eq!(create.version, "beta");
    assert!(create.source.starts_with("beta/api/"), "{}", create.source);
    let single = model::build_from_roots(&[docs.join("beta/api/accessreviewinstance-create.md")]);
    assert_eq!(single.operations[0].version, "beta");
}
