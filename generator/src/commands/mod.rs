//! The command-line commands. Each returns its exit status (`EXIT_*`); printing is theirs.

pub mod check;
pub mod explain;
pub mod generate;
pub mod model;

use crate::csdl::Schema;
use std::io::{self, Write};
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

/// Reads the OData CSDL schema at `path`, with its text. A file that cannot be read, is no
/// well-formed schema, or is no CSDL schema at all is an error naming the file.
pub fn read_schema(path: &Path) -> Result<(Schema, String), String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the schema `{}`: {e}", path.display()))?;
    match Schema::parse(&text) {
        Ok(schema) => Ok((schema, text)),
        Err(error) if error.not_a_schema => Err(format!(
            "`{}` is not an OData CSDL schema: {}",
            path.display(),
            error.message
        )),
        Err(error) => Err(format!("{}:{error}", path.display())),
    }
}

/// Writes the command's output to standard output with `write`, then returns `status`. A
/// reader that stops reading early (a closed pipe, as with `| head`) is not an error: the rest
/// of the output is dropped and `status` stands. Any other failure to write is reported and
/// gives [`EXIT_USAGE`].
pub fn to_stdout(status: u8, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> u8 {
    let mut out = io::stdout().lock();
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => status,
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => status,
        Err(error) => {
            eprintln!("error: cannot write the output: {error}");
            EXIT_USAGE
        }
    }
}
