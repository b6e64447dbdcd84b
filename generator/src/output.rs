//! Writing generated files: only changed files are replaced, each through a temporary file
//! in the same folder and a rename, so a failed run leaves every file whole.

use std::io::Write;
use std::path::{Path, PathBuf};

/// A file the generator owns, relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder.
    pub path: PathBuf,
    /// Exact bytes.
    pub contents: Vec<u8>,
}

/// The files whose contents on disk differ from `files` (or are missing).
pub fn stale_files(dir: &Path, files: &[OutputFile]) -> Vec<PathBuf> {
    files
        .iter()
        .filter(|f| std::fs::read(dir.join(&f.path)).ok().as_deref() != Some(&f.contents[..]))
        .map(|f| f.path.clone())
        .collect()
}

/// Writes `files` under `dir`, each atomically; unchanged files are not touched. Returns how
/// many files changed.
pub fn write_atomically(dir: &Path, files: &[OutputFile]) -> std::io::Result<usize> {
    let stale = stale_files(dir, files);
    for file in files.iter().filter(|f| stale.contains(&f.path)) {
        let target = dir.join(&file.path);
        let parent = target.parent().unwrap_or(dir);
        std::fs::create_dir_all(parent)?;
        let mut temp = tempfile::NamedTempFile::new_in(parent)?;
        temp.write_all(&file.contents)?;
        temp.as_file().sync_all()?;
        temp.persist(&target).map_err(|e| e.error)?;
    }
    Ok(stale.len())
}
