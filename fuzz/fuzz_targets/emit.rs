//! Emission on arbitrary pages: one page through the parser and the model builder, then the
//! models, the golden cases, the route stubs and the replay cases of its version. The models
//! and the routes must always parse as Rust (the emitter never falls back to a
//! `compile_error!`), and the cases must be JSON.
#![no_main]

use graph_docgen::corpus::Corpus;
use graph_docgen::emit::{golden, models, routes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let page = graph_docgen::page::parse("v1.0/resources/fuzz.md", data);
    let corpus = Corpus {
        pages: vec![page],
        failed: vec![],
    };
    let model = graph_docgen::model::build(&corpus);
    let models = models::models_file(&model, "v1.0");
    assert!(
        !models.contains("compile_error!"),
        "the emitted models do not parse:\n{models}"
    );
    let routes = routes::routes_file(&model, "v1.0");
    assert!(
        !routes.contains("compile_error!"),
        "the emitted routes do not parse:\n{routes}"
    );
    for cases in [
        golden::cases_file(&model, "v1.0", "fuzz"),
        routes::replay_file(&model, "v1.0"),
    ] {
        assert!(serde_json::from_str::<serde_json::Value>(&cases).is_ok());
    }
});
