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

/// The figures of a generated crate's golden test (`runtime::golden::Report` as JSON).
pub struct GoldenFigures {
    /// The report.
    pub report: serde_json::Value,
    /// What `cargo test` printed.
    pub output: String,
}

impl GoldenFigures {
    /// A count of the report.
    pub fn count(&self, key: &str) -> u64 {
        self.report[key]
            .as_u64()
            .unwrap_or_else(|| panic!("no {key} in {}", self.report))
    }

    /// The docs defects of one category.
    pub fn defects(&self, category: &str) -> Vec<String> {
        self.report["docs_defects"][category]
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// What a generated crate's test covers, beyond building it and running its integration tests
/// (the golden round trip, the route replay and any extra test file).
#[derive(Debug, Clone, Copy)]
pub struct CrateChecks {
    /// Build its docs too, with rustdoc warnings as errors.
    pub document: bool,
    /// Run the library's own unit tests and doctests too: those of the runtime, which every
    /// generated crate copies unchanged. They need the library built a second time, as a test
    /// harness, which doubles the build of a crate as large as the whole reference's; the
    /// checked-in crate runs them under `cargo test --workspace`.
    pub runtime_tests: bool,
}

/// Generates a crate from `input` into a fresh folder beside a copy of the workspace's
/// `Cargo.lock` (so it builds with the same dependency versions, offline), runs `cargo test`
/// in it, and returns the golden test's figures. Builds share `target/generated-crates`.
pub fn generate_and_test_crate(input: &std::path::Path) -> GoldenFigures {
    let checks = CrateChecks {
        document: false,
        runtime_tests: true,
    };
    generate_and_test_crate_with(input, &[], checks)
}

/// [`generate_and_test_crate`], with extra files (path in the crate, file to copy) added to the
/// generated crate before it is tested, and the `checks` asked for.
pub fn generate_and_test_crate_with(
    input: &std::path::Path,
    extra: &[(&std::path::Path, PathBuf)],
    checks: CrateChecks,
) -> GoldenFigures {
    use std::process::Command;
    let root = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(
        root.path().join("Cargo.toml"),
        "[workspace]\nmembers = [\"graph-models\"]\nresolver = \"2\"\n",
    )
    .unwrap();
    std::fs::copy(
        workspace().join("Cargo.lock"),
        root.path().join("Cargo.lock"),
    )
    .unwrap();
    let crate_dir = root.path().join("graph-models");
    let generated = Command::new(env!("CARGO_BIN_EXE_graph-docgen"))
        .args(["generate", "--input"])
        .arg(input)
        .arg("--output")
        .arg(&crate_dir)
        .output()
        .expect("graph-docgen runs");
    assert!(
        generated.status.success(),
        "generate failed: {}",
        String::from_utf8_lossy(&generated.stderr)
    );
    for (path, source) in extra {
        std::fs::copy(source, crate_dir.join(path)).expect("an extra file can be copied");
    }
    let report_path = root.path().join("golden-report.json");
    // One target folder per input: cargo names the build of a path crate without its path,
    // so two crates called graph-models must not share one.
    let name = input
        .file_name()
        .map_or("input".into(), |n| n.to_string_lossy());
    let target_dir = workspace().join("target/generated-crates").join(&*name);
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    // `--test '*'`: every integration test, and neither the library's unit tests nor its
    // doctests.
    let targets: &[&str] = if checks.runtime_tests {
        &[]
    } else {
        &["--test", "*"]
    };
    let tested = Command::new(&cargo)
        .args(["test", "--offline"])
        .args(targets)
        .args(["--", "--nocapture"])
        .current_dir(&crate_dir)
        .env("CARGO_TARGET_DIR", &target_dir)
        .env("GRAPH_MODELS_GOLDEN_REPORT", &report_path)
        .output()
        .expect("cargo runs");
    let output = format!(
        "{}{}",
        String::from_utf8_lossy(&tested.stdout),
        String::from_utf8_lossy(&tested.stderr)
    );
    assert!(tested.status.success(), "cargo test failed:\n{output}");
    if checks.document {
        let documented = Command::new(&cargo)
            .args(["doc", "--offline", "--no-deps", "--quiet"])
            .current_dir(&crate_dir)
            .env("CARGO_TARGET_DIR", &target_dir)
            .env("RUSTDOCFLAGS", "-D warnings")
            .output()
            .expect("cargo runs");
        assert!(
            documented.status.success(),
            "rustdoc warns on the generated crate:\n{}",
            String::from_utf8_lossy(&documented.stderr)
        );
    }
    let report = std::fs::read_to_string(&report_path)
        .unwrap_or_else(|e| panic!("no golden report ({e}):\n{output}"));
    GoldenFigures {
        report: serde_json::from_str(&report).expect("the report is JSON"),
        output,
    }
}
