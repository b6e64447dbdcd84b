//! Helpers shared by the test targets: where the fixtures are, and reading them.

#![allow(dead_code)]

use graph_docgen::page::{self, Page};
use std::path::PathBuf;

/// The workspace root.
pub fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the generator crate sits in the workspace")
        .to_path_buf()
}

/// The fixture docs tree.
pub fn fixtures() -> PathBuf {
    workspace().join("tests/fixtures/pages")
}

/// Parses one fixture page, named by its path under the fixture tree.
pub fn fixture(relative: &str) -> Page {
    let bytes = std::fs::read(fixtures().join(relative))
        .unwrap_or_else(|e| panic!("fixture {relative}: {e}"));
    page::parse(relative, &bytes)
}

/// The diagnostic codes of a page, in order.
pub fn codes(page: &Page) -> Vec<&'static str> {
    page.diagnostics.iter().map(|d| d.code).collect()
}
