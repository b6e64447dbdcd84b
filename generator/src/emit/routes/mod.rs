//! Emits the route stubs of one docs version (`src/routes.rs`) and the replay of its examples
//! (`tests/replay.json`, the cases, and `tests/replay.rs`, the test that replays them).
//!
//! - [`plan`]: names and kinds: a module per resource, a function per request template.
//! - [`stubs`]: the code.
//! - [`replay`]: the documented examples matched against the templates.

pub mod plan;
pub mod replay;
pub mod stubs;

use crate::commands::generate::GENERATED_MARKER;
use crate::model::ApiModel;

/// The replay test the generator writes beside the cases. The same text for every input: the
/// cases carry everything that differs.
pub const REPLAY_TEST: &str = include_str!("replay_test.rs.txt");

/// The source of the routes module of `version`.
pub fn routes_file(model: &ApiModel, version: &str) -> String {
    stubs::routes_file(&plan::plan(model, version))
}

/// The replay cases of `version`, as JSON with the generated marker first.
pub fn replay_file(model: &ApiModel, version: &str) -> String {
    #[derive(serde::Serialize)]
    struct Marked {
        _generated: &'static str,
        #[serde(flatten)]
        replay: replay::Replay,
    }
    let plan = plan::plan(model, version);
    let marked = Marked {
        _generated: GENERATED_MARKER,
        replay: replay::cases(model, &plan, version),
    };
    let mut json = serde_json::to_string_pretty(&marked).unwrap_or_else(|e| {
        // Serialising plain data cannot fail; should it, the test file says so loudly.
        format!("{{\"error\": {:?}}}", e.to_string())
    });
    json.push('\n');
    json
}
