//! The `graph-docgen` command line, end to end: commands, output contract and exit codes.

mod common;

use assert_cmd::Command;
use serde_json::Value;

fn graph_docgen() -> Command {
    Command::cargo_bin("graph-docgen").expect("the binary is built")
}

#[test]
fn every_command_has_help() {
    for args in [
        vec!["--help"],
        vec!["generate", "--help"],
        vec!["model", "--help"],
    ] {
        let output = graph_docgen().args(&args).output().unwrap();
        assert!(output.status.success(), "{args:?}");
        assert!(
            String::from_utf8_lossy(&output.stdout).contains("Usage"),
            "{args:?}"
        );
    }
}

#[test]
fn the_checked_in_output_is_up_to_date() {
    let output = graph_docgen()
        .current_dir(common::workspace())
        .args(["generate", "--check"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "generated/ is stale; run `cargo run`:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn with_no_command_the_options_are_those_of_generate() {
    let output = graph_docgen()
        .current_dir(common::workspace())
        .arg("--check")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // A command and generate's options at the top level do not mix.
    let mixed = graph_docgen()
        .args(["--check", "model", "x"])
        .output()
        .unwrap();
    assert_eq!(mixed.status.code(), Some(2));
}

/// Runs `generate` (with `--check` when `check`) from the page fixtures into `out`.
fn generate_fixtures_into(out: &std::path::Path, check: bool) -> std::process::Output {
    let mut cmd = graph_docgen();
    cmd.arg("generate");
    if check {
        cmd.arg("--check");
    }
    cmd.arg("--input")
        .arg(common::fixtures())
        .arg("--output")
        .arg(out)
        .output()
        .unwrap()
}

#[test]
fn a_stale_output_is_named_and_exits_1_with_the_command_that_regenerates_it() {
    let out = tempfile::tempdir().unwrap();
    let generate = |check: bool| generate_fixtures_into(out.path(), check);
    assert!(generate(false).status.success());
    std::fs::write(out.path().join("model.json"), "{}").unwrap();
    let output = generate(true);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("model.json"), "{stderr}");
    assert!(
        stderr.contains("run `graph-docgen generate --input "),
        "names the folders checked, not `cargo run`: {stderr}"
    );
}

/// `generate --check` refuses what `generate` refuses: a folder that holds a file the
/// generator did not write is not up to date, and cannot be made so.
#[test]
fn check_refuses_a_folder_holding_a_foreign_file_as_generate_does() {
    let out = tempfile::tempdir().unwrap();
    let generate = |check: bool| generate_fixtures_into(out.path(), check);
    assert!(generate(false).status.success());
    std::fs::write(out.path().join("notes.md"), "mine").unwrap();
    let checked = generate(true);
    let written = generate(false);
    assert_eq!(checked.status.code(), Some(2));
    assert_eq!(written.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&checked.stderr);
    assert!(stderr.contains("notes.md"), "{stderr}");
    assert_eq!(stderr, String::from_utf8_lossy(&written.stderr));
}

#[test]
fn generate_writes_the_same_bytes_whatever_the_thread_count() {
    let mut outputs = Vec::new();
    for threads in ["1", "2", "4"] {
        let out = tempfile::tempdir().unwrap();
        graph_docgen()
            .env("RAYON_NUM_THREADS", threads)
            .args(["generate", "--input"])
            .arg(common::fixtures())
            .arg("--output")
            .arg(out.path())
            .assert()
            .success();
        outputs.push(std::fs::read(out.path().join("model.json")).unwrap());
    }
    assert!(outputs.windows(2).all(|w| w[0] == w[1]));
}

#[test]
fn model_json_follows_the_contract() {
    let output = graph_docgen()
        .args(["model", "--format", "json"])
        .arg(common::workspace().join("docs-input"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let model: Value = serde_json::from_slice(&output.stdout).unwrap();
    for key in ["total", "resource", "operation", "enum", "other", "failed"] {
        assert!(model["pages"][key].is_u64(), "pages.{key}");
    }
    let instance = model["types"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "microsoft.graph.accessReviewInstance")
        .expect("accessReviewInstance");
    assert_eq!(instance["kind"], "entity");
    assert_eq!(instance["base"], "microsoft.graph.entity");
    assert_eq!(
        instance["source"],
        "v1.0/resources/accessreviewinstance.md:10"
    );
    let end = &instance["properties"][0];
    assert_eq!(end["name"], "endDateTime");
    assert_eq!(end["type"], "Edm.DateTimeOffset");
    assert_eq!(end["collection"], false);
    assert_eq!(end["navigation"], false);
    let stop = model["operations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "accessreviewinstance-stop")
        .expect("the stop operation");
    assert_eq!(stop["method"], "POST");
    assert_eq!(
        stop["paths"][0],
        "/identityGovernance/accessReviews/definitions/{accessReviewScheduleDefinitionId}/instances/{accessReviewInstanceId}/stop"
    );
    assert_eq!(stop["request_type"], Value::Null);
    assert_eq!(stop["responses"][0]["status"], 204);
    assert!(stop["source"]
        .as_str()
        .unwrap()
        .starts_with("v1.0/api/accessreviewinstance-stop.md:"));
    assert!(model["examples"].as_u64().unwrap() >= 4);
    assert!(model["unresolved"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["name"] == "microsoft.graph.accessReviewScope"));
}

/// Given only a docs folder's `api/` folder, or one page of it, the model names the pages as
/// the whole folder does, so a link into `resources/` still names its type, which is listed as
/// unresolved (its page was not read), not dropped.
#[test]
fn pages_given_by_their_api_folder_are_named_as_from_the_docs_folder() {
    let dir = tempfile::tempdir().unwrap();
    let api = dir.path().join("docs").join("api");
    std::fs::create_dir_all(&api).unwrap();
    std::fs::write(
        api.join("gizmo-create.md"),
        "# Create gizmo\n\n## HTTP request\n\n```http\nPOST /gizmos\n```\n\n## Request body\n\n\
         In the request body, supply a JSON representation of a [gizmo](../resources/gizmo.md) object.\n\n\
         ## Response\n\nIf successful, this method returns a `201 Created` response code and a \
         [gizmo](../resources/gizmo.md) object in the response body.\n",
    )
    .unwrap();
    for given in [
        api.clone(),
        api.join("gizmo-create.md"),
        dir.path().join("docs"),
    ] {
        let output = graph_docgen()
            .args(["model", "--format", "json"])
            .arg(&given)
            .output()
            .unwrap();
        assert!(output.status.success(), "{given:?}");
        let model: Value = serde_json::from_slice(&output.stdout).unwrap();
        let op = &model["operations"][0];
        assert_eq!(op["source"], "api/gizmo-create.md:1", "{given:?}");
        assert_eq!(op["request_type"], "microsoft.graph.gizmo", "{given:?}");
        assert_eq!(
            op["responses"][0]["type"], "microsoft.graph.gizmo",
            "{given:?}"
        );
        let unresolved = &model["unresolved"][0];
        assert_eq!(unresolved["name"], "microsoft.graph.gizmo", "{given:?}");
        assert_eq!(unresolved["target"], "resources/gizmo.md", "{given:?}");
    }
}

#[test]
fn the_human_summary_names_failed_pages_and_why() {
    let output = graph_docgen()
        .arg("model")
        .arg(common::fixtures())
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("1 failed"), "{text}");
    assert!(
        text.contains("failed: v1.0/api/empty.md: the page is empty"),
        "{text}"
    );
}

#[test]
fn a_missing_input_is_a_usage_error() {
    let output = graph_docgen()
        .args(["model", "no/such/folder"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no/such/folder"));
}

#[test]
fn an_unreadable_schema_is_a_usage_error() {
    let output = graph_docgen()
        .arg("model")
        .arg(common::fixtures())
        .args(["--metadata", "no/such/schema.xml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

/// Runs `graph-docgen args` with its standard output closed before it writes: what a reader
/// that stops early (`| head`) does to it.
fn run_into_a_closed_pipe(args: &[&str]) -> std::process::Output {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_graph-docgen"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("graph-docgen starts");
    drop(child.stdout.take());
    child.wait_with_output().expect("graph-docgen ends")
}

#[test]
fn a_reader_that_stops_early_leaves_each_command_its_own_status() {
    let input = common::workspace().join("docs-input");
    let input = input.to_str().expect("a UTF-8 path");
    for args in [
        vec!["model", input, "--format", "json"],
        vec!["model", input],
        vec!["check", "--root", input],
        vec!["explain", "--list"],
        vec!["explain", "GD1401"],
    ] {
        let read_whole = graph_docgen().args(&args).output().expect("runs");
        let out = run_into_a_closed_pipe(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(
            out.status.code(),
            read_whole.status.code(),
            "{args:?}: the status is the command's own: {stderr}"
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn an_output_that_cannot_be_written_is_an_error() {
    let full = std::fs::File::create("/dev/full").expect("/dev/full");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_graph-docgen"))
        .args(["explain", "--list"])
        .stdout(full)
        .output()
        .expect("graph-docgen runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write the output"));
}

#[test]
fn explain_takes_a_code_or_the_list_not_both() {
    let output = graph_docgen()
        .args(["explain", "--list", "GD1401"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot be used with"));
}

#[test]
fn a_schema_file_that_is_no_odata_csdl_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.xml");
    std::fs::write(&other, "<?xml version=\"1.0\"?><root/>").unwrap();
    let input = common::workspace().join("docs-input");
    for command in ["model", "check"] {
        let mut cmd = graph_docgen();
        cmd.arg(command);
        if command == "check" {
            cmd.arg("--root");
        }
        let output = cmd
            .arg(&input)
            .arg("--metadata")
            .arg(&other)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{command}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("other.xml` is not an OData CSDL schema: "),
            "{command}: {stderr}"
        );
        assert!(output.stdout.is_empty(), "{command}");
    }
}

/// The schema's findings are kept in a baseline by the schema's file name, as pages are by
/// their root-relative path: a baseline written with one spelling of `--metadata` accepts them
/// under another, from another working folder.
#[test]
fn a_baseline_accepts_schema_findings_however_the_schema_path_is_spelled() {
    let fixtures = common::workspace().join("tests/fixtures");
    let elsewhere = tempfile::tempdir().unwrap();
    let baseline = elsewhere.path().join("baseline.json");
    let written = graph_docgen()
        .current_dir(fixtures.join("check/v1.0"))
        .args(["check", "--format", "json", "--root", ".", "--metadata"])
        .arg("../schema.xml")
        .arg("--write-baseline")
        .arg(&baseline)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&written.stdout).unwrap();
    assert!(
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["file"] == "../schema.xml" && d["code"] == "GD2001"),
        "a schema finding, shown by the path given: {report}"
    );
    for (cwd, metadata) in [
        (fixtures.join("check/v1.0"), "./../schema.xml".into()),
        (
            elsewhere.path().to_path_buf(),
            fixtures.join("check/schema.xml"),
        ),
    ] {
        let output = graph_docgen()
            .current_dir(&cwd)
            .args(["check", "--format", "json", "--root"])
            .arg(fixtures.join("check/v1.0"))
            .arg("--metadata")
            .arg(&metadata)
            .arg("--baseline")
            .arg(&baseline)
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(report["diagnostics"], serde_json::json!([]), "{metadata:?}");
        assert_eq!(output.status.code(), Some(0), "{metadata:?}");
    }
}

/// `--output` names a folder: a symbolic link to one is followed (and kept), and a file is
/// refused as what it is.
#[test]
fn generate_follows_a_link_to_a_folder_and_refuses_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x");
    std::fs::write(&file, "mine").unwrap();
    let output = graph_docgen()
        .args(["generate", "--input"])
        .arg(common::fixtures())
        .arg("--output")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("x` is not a folder"), "{stderr}");
    #[cfg(unix)]
    {
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&empty, &link).unwrap();
        graph_docgen()
            .args(["generate", "--input"])
            .arg(common::fixtures())
            .arg("--output")
            .arg(&link)
            .assert()
            .success();
        assert!(empty.join("model.json").is_file());
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    }
}

/// A file named to `check` is checked as a page, so one that is no markdown page is a usage
/// error, not a run that passes having checked nothing.
#[test]
fn check_refuses_a_named_file_that_is_no_markdown_page() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("v1.0");
    std::fs::create_dir_all(root.join("api")).unwrap();
    std::fs::write(root.join("api/notes.txt"), "notes").unwrap();
    let mut named = vec![(root.join("api/notes.txt"), "is not a markdown page")];
    #[cfg(unix)]
    {
        let fifo = root.join("api/pipe.md");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success());
        if made {
            named.push((fifo, "is not a regular file"));
        }
    }
    for (path, problem) in named {
        let output = graph_docgen()
            .arg("check")
            .arg(&path)
            .arg("--root")
            .arg(&root)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{path:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(problem), "{path:?}: {stderr}");
    }
    graph_docgen()
        .arg("check")
        .arg(root.join("api"))
        .arg("--root")
        .arg(&root)
        .assert()
        .success();
}

/// A root that is an `api/` or `resources/` folder leaves the pages beside it unread: the run
/// goes on, with a warning that names the folder above as the likely root.
#[test]
fn a_root_that_is_an_api_or_resources_folder_is_warned_of() {
    let dir = tempfile::tempdir().unwrap();
    let version = dir.path().join("v1.0");
    for folder in ["api", "resources"] {
        std::fs::create_dir_all(version.join(folder)).unwrap();
    }
    std::fs::write(version.join("api/notes.md"), "# Notes\n\nSome notes.\n").unwrap();
    let run = |root: &std::path::Path| {
        graph_docgen()
            .current_dir(dir.path())
            .args(["check", "--root"])
            .arg(root)
            .output()
            .unwrap()
    };
    let whole = run(&version);
    assert!(!String::from_utf8_lossy(&whole.stderr).contains("warning"));
    for folder in ["api", "resources"] {
        let output = run(&version.join(folder));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!("is a `{folder}/` folder")),
            "{stderr}"
        );
        assert!(stderr.contains("pass --root v1.0"), "{stderr}");
        assert_eq!(output.status.code(), whole.status.code(), "{stderr}");
    }
}
