//! Mutation test of the checker: take real pages, inject one known defect at a time (a renamed
//! example property, a changed URL segment, a changed status code, a value of the wrong kind, a
//! removed table row, a removed `Content-Type` header) and require the checker to report it,
//! under its rule, at the line of the defect, where it reported nothing of the kind before.
//!
//! Runs on the seed pages in `docs-input/` always, and on the v1.0 reference when
//! `GRAPH_DOCS_DIR` is set (a few pages per kind of defect, chosen deterministically).

mod common;

use graph_docgen::check::located::{self, Value};
use graph_docgen::check::{self};
use graph_docgen::codes;
use graph_docgen::corpus::{self, Corpus};
use graph_docgen::diagnostics::Diagnostic;
use graph_docgen::model::{self, ApiModel};
use graph_docgen::page::{self, Page};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// One injected defect: where the page text changes, what to, and what must be reported.
#[derive(Debug, Clone)]
struct Mutation {
    page: String,
    kind: &'static str,
    /// Byte range of the page text to replace, and the replacement.
    at: std::ops::Range<usize>,
    replacement: String,
    /// The rule and 1-based line the defect must be reported at.
    code: &'static str,
    line: usize,
}

fn line_of(page: &Page, offset: usize) -> usize {
    page.position(offset).0
}

/// A renamed property in a response example whose type the model knows.
fn renamed_property(page: &Page, model: &ApiModel) -> Option<Mutation> {
    for e in model.examples.iter().filter(|e| e.page == page.path) {
        let (Some(response), Some(type_name)) = (&e.response, &e.response_type) else {
            continue;
        };
        let def = model.find_type(e.version, type_name)?;
        if def.open || e.response_collection {
            continue;
        }
        let body = response.body.as_ref()?;
        let root = located::read(&body.text)?;
        let Value::Object(members) = &root.value else {
            continue;
        };
        let member = members.iter().find(|m| {
            def.properties
                .iter()
                .any(|p| p.name == m.key && !p.navigation)
                && matches!(m.node.value, Value::String(_) | Value::Bool(_))
        })?;
        let start = body.offset + member.offset;
        let end = start + member.key.len() + 2;
        if page.text.get(start..end) != Some(&format!("\"{}\"", member.key)) {
            continue;
        }
        return Some(Mutation {
            page: page.path.clone(),
            kind: "renamed example property",
            at: start..end,
            replacement: format!("\"{}Zq\"", member.key),
            code: codes::UNKNOWN_PAYLOAD_PROPERTY,
            line: line_of(page, start),
        });
    }
    None
}

/// A changed literal URL segment in a request example.
fn changed_url_segment(page: &Page, model: &ApiModel) -> Option<Mutation> {
    let op = model.operations.iter().find(|o| o.page == page.path)?;
    if op.templates.is_empty() {
        return None;
    }
    for e in model
        .examples
        .iter()
        .filter(|e| e.page == page.path && !e.ignored)
    {
        let request = e.request.as_ref()?;
        let url = request.url.trim();
        if !url.starts_with("https://graph.microsoft.com/v1.0/") || url.contains('{') {
            continue;
        }
        let start_line = page.lines().line_start(request.line);
        let line_text = page.text[start_line..].lines().next()?;
        let url_at = start_line + line_text.find(url)?;
        // The last path segment made only of letters: a resource or function name.
        let path_end = url.find('?').unwrap_or(url.len());
        let last = url[..path_end].rsplit('/').next()?;
        if last.is_empty() || !last.chars().all(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        let seg_at = url_at + path_end - last.len();
        return Some(Mutation {
            page: page.path.clone(),
            kind: "changed URL segment",
            at: seg_at..seg_at + last.len(),
            replacement: format!("{last}Zq"),
            code: codes::EXAMPLE_URL_UNMATCHED,
            line: request.line,
        });
    }
    None
}

/// A changed status code in a response example whose status the prose documents.
fn changed_status(page: &Page, model: &ApiModel) -> Option<Mutation> {
    let op = model.operations.iter().find(|o| o.page == page.path)?;
    if !op.responses.iter().any(|r| r.status == 200) || op.responses.iter().any(|r| r.status == 202)
    {
        return None;
    }
    for e in model
        .examples
        .iter()
        .filter(|e| e.page == page.path && !e.ignored)
    {
        let response = e.response.as_ref()?;
        if response.status != 200 || e.request.is_none() {
            continue;
        }
        let start = page.lines().line_start(response.line);
        let line_text = page.text[start..].lines().next()?;
        let end = start + line_text.len();
        return Some(Mutation {
            page: page.path.clone(),
            kind: "changed status code",
            at: start..end,
            replacement: "HTTP/1.1 202 Accepted".into(),
            code: codes::RESPONSE_STATUS_DIFFERS,
            line: response.line,
        });
    }
    None
}

/// A Boolean property of a response example sent as a string.
fn wrong_value_kind(page: &Page, model: &ApiModel) -> Option<Mutation> {
    for e in model.examples.iter().filter(|e| e.page == page.path) {
        let (Some(response), Some(type_name)) = (&e.response, &e.response_type) else {
            continue;
        };
        let def = model.find_type(e.version, type_name)?;
        if e.response_collection {
            continue;
        }
        let body = response.body.as_ref()?;
        let root = located::read(&body.text)?;
        let Value::Object(members) = &root.value else {
            continue;
        };
        let member = members.iter().find(|m| {
            matches!(m.node.value, Value::Bool(_))
                && def
                    .properties
                    .iter()
                    .any(|p| p.name == m.key && p.type_name == "Edm.Boolean" && !p.collection)
        })?;
        let Value::Bool(b) = member.node.value else {
            continue;
        };
        let start = body.offset + member.node.offset;
        let word = if b { "true" } else { "false" };
        if page.text.get(start..start + word.len()) != Some(word) {
            continue;
        }
        return Some(Mutation {
            page: page.path.clone(),
            kind: "value of the wrong kind",
            at: start..start + word.len(),
            replacement: format!("\"{word}\""),
            code: codes::WRONG_VALUE_KIND,
            line: line_of(page, start),
        });
    }
    None
}

/// A Properties table row removed while the JSON representation keeps the property.
fn removed_table_row(page: &Page, model: &ApiModel) -> Option<Mutation> {
    let def = model
        .types
        .iter()
        .find(|t| t.page == page.path && t.template.is_some())?;
    let template = def.template.as_ref()?;
    let root = located::read(&template.text)?;
    let Value::Object(members) = &root.value else {
        return None;
    };
    // With its only row gone, a table is empty and the model reads the type from its JSON
    // representation instead: keep at least one row.
    if def
        .properties
        .iter()
        .filter(|p| p.line != template.line)
        .count()
        < 2
    {
        return None;
    }
    // A property a base type also has stays documented when the row goes.
    let mut inherited: Vec<&str> = Vec::new();
    let mut base = def.base.clone();
    for _ in 0..16 {
        let Some(b) = base.and_then(|b| model.find_type(def.version, &b)) else {
            break;
        };
        inherited.extend(b.properties.iter().map(|p| p.name.as_str()));
        base = b.base.clone();
    }
    for p in def
        .properties
        .iter()
        .filter(|p| p.inherited_from.is_none() && !inherited.contains(&p.name.as_str()))
    {
        if p.line == template.line
            || def
                .properties
                .iter()
                .filter(|q| q.name.eq_ignore_ascii_case(&p.name))
                .count()
                > 1
        {
            continue;
        }
        let Some(member) = members.iter().find(|m| m.key == p.name) else {
            continue;
        };
        let start = page.lines().line_start(p.line);
        let end = page.lines().line_start(p.line + 1);
        if end <= start || !page.text[start..end].contains(&p.name) {
            continue;
        }
        // The row goes; the JSON key's line moves up by one.
        let json_line = line_of(page, template.offset + member.offset) - 1;
        return Some(Mutation {
            page: page.path.clone(),
            kind: "removed table row",
            at: start..end,
            replacement: String::new(),
            code: codes::REPRESENTATION_EXTRA_PROPERTY,
            line: json_line,
        });
    }
    None
}

/// The `Content-Type` header removed from a request example that sends JSON, on a page whose
/// Request headers table documents it.
fn removed_content_type(page: &Page, model: &ApiModel) -> Option<Mutation> {
    let op = model.operations.iter().find(|o| o.page == page.path)?;
    if !op
        .request_headers
        .iter()
        .any(|h| h.eq_ignore_ascii_case("Content-Type"))
    {
        return None;
    }
    for e in model
        .examples
        .iter()
        .filter(|e| e.page == page.path && !e.ignored)
    {
        let Some(request) = &e.request else {
            continue;
        };
        if request
            .body
            .as_ref()
            .and_then(|b| b.json.as_ref())
            .is_none()
        {
            continue;
        }
        // The header's own line, among the lines right below the request line.
        let lines = page.lines();
        let Some(header_line) = (request.line + 1..request.line + 4).find(|&line| {
            let start = lines.line_start(line);
            page.text[start..]
                .get(..13)
                .is_some_and(|t| t.eq_ignore_ascii_case("Content-Type:"))
        }) else {
            continue;
        };
        let start = lines.line_start(header_line);
        let end = lines.line_start(header_line + 1);
        if end <= start {
            continue;
        }
        return Some(Mutation {
            page: page.path.clone(),
            kind: "removed Content-Type header",
            at: start..end,
            replacement: String::new(),
            code: codes::CONTENT_TYPE_MISSING,
            line: request.line,
        });
    }
    None
}

type Finder = fn(&Page, &ApiModel) -> Option<Mutation>;

const FINDERS: &[Finder] = &[
    renamed_property,
    changed_url_segment,
    changed_status,
    wrong_value_kind,
    removed_table_row,
    removed_content_type,
];

fn findings(pages: &mut Vec<Page>, page: &str) -> Vec<Diagnostic> {
    let corpus = Corpus {
        pages: std::mem::take(pages),
        failed: Vec::new(),
    };
    let model = model::build(&corpus);
    *pages = corpus.pages;
    let selected = HashSet::from([page.to_string()]);
    check::check_pages(pages, &[], &model, &selected, None, None)
}

/// Applies each mutation to its page alone and checks that it is reported where expected.
fn run_mutations(root: &Path, per_kind: usize) -> Vec<String> {
    let corpus = corpus::load(&[root.to_path_buf()]);
    let model = model::build(&corpus);
    let mut pages = corpus.pages;
    let mut mutations = Vec::new();
    for finder in FINDERS {
        let found: Vec<Mutation> = pages
            .iter()
            .filter(|p| !p.path.contains("intune-"))
            .filter_map(|p| finder(p, &model))
            .take(per_kind)
            .collect();
        mutations.extend(found);
    }
    let mut failures = Vec::new();
    for m in &mutations {
        let index = pages
            .iter()
            .position(|p| p.path == m.page)
            .expect("the page is loaded");
        let before = findings(&mut pages, &m.page);
        if before.iter().any(|d| d.code == m.code && d.line == m.line) {
            // Already reported before the mutation: no evidence either way; skip it.
            continue;
        }
        let mut text = pages[index].text.clone();
        text.replace_range(m.at.clone(), &m.replacement);
        let mut mutated = page::parse(&m.page, text.as_bytes());
        mutated.version = pages[index].version;
        let original = std::mem::replace(&mut pages[index], mutated);
        let after = findings(&mut pages, &m.page);
        pages[index] = original;
        let hit = after.iter().any(|d| d.code == m.code && d.line == m.line);
        eprintln!(
            "{}: {} -> {} at line {}: {}",
            m.page,
            m.kind,
            m.code,
            m.line,
            if hit { "found" } else { "MISSED" }
        );
        if !hit {
            let near: Vec<String> = after
                .iter()
                .filter(|d| !before.contains(d))
                .map(|d| format!("{}:{} {}", d.code, d.line, d.message))
                .collect();
            failures.push(format!("{m:?}: new findings {near:?}"));
        }
    }
    assert!(!mutations.is_empty(), "no page offered a mutation");
    failures
}

#[test]
fn defects_injected_into_the_seed_pages_are_found_at_their_lines() {
    let root = common::workspace().join("docs-input");
    let failures = run_mutations(&root, 3);
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn defects_injected_into_the_v1_reference_are_found_at_their_lines() {
    let Some(dir) = std::env::var_os("GRAPH_DOCS_DIR").map(PathBuf::from) else {
        eprintln!("GRAPH_DOCS_DIR is not set: the mutation test runs on the seed pages only");
        return;
    };
    let failures = run_mutations(&dir, 4);
    assert!(failures.is_empty(), "{failures:#?}");
}
