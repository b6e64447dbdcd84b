//! `check --fix`, specified: the fixes that need no judgement are written into the pages,
//! exactly where the findings say, and nothing else changes. Each test works on a copy of the
//! checker's fixture tree.

mod common;

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn graph_docgen() -> Command {
    Command::cargo_bin("graph-docgen").expect("the binary is built")
}

/// A copy of the checker's fixture tree (`v1.0/api`, `v1.0/resources`), and its root.
fn fixture_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let from = common::workspace().join("tests/fixtures/check");
    for entry in walkdir::WalkDir::new(&from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let to = dir
            .path()
            .join(entry.path().strip_prefix(&from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).expect("a folder");
        } else {
            std::fs::copy(entry.path(), &to).expect("a copy");
        }
    }
    let root = dir.path().join("v1.0");
    (dir, root)
}

/// Every page under `root`, by path, with its bytes.
fn pages(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().to_path_buf(),
                std::fs::read(e.path()).expect("readable"),
            )
        })
        .collect()
}

/// `check` over `root` with `args`, run from `root`: the JSON findings and the exit code.
fn check(root: &Path, args: &[&str]) -> (Vec<Value>, Option<i32>, String) {
    let output = graph_docgen()
        .current_dir(root)
        .args(["check", "--root", ".", "--format", "json"])
        .args(args)
        .output()
        .expect("runs");
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    let findings = report["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (findings, output.status.code(), stderr)
}

/// A finding's place and rule, which a fix elsewhere on the page does not move.
fn key(finding: &Value) -> (String, String, u64) {
    (
        finding["file"].as_str().unwrap_or_default().to_string(),
        finding["code"].as_str().unwrap_or_default().to_string(),
        finding["line"].as_u64().unwrap_or_default(),
    )
}

/// `bytes` with the edits of every fix of `findings` on `file` applied.
fn with_fixes_of(findings: &[Value], file: &str, bytes: &[u8]) -> Vec<u8> {
    let mut edits: Vec<(usize, usize, String)> = findings
        .iter()
        .filter(|f| f["file"] == file)
        .flat_map(|f| f["fix"]["edits"].as_array().cloned().unwrap_or_default())
        .map(|e| {
            (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
                e["replacement"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    edits.sort();
    let mut out = Vec::new();
    let mut copied = 0;
    for (start, end, replacement) in edits {
        out.extend_from_slice(&bytes[copied..start]);
        out.extend_from_slice(replacement.as_bytes());
        copied = end;
    }
    out.extend_from_slice(&bytes[copied..]);
    out
}

#[test]
fn fixable_findings_are_fixed_where_they_say_and_nothing_else_changes() {
    let (_dir, root) = fixture_copy();
    let before_pages = pages(&root);
    let (before, _, _) = check(&root, &[]);
    let fixable: Vec<&Value> = before.iter().filter(|f| !f["fix"].is_null()).collect();
    let codes: std::collections::BTreeSet<&str> =
        fixable.iter().filter_map(|f| f["code"].as_str()).collect();
    assert_eq!(
        codes.into_iter().collect::<Vec<_>>(),
        ["GD0101", "GD0401", "GD1302", "GD1503"],
        "each kind of fix has a fixture"
    );

    let (after, status, stderr) = check(&root, &["--fix"]);
    assert!(
        stderr.contains(&format!("fixed {} finding(s)", fixable.len())),
        "{stderr}"
    );
    // What is left is what was there, less what was fixed; the fixture tree keeps errors.
    let mut expected: Vec<_> = before
        .iter()
        .filter(|f| f["fix"].is_null())
        .map(key)
        .collect();
    let mut left: Vec<_> = after.iter().map(key).collect();
    expected.sort();
    left.sort();
    assert_eq!(left, expected);
    assert_eq!(status, Some(1));

    // Each page changed by exactly the edits its findings gave, and no other page changed.
    for (path, bytes) in &before_pages {
        let file = path
            .strip_prefix(&root)
            .expect("inside")
            .to_string_lossy()
            .replace('\\', "/");
        let now = std::fs::read(path).expect("readable");
        assert_eq!(
            now,
            with_fixes_of(&before, &file, bytes),
            "{file} changed otherwise than its fixes say"
        );
    }
    let read = |page: &str| std::fs::read_to_string(root.join(page)).expect("readable");
    assert!(read("api/broken-reason-phrase-wrong.md").contains("HTTP/1.1 200 OK\n"));
    assert!(read("api/broken-odata-type-case-differs.md").contains("\"#microsoft.graph.widget\""));
}

#[test]
fn a_second_fix_finds_nothing_left_to_fix() {
    let (_dir, root) = fixture_copy();
    check(&root, &["--fix"]);
    let fixed_once = pages(&root);
    let (findings, _, stderr) = check(&root, &["--fix"]);
    assert!(
        stderr.contains("fixed 0 finding(s) in 0 page(s)"),
        "{stderr}"
    );
    assert!(findings.iter().all(|f| f["fix"].is_null()));
    assert_eq!(pages(&root), fixed_once);
}

#[test]
fn findings_the_baseline_accepts_or_the_configuration_turns_off_are_not_fixed() {
    let (dir, root) = fixture_copy();
    let untouched = pages(&root);
    let baseline = dir.path().join("accepted.json");
    let baseline = baseline.to_str().expect("a UTF-8 path");
    check(&root, &["--write-baseline", baseline]);
    check(&root, &["--baseline", baseline, "--fix"]);
    assert_eq!(
        pages(&root),
        untouched,
        "baselined findings stay as they are"
    );

    let config = dir.path().join("graph-docgen.toml");
    std::fs::write(&config, "[rules]\nreason-phrase-wrong = \"off\"\n").expect("written");
    let config = config.to_str().expect("a UTF-8 path");
    check(&root, &["--config", config, "--fix"]);
    let page = "api/broken-reason-phrase-wrong.md";
    assert_eq!(
        std::fs::read(root.join(page)).expect("readable"),
        untouched[&root.join(page)],
        "a rule turned off fixes nothing"
    );
}

#[test]
fn a_finding_the_baseline_accepted_stays_unfixed_when_a_fix_changes_its_line() {
    let (dir, root) = fixture_copy();
    let page = root.join("api/broken-odata-type-case-differs.md");
    let baseline = dir.path().join("accepted.json");
    let baseline = baseline.to_str().expect("a UTF-8 path");
    check(&root, &["--write-baseline", baseline]);
    // A new fault on the accepted finding's line: its fix changes the line the finding is
    // keyed by.
    let text = std::fs::read_to_string(&page).expect("readable");
    let written = "\"@odata.type\": \"#microsoft.graph.Widget\"";
    assert!(text.contains(written));
    let faulty = written.replacen(": ", ":\u{a0}", 1);
    std::fs::write(&page, text.replacen(written, &faulty, 1)).expect("written");
    let (left, status, stderr) = check(&root, &["--baseline", baseline, "--fix"]);
    assert!(
        stderr.contains("fixed 1 finding(s) in 1 page(s)"),
        "{stderr}"
    );
    assert!(
        left.is_empty() && status == Some(0),
        "what the baseline accepted is still accepted: {left:?}"
    );
    let fixed = std::fs::read_to_string(&page).expect("readable");
    assert!(
        fixed.contains(written),
        "the new fault is fixed, the accepted one is not"
    );
}

#[test]
fn a_page_that_is_not_utf8_gets_no_fix() {
    let (_dir, root) = fixture_copy();
    let page = root.join("api/broken-reason-phrase-wrong.md");
    let mut bytes = std::fs::read(&page).expect("readable");
    bytes.splice(0..0, b"\x93".iter().copied());
    std::fs::write(&page, &bytes).expect("written");
    let (findings, _, stderr) = check(&root, &["--fix"]);
    let on_page = |f: &&Value| f["file"] == "api/broken-reason-phrase-wrong.md";
    assert!(
        findings.iter().filter(on_page).all(|f| f["fix"].is_null()),
        "offsets into a lossy text are no fix"
    );
    assert_eq!(std::fs::read(&page).expect("readable"), bytes, "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_page_reached_through_a_link_is_fixed_behind_it_and_the_link_kept() {
    let (dir, root) = fixture_copy();
    let page = root.join("api/broken-reason-phrase-wrong.md");
    let outside = dir.path().join("reason.md");
    std::fs::rename(&page, &outside).expect("moved");
    std::os::unix::fs::symlink(&outside, &page).expect("a link");
    check(&root, &["--fix"]);
    assert!(std::fs::symlink_metadata(&page)
        .expect("still there")
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&outside)
        .expect("readable")
        .contains("HTTP/1.1 200 OK\n"));
}
