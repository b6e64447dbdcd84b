//! Finds the pages under the given roots and parses them in parallel.

use crate::codes;
use crate::diagnostics::{Diagnostic, Severity};
use crate::page::{self, Page};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// The most pages one parallel task takes in a pass over the pages. rayon splits a list only
/// about as many times as there are threads unless a task is stolen, and a task it no longer
/// splits runs to its end on one thread: with two threads each took half the pages, and the
/// thread with the lighter half sat idle for the last 3 to 7 ms of a `model` run. Tasks this
/// small are stolen to the end (see `docs/speed.md`).
pub const PAGES_PER_TASK: usize = 8;

/// A page file found under a root.
#[derive(Debug, Clone)]
pub struct PageFile {
    /// Path on disk.
    pub path: PathBuf,
    /// Path relative to its root's [`naming_base`], `/`-separated; this is how diagnostics
    /// name the file.
    pub relative: String,
    /// `v1.0` or `beta`, from the root's name and the relative path.
    pub version: &'static str,
    /// Reached through a symbolic link (the file, or a folder above it under its root). The
    /// walk starts at the canonical root (when the root can be canonicalized), so the path of
    /// a file no link led to is its canonical path.
    pub through_link: bool,
}

/// A file that could not be read.
#[derive(Debug, Clone)]
pub struct FailedPage {
    /// Relative path.
    pub relative: String,
    /// Why.
    pub diagnostic: Diagnostic,
}

/// The parsed pages of one run, in path order.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Pages that could be read (possibly with diagnostics).
    pub pages: Vec<Page>,
    /// Files that could not be read at all.
    pub failed: Vec<FailedPage>,
}

/// Lists the `.md` pages under each root (a directory or a single file), sorted by relative
/// path. Unreadable directory entries and symlink loops are reported, not fatal. Hidden
/// entries below a root (`.git`, `.github`) are skipped, and so are symbolic links that lead
/// back inside the root, whose pages the walk reads where they are; links that lead outside it
/// are followed.
pub fn discover(roots: &[PathBuf]) -> (Vec<PageFile>, Vec<FailedPage>) {
    let mut files = Vec::new();
    let mut failed = Vec::new();
    // With several roots, paths are named from each root's folder (`v1.0/api/x.md`,
    // `beta/api/x.md`) so pages of different roots never share a name.
    let several = roots.len() > 1;
    for root in roots {
        let canonical = root.canonicalize().unwrap_or_else(|_| root.clone());
        let folder = if root.is_file() {
            canonical
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default()
        } else {
            canonical.clone()
        };
        let base = naming_base(&folder).to_path_buf();
        let prefix = if several {
            folder_name(&base)
        } else {
            String::new()
        };
        // Folders reached through a link, in walk order (a folder comes before what it holds).
        let mut linked_folders: Vec<PathBuf> = Vec::new();
        let walk = WalkDir::new(&canonical)
            .follow_links(true)
            .into_iter()
            .filter_entry(|entry| entry.depth() == 0 || is_walked(entry, &canonical));
        for entry in walk {
            match entry {
                Ok(entry) => {
                    let path = entry.path();
                    let through_link = entry.path_is_symlink()
                        || linked_folders.iter().any(|folder| path.starts_with(folder));
                    if entry.path_is_symlink() && entry.file_type().is_dir() {
                        linked_folders.push(path.to_path_buf());
                    }
                    let is_page = entry.file_type().is_file()
                        && path
                            .extension()
                            .is_some_and(|e| e.eq_ignore_ascii_case("md"));
                    if !is_page {
                        continue;
                    }
                    files.push(PageFile {
                        path: path.to_path_buf(),
                        relative: join(&prefix, &relative_path(&base, path)),
                        version: page::version_of_path(&path.to_string_lossy()),
                        through_link,
                    });
                }
                Err(error) => {
                    let relative = error
                        .path()
                        .map(|p| join(&prefix, &relative_path(&base, p)))
                        .unwrap_or_else(|| root.display().to_string());
                    let message = if error.loop_ancestor().is_some() {
                        "symbolic link loop; the directory is skipped".to_string()
                    } else {
                        format!("cannot read this directory entry: {error}")
                    };
                    failed.push(FailedPage {
                        relative: relative.clone(),
                        diagnostic: file_diagnostic(&relative, message),
                    });
                }
            }
        }
    }
    files.sort_by(|a, b| (&a.relative, &a.path).cmp(&(&b.relative, &b.path)));
    // The same file given twice (a root inside another) is read once.
    files.dedup_by(|a, b| a.path == b.path);
    (files, failed)
}

/// Whether the walk of `root` takes an entry below it: not a hidden one, nor a symbolic link
/// to something the walk reaches anyway (inside the root and not hidden), which would be read
/// twice under two names.
fn is_walked(entry: &walkdir::DirEntry, root: &Path) -> bool {
    if is_hidden(entry.file_name()) {
        return false;
    }
    if !entry.path_is_symlink() {
        return true;
    }
    let Ok(target) = entry.path().canonicalize() else {
        // A dangling link: reported where it is read.
        return true;
    };
    match target.strip_prefix(root) {
        Ok(inside) => inside.components().any(|part| is_hidden(part.as_os_str())),
        Err(_) => true,
    }
}

/// Whether a file or folder name is hidden (`.git`).
fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// The folder pages under `folder` are named from: the folder itself, or for an `api/` or
/// `resources/` folder of the docs layout the folder above it. So a page is named the same
/// whether the run was given its version folder or only its `api/` folder (`api/user-get.md`),
/// and links between pages (`../resources/user.md`) resolve either way.
pub fn naming_base(folder: &Path) -> &Path {
    let is_page_folder = folder
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.eq_ignore_ascii_case("api") || n.eq_ignore_ascii_case("resources"));
    match folder.parent() {
        Some(parent) if is_page_folder => parent,
        _ => folder,
    }
}

fn folder_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn join(prefix: &str, relative: &str) -> String {
    if prefix.is_empty() {
        relative.to_string()
    } else {
        format!("{prefix}/{relative}")
    }
}

fn relative_path(base: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(base).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn file_diagnostic(relative: &str, message: String) -> Diagnostic {
    Diagnostic {
        file: relative.to_string(),
        line: 1,
        column: 1,
        code: codes::UNREADABLE_FILE,
        severity: Severity::Error,
        message,
        help: Some("check that the file exists and is readable".into()),
        fix: None,
        also_at: Vec::new(),
    }
}

/// Reads and parses every page under `roots` in parallel. The result does not depend on the
/// thread count: pages come back in relative-path order.
pub fn load(roots: &[PathBuf]) -> Corpus {
    let (files, mut failed) = discover(roots);
    let progress = progress_bar(files.len());
    let results: Vec<Result<Page, Box<FailedPage>>> = files
        .par_iter()
        .with_max_len(PAGES_PER_TASK)
        .map(|file| {
            let result = read_page(file);
            progress.inc(1);
            result
        })
        .collect();
    progress.finish_and_clear();
    let pages = separate_failures(results, &mut failed);
    Corpus { pages, failed }
}

/// The pages (or whatever was made of them) that were read, in order; the files that could not
/// be read join `failed`, which comes back sorted by path. The results are filtered in place:
/// they are large, and moving them into fresh memory again costs more than the filtering.
pub(crate) fn separate_failures<T>(
    results: Vec<Result<T, Box<FailedPage>>>,
    failed: &mut Vec<FailedPage>,
) -> Vec<T> {
    let read = results
        .into_iter()
        .filter_map(|result| result.map_err(|f| failed.push(*f)).ok())
        .collect();
    failed.sort_by(|a, b| a.relative.cmp(&b.relative));
    read
}

/// Reads and parses one page file.
pub fn read_page(file: &PageFile) -> Result<Page, Box<FailedPage>> {
    match std::fs::read(&file.path) {
        Ok(bytes) => {
            let mut page = page::parse_owned(&file.relative, bytes);
            page.version = file.version;
            Ok(page)
        }
        Err(error) => Err(Box::new(FailedPage {
            relative: file.relative.clone(),
            diagnostic: file_diagnostic(&file.relative, format!("cannot read the page: {error}")),
        })),
    }
}

/// A progress bar on stderr for long runs on a terminal; hidden otherwise.
pub fn progress_bar(total: usize) -> ProgressBar {
    if total < 500 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} pages {elapsed}") {
        bar.set_style(style);
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::discover;
    use std::path::Path;

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("folder");
        std::fs::write(path, text).expect("page");
    }

    fn found(root: &Path) -> Vec<String> {
        let (files, failed) = discover(&[root.to_path_buf()]);
        assert!(failed.is_empty(), "{failed:?}");
        files.into_iter().map(|f| f.relative).collect()
    }

    #[test]
    fn hidden_entries_below_the_root_are_skipped() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path().join("v1.0");
        write(&root.join("api/user-get.md"), "# Get user\n");
        write(&root.join(".github/pull_request_template.md"), "# PR\n");
        write(&root.join("api/.draft.md"), "# Draft\n");
        assert_eq!(found(&root), ["api/user-get.md"]);
        let hidden_root = dir.path().join(".docs");
        write(&hidden_root.join("api/user-get.md"), "# Get user\n");
        assert_eq!(
            found(&hidden_root),
            ["api/user-get.md"],
            "the root itself is read"
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_back_inside_the_root_are_skipped_and_links_outside_it_followed() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path().join("v1.0");
        write(&root.join("api/user-get.md"), "# Get user\n");
        write(&root.join("resources/user.md"), "# user resource type\n");
        symlink("../api", root.join("resources/apilink")).expect("link");
        symlink("user.md", root.join("resources/alias.md")).expect("link");
        write(
            &dir.path().join("shared/group.md"),
            "# group resource type\n",
        );
        symlink("../../shared", root.join("resources/shared")).expect("link");
        write(&root.join(".hidden/secret.md"), "# secret\n");
        symlink("../.hidden", root.join("api/visible")).expect("link");
        assert_eq!(
            found(&root),
            [
                "api/user-get.md",
                "api/visible/secret.md",
                "resources/shared/group.md",
                "resources/user.md",
            ]
        );
    }
}
