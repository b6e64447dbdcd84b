//! The command-line commands. Each returns its exit status (`EXIT_*`); printing is theirs.

pub mod check;
pub mod explain;
pub mod generate;
pub mod model;

use std::path::{Path, PathBuf};

/// Exit status: success.
pub const EXIT_OK: u8 = 0;
/// Exit status: findings at error level, or stale output with `--check`.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: usage error, or an input or output that cannot be read or written.
pub const EXIT_USAGE: u8 = 2;

/// The workspace root: the nearest ancestor of the current directory holding `docs-input/`.
pub fn workspace_root() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors()
        .find(|dir| dir.join("docs-input").is_dir())
        .map(Path::to_path_buf)
}

/// Checks that every input exists, printing a clear error for each that does not.
pub fn inputs_exist(inputs: &[PathBuf]) -> bool {
    let mut ok = true;
    for input in inputs {
        if !input.exists() {
            eprintln!("error: input `{}` does not exist", input.display());
            ok = false;
        }
    }
    ok
}
