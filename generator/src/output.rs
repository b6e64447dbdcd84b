//! Writing the output folder, which the generator owns whole: every file in it is listed in its
//! owned-files list ([`OWNED_LIST`]), and a run that finds a file the list does not name (a
//! hand-written file) refuses to touch the folder.
//!
//! A run writes the complete new folder beside the old one and swaps the two in one step
//! (`renameat2(RENAME_EXCHANGE)` on Linux; two renames elsewhere), so the folder is always
//! either the whole previous output or the whole new one, even if the run is killed. A run that
//! would change nothing touches nothing.

use std::collections::BTreeSet;
use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The list, in the output folder, of the files the generator owns there.
pub const OWNED_LIST: &str = ".graph-docgen-owned";

/// The prefix of the staging folder a run writes beside the output folder (`.generated` plus
/// this, plus a random suffix).
const STAGING_INFIX: &str = ".graph-docgen-staging-";

/// A file the generator owns, relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder.
    pub path: PathBuf,
    /// Exact bytes.
    pub contents: Vec<u8>,
}

impl OutputFile {
    /// A text file.
    pub fn text(path: impl Into<PathBuf>, contents: String) -> Self {
        OutputFile {
            path: path.into(),
            contents: contents.into_bytes(),
        }
    }
}

/// Why the output folder was not written.
#[derive(Debug)]
pub enum OutputError {
    /// The folder holds files the generator does not own.
    HandWritten {
        /// The folder.
        dir: PathBuf,
        /// Its files that the owned-files list does not name.
        files: Vec<PathBuf>,
    },
    /// The output path is no folder: a file, or a symbolic link to a file or to nothing.
    NotAFolder {
        /// The path as given.
        dir: PathBuf,
        /// What it is instead.
        what: String,
    },
    /// Reading or writing failed.
    Io {
        /// What was being done, with the path.
        doing: String,
        /// The error.
        error: io::Error,
    },
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutputError::HandWritten { dir, files } => {
                let names: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
                write!(
                    f,
                    "{} holds {} file(s) the generator did not write ({}); it owns that folder \
                     whole, so nothing was changed. Move them out, or choose another --output",
                    dir.display(),
                    files.len(),
                    names.join(", ")
                )
            }
            OutputError::NotAFolder { dir, what } => {
                write!(f, "`{}` is not a folder: {what}", dir.display())
            }
            OutputError::Io { doing, error } => write!(f, "{doing}: {error}"),
        }
    }
}

impl std::error::Error for OutputError {}

fn io_error(doing: impl Into<String>) -> impl FnOnce(io::Error) -> OutputError {
    let doing = doing.into();
    move |error| OutputError::Io { doing, error }
}

/// Adds the owned-files list to `files`: the set a run writes.
pub fn with_owned_list(mut files: Vec<OutputFile>, header: &str) -> Vec<OutputFile> {
    files.retain(|f| f.path != Path::new(OWNED_LIST));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let mut list = format!("# {header}\n");
    for file in &files {
        list.push_str(&slash_path(&file.path));
        list.push('\n');
    }
    files.push(OutputFile::text(OWNED_LIST, list));
    files
}

/// A relative path with `/` separators, as the owned-files list writes it.
fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Every file under `dir`, relative to it (`/`-separated); empty when `dir` does not exist.
fn files_under(dir: &Path) -> Result<BTreeSet<String>, OutputError> {
    let mut found = BTreeSet::new();
    if !dir.exists() {
        return Ok(found);
    }
    for entry in walkdir::WalkDir::new(dir).follow_links(false) {
        let entry = entry.map_err(|e| OutputError::Io {
            doing: format!("reading {}", dir.display()),
            error: e.into(),
        })?;
        if !entry.file_type().is_dir() {
            if let Ok(relative) = entry.path().strip_prefix(dir) {
                found.insert(slash_path(relative));
            }
        }
    }
    Ok(found)
}

/// The files the owned-files list in `dir` names.
fn owned_files(dir: &Path) -> BTreeSet<String> {
    let list = std::fs::read_to_string(dir.join(OWNED_LIST)).unwrap_or_default();
    list.lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// Files in `dir` the generator does not own: not named by its owned-files list.
pub fn foreign_files(dir: &Path) -> Result<Vec<PathBuf>, OutputError> {
    let owned = owned_files(dir);
    Ok(files_under(dir)?
        .into_iter()
        .filter(|path| path != OWNED_LIST && !owned.contains(path))
        .map(PathBuf::from)
        .collect())
}

/// The files of `files` whose contents on disk differ or are missing, and the owned files on
/// disk that `files` no longer has.
pub fn stale_files(dir: &Path, files: &[OutputFile]) -> Vec<PathBuf> {
    let mut stale: Vec<PathBuf> = files
        .iter()
        .filter(|f| std::fs::read(dir.join(&f.path)).ok().as_deref() != Some(&f.contents[..]))
        .map(|f| f.path.clone())
        .collect();
    let new: BTreeSet<String> = files.iter().map(|f| slash_path(&f.path)).collect();
    stale.extend(
        owned_files(dir)
            .into_iter()
            .filter(|path| !new.contains(path) && dir.join(path).exists())
            .map(PathBuf::from),
    );
    stale
}

/// The folder an output path names: the path itself (which need not exist yet), or the folder
/// a symbolic link there leads to, so that the link is kept and the folder behind it is
/// replaced. A file, or a link to a file or to nothing, is refused.
fn folder_of(dir: &Path) -> Result<PathBuf, OutputError> {
    let not_a_folder = |what: String| OutputError::NotAFolder {
        dir: dir.to_path_buf(),
        what,
    };
    let Ok(link) = std::fs::symlink_metadata(dir) else {
        return Ok(dir.to_path_buf());
    };
    if !link.file_type().is_symlink() {
        return if link.is_dir() {
            Ok(dir.to_path_buf())
        } else {
            Err(not_a_folder("it is a file".to_string()))
        };
    }
    let target = std::fs::read_link(dir)
        .map(|t| t.display().to_string())
        .unwrap_or_default();
    match std::fs::canonicalize(dir) {
        Ok(folder) if folder.is_dir() => Ok(folder),
        Ok(_) => Err(not_a_folder(format!(
            "it is a symbolic link to `{target}`, which is a file"
        ))),
        Err(error) => Err(not_a_folder(format!(
            "it is a symbolic link to `{target}`, which cannot be followed ({error})"
        ))),
    }
}

/// The folder a run writes for the output path `dir`, checked as a run checks it before it
/// writes anything: a folder (or a path where one can be made, or a symbolic link to one),
/// holding no file the generator did not write.
pub fn writable_folder(dir: &Path) -> Result<PathBuf, OutputError> {
    let folder = folder_of(dir)?;
    let foreign = foreign_files(&folder)?;
    if !foreign.is_empty() {
        return Err(OutputError::HandWritten {
            dir: dir.to_path_buf(),
            files: foreign,
        });
    }
    Ok(folder)
}

/// Replaces the contents of `dir` with `files`, atomically: see the module documentation.
/// Returns how many files changed (0 when nothing did: then the folder is not touched). Either
/// way, staging folders that killed runs left beside it are removed. When `dir` is a symbolic
/// link to a folder, the folder is replaced and the link kept.
pub fn write_atomically(dir: &Path, files: &[OutputFile]) -> Result<usize, OutputError> {
    let dir = &writable_folder(dir)?;
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_string());
    let parent = match dir.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    // A run killed between the swap and the removal of the previous output leaves the new
    // output whole, and a staging folder beside it that no later run would otherwise remove.
    remove_leftover_staging(&parent, &name);
    let stale = stale_files(dir, files);
    if stale.is_empty() {
        return Ok(0);
    }
    std::fs::create_dir_all(&parent).map_err(io_error(format!("creating {}", parent.display())))?;
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}{STAGING_INFIX}"))
        .tempdir_in(&parent)
        .map_err(io_error(format!(
            "creating a folder in {}",
            parent.display()
        )))?;
    for file in files {
        let target = staging.path().join(&file.path);
        write_file(&target, &file.contents)
            .map_err(io_error(format!("writing {}", target.display())))?;
    }
    if dir.exists() {
        swap(staging.path(), dir).map_err(io_error(format!("replacing {}", dir.display())))?;
        // The staging folder now holds the previous output; dropping it removes it.
    } else {
        let staged = staging.keep();
        std::fs::rename(&staged, dir).map_err(io_error(format!("creating {}", dir.display())))?;
    }
    sync_dir(&parent);
    Ok(stale.len())
}

/// Writes one file and flushes it to disk.
fn write_file(path: &Path, contents: &[u8]) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = std::fs::File::create(path)?;
    file.write_all(contents)?;
    file.sync_all()
}

/// Removes staging folders that a killed run left beside the output folder.
fn remove_leftover_staging(parent: &Path, name: &str) {
    let prefix = format!(".{name}{STAGING_INFIX}");
    if let Ok(entries) = std::fs::read_dir(parent) {
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with(&prefix) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}

/// Exchanges two folders in one step.
#[cfg(target_os = "linux")]
fn swap(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(()),
        // File systems without the exchange flag.
        Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS) => swap_by_renames(a, b),
        Err(error) => Err(error.into()),
    }
}

/// Exchanges two folders by two renames (where no one-step exchange exists).
#[cfg(not(target_os = "linux"))]
fn swap(a: &Path, b: &Path) -> io::Result<()> {
    swap_by_renames(a, b)
}

/// Moves `b` aside, `a` into its place, and the old `b` to `a`; restores `b` if the second
/// rename fails.
fn swap_by_renames(a: &Path, b: &Path) -> io::Result<()> {
    let aside = a.with_extension("previous");
    std::fs::rename(b, &aside)?;
    if let Err(error) = std::fs::rename(a, b) {
        std::fs::rename(&aside, b)?;
        return Err(error);
    }
    std::fs::rename(&aside, a)
}

/// Flushes a folder's entries to disk (best effort: not every platform can open a folder).
fn sync_dir(dir: &Path) {
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(pairs: &[(&str, &str)]) -> Vec<OutputFile> {
        with_owned_list(
            pairs
                .iter()
                .map(|(p, c)| OutputFile::text(*p, c.to_string()))
                .collect(),
            "test",
        )
    }

    #[test]
    fn a_new_folder_is_written_whole_and_a_second_identical_run_changes_nothing() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        let set = files(&[("a.txt", "A"), ("src/b.rs", "B")]);
        assert_eq!(write_atomically(&out, &set).unwrap(), 3);
        assert_eq!(std::fs::read_to_string(out.join("src/b.rs")).unwrap(), "B");
        assert_eq!(write_atomically(&out, &set).unwrap(), 0);
        assert!(stale_files(&out, &set).is_empty());
    }

    #[test]
    fn files_no_longer_generated_are_stale_and_removed() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        write_atomically(&out, &files(&[("a.txt", "A"), ("old.txt", "O")])).unwrap();
        let set = files(&[("a.txt", "A")]);
        assert!(stale_files(&out, &set).contains(&PathBuf::from("old.txt")));
        write_atomically(&out, &set).unwrap();
        assert!(!out.join("old.txt").exists());
        let leftovers: Vec<_> = std::fs::read_dir(root.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folder is left behind");
    }

    #[test]
    fn a_run_that_changes_nothing_still_removes_what_a_killed_run_left_beside_the_folder() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        let set = files(&[("a.txt", "A")]);
        write_atomically(&out, &set).unwrap();
        // What a run killed after its swap leaves: the previous output in its staging folder.
        let left = root.path().join(format!(".out{STAGING_INFIX}abc123"));
        std::fs::create_dir_all(&left).unwrap();
        std::fs::write(left.join("a.txt"), "old").unwrap();
        assert_eq!(write_atomically(&out, &set).unwrap(), 0);
        let beside: Vec<_> = std::fs::read_dir(root.path())
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(beside, ["out"]);
    }

    #[test]
    fn a_file_is_not_an_output_folder() {
        let root = tempfile::tempdir().unwrap();
        let file = root.path().join("out");
        std::fs::write(&file, "mine").unwrap();
        let error = write_atomically(&file, &files(&[("a.txt", "A")])).unwrap_err();
        assert!(
            error.to_string().ends_with("is not a folder: it is a file"),
            "{error}"
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_folder_is_followed_and_kept() {
        let root = tempfile::tempdir().unwrap();
        let real = root.path().join("real");
        std::fs::create_dir(&real).unwrap();
        let link = root.path().join("out");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert_eq!(
            write_atomically(&link, &files(&[("a.txt", "A")])).unwrap(),
            2
        );
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(std::fs::read_to_string(real.join("a.txt")).unwrap(), "A");
        assert_eq!(
            write_atomically(&link, &files(&[("a.txt", "A")])).unwrap(),
            0
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_file_or_to_nothing_is_not_an_output_folder() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("file"), "mine").unwrap();
        for (target, why) in [("file", "which is a file"), ("gone", "cannot be followed")] {
            let link = root.path().join(format!("to-{target}"));
            std::os::unix::fs::symlink(root.path().join(target), &link).unwrap();
            let error = write_atomically(&link, &files(&[("a.txt", "A")])).unwrap_err();
            let message = error.to_string();
            assert!(message.contains("is a symbolic link to"), "{message}");
            assert!(message.contains(why), "{message}");
        }
    }

    #[test]
    fn a_hand_written_file_makes_the_run_refuse_and_change_nothing() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        write_atomically(&out, &files(&[("a.txt", "A")])).unwrap();
        std::fs::write(out.join("notes.md"), "mine").unwrap();
        let error = write_atomically(&out, &files(&[("a.txt", "changed")])).unwrap_err();
        assert!(error.to_string().contains("notes.md"), "{error}");
        assert_eq!(std::fs::read_to_string(out.join("a.txt")).unwrap(), "A");
        assert_eq!(
            std::fs::read_to_string(out.join("notes.md")).unwrap(),
            "mine"
        );
    }
}
