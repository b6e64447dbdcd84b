//! Hostile docs trees: whatever a user points the tool at, it finishes, reports what it could
//! not read with a clear diagnostic, and never panics. Each test builds its tree in a
//! temporary folder.

mod common;

use graph_docgen::codes;
use graph_docgen::model;
use std::fs;
use std::path::Path;

fn write(dir: &Path, relative: &str, contents: impl AsRef<[u8]>) {
    let path = dir.join(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, contents).unwrap();
}

fn clean_resource() -> String {
    fs::read_to_string(common::fixtures().join("v1.0/resources/clean-widget.md")).unwrap()
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_and_the_rest_is_read() {
    let tree = tempfile::tempdir().unwrap();
    write(tree.path(), "v1.0/resources/widget.md", clean_resource());
    std::os::unix::fs::symlink(
        tree.path().join("v1.0"),
        tree.path().join("v1.0/resources/loop"),
    )
    .unwrap();
    let model = model::build_from_roots(&[tree.path().to_path_buf()]);
    assert!(model.find_type("v1.0", "microsoft.graph.widget").is_some());
    let loop_diagnostic = model
        .diagnostics
        .iter()
        .find(|d| d.code == codes::UNREADABLE_FILE)
        .expect("the loop is reported");
    assert!(
        loop_diagnostic.message.contains("loop"),
        "{loop_diagnostic}"
    );
    assert!(loop_diagnostic.file.contains("loop"));
}

/// A page that cannot be read: `/proc/self/mem` reads fail with an I/O error even for root,
/// and a page without read permission fails for anyone else.
#[cfg(target_os = "linux")]
#[test]
fn an_unreadable_page_is_a_failed_page_with_its_reason_and_the_rest_is_read() {
    use std::os::unix::fs::PermissionsExt;
    let tree = tempfile::tempdir().unwrap();
    write(tree.path(), "v1.0/resources/widget.md", clean_resource());
    fs::create_dir_all(tree.path().join("v1.0/api")).unwrap();
    std::os::unix::fs::symlink("/proc/self/mem", tree.path().join("v1.0/api/memory.md")).unwrap();
    write(tree.path(), "v1.0/api/locked.md", "# locked\n");
    fs::set_permissions(
        tree.path().join("v1.0/api/locked.md"),
        fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    let model = model::build_from_roots(&[tree.path().to_path_buf()]);
    let failed = model
        .failed_pages
        .iter()
        .find(|f| f.page.ends_with("memory.md"))
        .expect("the unreadable page is listed as failed");
    assert!(!failed.reason.is_empty());
    let diagnostic = model
        .diagnostics
        .iter()
        .find(|d| d.file.ends_with("memory.md"))
        .expect("and reported");
    assert_eq!(diagnostic.code, codes::UNREADABLE_FILE);
    assert!(model.find_type("v1.0", "microsoft.graph.widget").is_some());
    // Root reads a page without permissions; anyone else gets it reported too.
    let locked_readable = fs::read(tree.path().join("v1.0/api/locked.md")).is_ok();
    let locked_failed = model
        .failed_pages
        .iter()
        .any(|f| f.page.ends_with("locked.md"));
    assert_eq!(locked_failed, !locked_readable);
}

#[cfg(unix)]
#[test]
fn a_dangling_link_is_reported_not_fatal() {
    let tree = tempfile::tempdir().unwrap();
    write(tree.path(), "v1.0/resources/widget.md", clean_resource());
    std::os::unix::fs::symlink(
        tree.path().join("nowhere.md"),
        tree.path().join("v1.0/resources/gone.md"),
    )
    .unwrap();
    let model = model::build_from_roots(&[tree.path().to_path_buf()]);
    assert_eq!(model.pages.failed, 1);
    assert!(model.failed_pages[0].page.contains("gone.md"));
    assert!(model.find_type("v1.0", "microsoft.graph.widget").is_some());
}

#[test]
fn paths_with_spaces_and_non_ascii_are_read_and_named() {
    let tree = tempfile::tempdir().unwrap();
    write(
        tree.path(),
        "v1.0/resources/wïdget page.md",
        clean_resource(),
    );
    let model = model::build_from_roots(&[tree.path().to_path_buf()]);
    let widget = model.find_type("v1.0", "microsoft.graph.widget").unwrap();
    assert!(
        widget.source.starts_with("v1.0/resources/wïdget page.md:"),
        "{}",
        widget.source
    );
}

#[test]
fn the_same_type_on_two_pages_is_merged_and_a_conflict_reported() {
    let tree = tempfile::tempdir().unwrap();
    let page = clean_resource();
    write(tree.path(), "v1.0/resources/widget.md", &page);
    let row = "|displayName|String|";
    assert!(
        page.contains(row),
        "the fixture has the row this test changes"
    );
    let conflicting = page.replace(row, "|displayName|Int32|");
    write(tree.path(), "v1.0/resources/widget-copy.md", conflicting);
    let model = model::build_from_roots(&[tree.path().to_path_buf()]);
    let widgets: Vec<_> = model
        .types
        .iter()
        .filter(|t| t.name == "microsoft.graph.widget")
        .collect();
    assert_eq!(widgets.len(), 1);
    assert_eq!(widgets[0].also_defined_in.len(), 1);
    assert!(model
        .diagnostics
        .iter()
        .any(|d| d.code == codes::CONFLICTING_DEFINITION && d.message.contains("displayName")));
}

#[test]
fn a_table_of_ten_thousand_rows_is_read_whole() {
    let mut page = String::from("# bigType resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n");
    for i in 0..10_000 {
        page.push_str(&format!(
            "|property{i}|String|Property number {i}. Read-only.|\n"
        ));
    }
    let tree = tempfile::tempdir().unwrap();
    write(tree.path(), "v1.0/resources/bigtype.md", page);
    let model = model::build_from_roots(&[tree.path().to_path_buf()]);
    let big = model.find_type("v1.0", "microsoft.graph.bigType").unwrap();
    assert_eq!(big.properties.len(), 10_000);
    assert!(big.properties.iter().all(|p| p.read_only));
}

#[test]
fn deeply_nested_markdown_and_json_do_not_overflow_the_stack() {
    let mut page = String::from("# deep resource type\n\n");
    page.push_str(&">".repeat(50_000));
    page.push_str(" quote\n\n");
    for depth in 0..5_000 {
        page.push_str(&"  ".repeat(depth.min(200)));
        page.push_str("- item\n");
    }
    page.push_str("\n## Example\n\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n");
    page.push_str(&"[".repeat(200_000));
    page.push_str("\n```\n");
    let tree = tempfile::tempdir().unwrap();
    write(tree.path(), "v1.0/api/deep.md", page);
    let model = model::build_from_roots(&[tree.path().to_path_buf()]);
    assert!(model
        .diagnostics
        .iter()
        .any(|d| d.code == codes::PAYLOAD_UNREADABLE && d.message.contains("nested")));
}

#[test]
fn a_fifty_megabyte_page_is_read() {
    let unit = clean_resource();
    let copies = 50_000_000 / unit.len() + 1;
    let mut page = String::with_capacity(copies * (unit.len() + 64));
    for i in 0..copies {
        // Each copy defines its own type, so the model grows with the page.
        page.push_str(&unit.replace(
            "microsoft.graph.widget",
            &format!("microsoft.graph.widget{i}"),
        ));
    }
    let tree = tempfile::tempdir().unwrap();
    write(tree.path(), "v1.0/resources/huge.md", &page);
    let model = model::build_from_roots(&[tree.path().to_path_buf()]);
    assert_eq!(model.pages.total, 1);
    assert_eq!(model.types.len(), copies, "one type per copy");
}

#[test]
fn a_hundred_thousand_tiny_pages_are_read() {
    let tree = tempfile::tempdir().unwrap();
    for i in 0..100_000 {
        write(
            tree.path(),
            &format!("v1.0/resources/{}/t{i}.md", i % 100),
            format!("# t{i} resource type\n\n## Properties\n\n|Property|Type|Description|\n|-|-|-|\n|id|String|Id.|\n"),
        );
    }
    let model = model::build_from_roots(&[tree.path().to_path_buf()]);
    assert_eq!(model.pages.total, 100_000);
    assert_eq!(model.types.len(), 100_000);
}
