//! Regeneration loses nothing and always gives the same bytes: the output folder is owned whole
//! (a hand-written file in it makes `generate` refuse), a killed run leaves the previous output
//! whole, and the output does not depend on thread count, input location or file order.

mod common;

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn graph_docgen() -> Command {
    Command::cargo_bin("graph-docgen").expect("the binary is built")
}

/// Every file under `dir` with its bytes, by relative path.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (relative, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Copies a tree, creating files in reverse name order (so the folder lists them in another
/// order on file systems that keep creation order).
fn copy_reversed(from: &Path, to: &Path) {
    let mut files: Vec<_> = tree(from).into_iter().collect();
    files.reverse();
    for (relative, bytes) in files {
        let target = to.join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
}

fn generate(input: &Path, output: &Path) -> std::process::Output {
    graph_docgen()
        .args(["generate", "--input"])
        .arg(input)
        .arg("--output")
        .arg(output)
        .output()
        .unwrap()
}

#[test]
fn the_output_is_the_same_bytes_whatever_the_threads_folder_and_file_order() {
    let copy = tempfile::tempdir().unwrap();
    let moved_input = copy.path().join("elsewhere with spaces/docs");
    copy_reversed(&common::fixtures(), &moved_input);
    let mut trees = Vec::new();
    for (threads, input) in [
        ("1", common::fixtures()),
        ("4", common::fixtures()),
        ("2", moved_input.clone()),
    ] {
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join("generated");
        graph_docgen()
            .env("RAYON_NUM_THREADS", threads)
            .args(["generate", "--input"])
            .arg(&input)
            .arg("--output")
            .arg(&dir)
            .assert()
            .success();
        trees.push(tree(&dir));
    }
    assert!(trees[0].len() > 5, "a whole crate is written");
    assert_eq!(trees[0], trees[1], "thread count changed the output");
    assert_eq!(
        trees[0], trees[2],
        "input folder or file order changed the output"
    );
}

#[test]
fn a_hand_written_file_in_the_output_makes_generate_refuse_and_touch_nothing() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("generated");
    assert!(generate(&common::fixtures(), &dir).status.success());
    std::fs::write(dir.join("src/extra.rs"), "// mine\n").unwrap();
    let before = tree(&dir);
    let output = generate(&common::workspace().join("docs-input"), &dir);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("src/extra.rs"), "{stderr}");
    assert!(stderr.contains("nothing was changed"), "{stderr}");
    assert_eq!(tree(&dir), before);
}

/// A docs tree big enough that generating it takes a while: the fixture pages many times over.
fn big_input(root: &Path, copies: usize) -> PathBuf {
    let input = root.join("big");
    for i in 0..copies {
        let target = input.join(format!("copy{i:03}"));
        for (relative, bytes) in tree(&common::fixtures()) {
            let path = target.join(relative);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
    }
    input
}

#[test]
fn a_run_killed_at_any_moment_leaves_the_previous_output_or_the_new_one_whole() {
    let root = tempfile::tempdir().unwrap();
    let old_input = common::workspace().join("docs-input");
    let new_input = big_input(root.path(), 30);
    // The two outputs a run may leave.
    let reference = root.path().join("reference");
    assert!(generate(&old_input, &reference.join("old"))
        .status
        .success());
    assert!(generate(&new_input, &reference.join("new"))
        .status
        .success());
    let (old, new) = (tree(&reference.join("old")), tree(&reference.join("new")));
    assert_ne!(old, new);

    let dir = root.path().join("work/generated");
    let binary = assert_cmd::cargo::cargo_bin("graph-docgen");
    let started = std::time::Instant::now();
    assert!(generate(&new_input, &dir).status.success());
    let full_run = started.elapsed();
    let mut seen_old = 0;
    for step in 0..12 {
        assert!(generate(&old_input, &dir).status.success());
        let mut child = std::process::Command::new(&binary)
            .args(["generate", "--input"])
            .arg(&new_input)
            .arg("--output")
            .arg(&dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full_run.mul_f64(step as f64 / 10.0) + Duration::from_millis(step));
        let _ = child.kill();
        let _ = child.wait();
        let now = tree(&dir);
        assert!(
            now == old || now == new,
            "killed after {step}/10 of a run, the output is neither the old nor the new one"
        );
        seen_old += usize::from(now == old);
    }
    assert!(seen_old > 0, "no kill landed before the end of a run");
    // A later run cleans up what killed runs left beside the folder.
    assert!(generate(&new_input, &dir).status.success());
    let beside: Vec<_> = std::fs::read_dir(dir.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(beside, ["generated"], "staging folders were left behind");
}
