//! The consistency checker: every rule of [`rules::RULES`] over the pages asked for, with
//! cross-page references resolved against the whole docs root.
//!
//! One module per family of rules. Rules of two kinds run on each page:
//! - rules that read the page and where the root's pages are ([`RootPaths`]), and nothing of
//!   the model ([`check_page_alone`]): [`run`] runs them while the model is being assembled;
//! - rules that read the model of the whole root and indexes over it, through a [`PageCheck`]
//!   ([`check_page`]).
//!
//! The page parser's and model builder's own diagnostics are findings too, under their codes.

pub mod baseline;
pub mod config;
pub mod context;
pub mod fix;
pub mod located;
pub mod metadata;
pub mod render;
pub mod rules;
pub mod values;

mod annotations;
mod examples;
mod payloads;
mod references;
mod representation;
mod status;
mod tables;
mod text;
mod urls;

use crate::corpus::{self, FailedPage};
use crate::diagnostics::Diagnostic;
use crate::model::{self, ApiModel};
use crate::page::Page;
pub use context::{Index, PageCheck, PageFindings, PageOutline, RootPaths};
use metadata::Metadata;
use rayon::iter::Either;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Runs the rules that read one page and where the root's pages are, and nothing of the
/// model: they can run while the model is still being assembled.
pub fn check_page_alone(out: &mut PageFindings, paths: &RootPaths) {
    annotations::check(out);
    references::check_links(out, paths);
    text::check_todo(out);
    text::check_descriptions(out);
}

/// Runs the rules that read the model of the root on one page.
pub fn check_page(cx: &mut PageCheck, metadata: Option<&Metadata>) {
    examples::check(cx);
    urls::check(cx);
    urls::check_version(cx);
    status::check(cx);
    payloads::check(cx, metadata.map(|m| &m.schema));
    representation::check(cx);
    references::check_types(cx);
    tables::check_duplicates(cx);
    tables::check_read_only(cx);
    tables::check_documented_values(cx);
    if let Some(metadata) = metadata {
        metadata::check(cx, metadata);
    }
}

/// Runs [`check_page_alone`] on the pages `selected` picks out of `pages`.
fn check_pages_alone(
    pages: &[Page],
    selected: &HashSet<String>,
    paths: &RootPaths,
) -> Vec<Diagnostic> {
    on_selected(pages, selected, |page| {
        let mut out = PageFindings::new(page);
        check_page_alone(&mut out, paths);
        out.findings
    })
}

/// The findings `check` makes on each page `selected` picks out of `pages`, the pages in
/// parallel.
fn on_selected(
    pages: &[Page],
    selected: &HashSet<String>,
    check: impl Fn(&Page) -> Vec<Diagnostic> + Sync + Send,
) -> Vec<Diagnostic> {
    pages
        .par_iter()
        .with_max_len(crate::corpus::PAGES_PER_TASK)
        .filter(|p| selected.contains(&p.path))
        .flat_map_iter(check)
        .collect()
}

/// Checks the pages `selected` picks out of `pages`, and adds the parser's and model's
/// diagnostics about them. `pages` and `outlines` are the whole root, already modelled: the
/// pages to check whole, the others whole or outlined. Findings come back sorted, with the
/// rules' default severities and every rule included (see [`config::Config::apply`]).
pub fn check_pages(
    pages: &[Page],
    outlines: &[PageOutline],
    model: &ApiModel,
    selected: &HashSet<String>,
    root: Option<&Path>,
    metadata: Option<&Metadata>,
) -> Vec<Diagnostic> {
    let paths = RootPaths::of(pages, outlines, root);
    let alone = check_pages_alone(pages, selected, &paths);
    check_pages_with_model(pages, outlines, model, selected, paths, alone, metadata)
}

/// The rest of [`check_pages`], once the rules that need no model have given `alone`.
fn check_pages_with_model(
    pages: &[Page],
    outlines: &[PageOutline],
    model: &ApiModel,
    selected: &HashSet<String>,
    paths: RootPaths,
    alone: Vec<Diagnostic>,
    metadata: Option<&Metadata>,
) -> Vec<Diagnostic> {
    let index = Index::with_paths(model, pages, outlines, paths);
    let mut findings = on_selected(pages, selected, |page| {
        let mut cx = PageCheck::new(page, &index);
        check_page(&mut cx, metadata);
        cx.into_findings()
    });
    findings.extend(alone);
    findings.extend(
        model
            .diagnostics
            .iter()
            .filter(|d| selected.contains(&d.file))
            .cloned(),
    );
    if let Some(metadata) = metadata {
        if outlines.is_empty() && pages.iter().all(|p| selected.contains(&p.path)) {
            findings.extend(metadata::undocumented_types(model, metadata));
        }
    }
    findings.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.code).cmp(&(&b.file, b.line, b.column, b.code))
    });
    findings.dedup();
    without_fixes_on_pages_not_utf8(&mut findings);
    findings
}

/// Drops the fixes of findings on pages that are not valid UTF-8: a fix's offsets are those
/// of the text read, where each invalid byte became a replacement character, not the file's.
fn without_fixes_on_pages_not_utf8(findings: &mut [Diagnostic]) {
    let not_utf8: HashSet<String> = findings
        .iter()
        .filter(|d| d.code == crate::codes::INVALID_UTF8)
        .map(|d| d.file.clone())
        .collect();
    if not_utf8.is_empty() {
        return;
    }
    for finding in findings.iter_mut().filter(|d| not_utf8.contains(&d.file)) {
        finding.fix = None;
    }
}

/// One run of the checker: the checked pages, the model of the root, and the findings on
/// the checked pages.
pub struct CheckRun {
    /// The checked pages, sorted by path (the other pages of the root were modelled, then
    /// dropped).
    pub pages: Vec<Page>,
    /// Files that could not be read.
    pub failed: Vec<FailedPage>,
    /// The model of the root.
    pub model: ApiModel,
    /// Paths (root-relative) of the pages checked.
    pub selected: HashSet<String>,
    /// Findings, sorted, before configuration and baseline.
    pub findings: Vec<Diagnostic>,
    /// The schema, when one was given.
    pub metadata: Option<Metadata>,
}

impl CheckRun {
    /// The text of a 1-based line of a checked file (or of the schema), if known.
    pub fn line_text(&self, file: &str, line: usize) -> Option<&str> {
        let line = line.checked_sub(1)?;
        let is_schema = self.metadata.as_ref().is_some_and(|m| m.file == file);
        if let Some(page) = self.page(file).filter(|_| !is_schema) {
            // The line index finds the line without walking the ones before it.
            if line >= page.lines().line_count() {
                return None;
            }
            let start = page.lines().line_start(line + 1);
            return page.text.get(start..)?.lines().next();
        }
        self.source(file)?.lines().nth(line)
    }

    /// A page of the run by its root-relative path.
    fn page(&self, file: &str) -> Option<&Page> {
        let i = self
            .pages
            .binary_search_by(|p| p.path.as_str().cmp(file))
            .ok()?;
        Some(&self.pages[i])
    }

    /// The whole text of a file of the run (a page or the schema).
    pub fn source(&self, file: &str) -> Option<&str> {
        if let Some(m) = self.metadata.as_ref().filter(|m| m.file == file) {
            return Some(&m.text);
        }
        Some(&self.page(file)?.text)
    }
}

/// Compiles every pattern the pass and the rules use, so that no page waits for one.
fn compile_patterns() {
    crate::model::compile_patterns();
    text::compile_patterns();
    urls::compile_patterns();
    values::compile_patterns();
}

/// Reads the docs root, builds its model and checks the pages under `paths` (all of the root
/// when `paths` is empty). Paths outside the root are an error.
pub fn run(root: &Path, paths: &[PathBuf], metadata: Option<Metadata>) -> Result<CheckRun, String> {
    let root_canonical = root
        .canonicalize()
        .map_err(|e| format!("cannot read the docs root `{}`: {e}", root.display()))?;
    // Finding the files keeps one core busy: the other compiles the patterns meanwhile.
    let ((files, failed_files), ()) =
        rayon::join(|| corpus::discover(&[root.to_path_buf()]), compile_patterns);
    // Pages are named from the folder above the version folder (see `corpus::naming_base`).
    let naming_base = corpus::naming_base(&root_canonical);
    let mut wanted = Vec::new();
    for path in paths {
        let canonical = path
            .canonicalize()
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        if !canonical.starts_with(&root_canonical) {
            return Err(format!(
                "`{}` is not inside the docs root `{}`; pass --root",
                path.display(),
                root.display()
            ));
        }
        wanted.push(canonical);
    }
    let under_wanted =
        |path: &Path| wanted.is_empty() || wanted.iter().any(|w| path.starts_with(w));
    // The walk starts at the canonical root, so a file's path is its canonical path unless a
    // link led to it. A file the walk found but could not read (a dangling link, a loop) is
    // checked too, so that its diagnostic is reported: it has no canonical path, so it is
    // placed by the path it was found at.
    let is_wanted = |f: &corpus::PageFile| {
        if f.through_link {
            f.path.canonicalize().is_ok_and(|p| under_wanted(&p))
        } else {
            under_wanted(&f.path)
        }
    };
    let selected: HashSet<String> = files
        .iter()
        .filter(|f| wanted.is_empty() || is_wanted(f))
        .map(|f| f.relative.clone())
        .chain(
            failed_files
                .iter()
                .filter(|f| under_wanted(&naming_base.join(&f.relative)))
                .map(|f| f.relative.clone()),
        )
        .collect();
    // Only the checked pages are held whole: checking one page of a large root holds one page.
    // The rules that need no model run while it is assembled.
    let keep = |page: Page| {
        if selected.contains(&page.path) {
            Either::Left(page)
        } else {
            Either::Right(PageOutline::of(page))
        }
    };
    let ((pages, outlines, paths, alone), failed, model) =
        model::load_and_build_keeping_alongside(&files, failed_files, keep, |kept| {
            let mut pages = Vec::new();
            let mut outlines = Vec::new();
            for page in kept {
                match page {
                    Either::Left(page) => pages.push(page),
                    Either::Right(outline) => outlines.push(outline),
                }
            }
            let paths = RootPaths::of(&pages, &outlines, Some(naming_base));
            let alone = check_pages_alone(&pages, &selected, &paths);
            (pages, outlines, paths, alone)
        });
    // The model carries the diagnostics of unreadable files too.
    let findings = check_pages_with_model(
        &pages,
        &outlines,
        &model,
        &selected,
        paths,
        alone,
        metadata.as_ref(),
    );
    Ok(CheckRun {
        pages,
        failed,
        model,
        selected,
        findings,
        metadata,
    })
}
