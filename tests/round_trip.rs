//! The seed examples through the generated models: every JSON response body whose documented
//! type is `accessReviewInstance` deserialises into the generated struct and serialises back to
//! the same JSON (key order aside; `null` kept apart from absent; unknown properties and
//! `@odata` annotations kept).

mod common;

use graph_docgen::model;
use graph_models::models::AccessReviewInstance;
use serde_json::Value;

#[test]
fn seed_responses_round_trip_through_the_generated_struct() {
    let seeds = model::build_from_roots(&[common::workspace().join("docs-input")]);
    let mut tried = 0;
    for example in &seeds.examples {
        if example.version != "v1.0"
            || example.response_type.as_deref() != Some("microsoft.graph.accessReviewInstance")
        {
            continue;
        }
        let Some(body) = example.response.as_ref().and_then(|r| r.body.as_ref()) else {
            continue;
        };
        let Some(json) = body.value() else { continue };
        let typed: AccessReviewInstance = serde_json::from_value(json.clone())
            .unwrap_or_else(|e| panic!("{}:{}: {e}", example.page, body.line));
        let back: Value = serde_json::to_value(&typed).unwrap();
        assert_eq!(back, json, "{}:{}", example.page, body.line);
        assert!(
            typed.start_date_time.value().is_some(),
            "typed, not in the bag"
        );
        assert!(typed.additional.contains_key("@odata.context"));
        tried += 1;
    }
    assert!(
        tried >= 1,
        "the seed update page has an accessReviewInstance response"
    );
}

#[test]
fn a_placeholder_in_an_example_is_refused_by_the_typed_field() {
    let seeds = model::build_from_roots(&[common::workspace().join("docs-input")]);
    let draft = seeds
        .examples
        .iter()
        .find(|e| e.page == "beta/api/accessreviewinstance-create.md" && e.response.is_some())
        .expect("the beta draft has a response example");
    let json = draft
        .response
        .as_ref()
        .unwrap()
        .body
        .as_ref()
        .unwrap()
        .value()
        .unwrap();
    let error = serde_json::from_value::<AccessReviewInstance>(json).unwrap_err();
    assert!(error.to_string().contains("String (timestamp)"), "{error}");
}
