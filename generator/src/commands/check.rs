//! `graph-docgen check`: the consistency checker over pages or trees, with cross-page
//! references resolved against the whole docs root.

use super::{inputs_exist, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::check::baseline::{self, Baseline};
use crate::check::config::Config;
use crate::check::metadata::Metadata;
use crate::check::render::{self, Format, Report};
use crate::csdl::Schema;
use crate::diagnostics::Severity;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// When to colour the human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Color {
    /// When printing to a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Options of `check`.
#[derive(Debug, Clone)]
pub struct CheckArgs {
    /// Pages or folders to check (the whole root when empty).
    pub paths: Vec<PathBuf>,
    /// The docs root cross-page references resolve against.
    pub root: Option<PathBuf>,
    /// Output format.
    pub format: Format,
    /// Configuration file (else the nearest `graph-docgen.toml` above the root).
    pub config: Option<PathBuf>,
    /// OData CSDL schema to compare with.
    pub metadata: Option<PathBuf>,
    /// Accept the findings this baseline lists.
    pub baseline: Option<PathBuf>,
    /// Write a baseline of the current findings here.
    pub write_baseline: Option<PathBuf>,
    /// Colour.
    pub color: Color,
}

/// The docs root for `paths`: the nearest folder at or above the first path that holds an
/// `api/` or `resources/` folder; else the workspace's `docs-input/`, else the path itself.
pub fn default_root(paths: &[PathBuf]) -> Option<PathBuf> {
    let start = match paths.first() {
        Some(p) => p.canonicalize().ok()?,
        None => std::env::current_dir().ok()?,
    };
    let start_dir = if start.is_file() {
        start.parent()?.to_path_buf()
    } else {
        start.clone()
    };
    if let Some(found) = start_dir
        .ancestors()
        .find(|d| d.join("api").is_dir() || d.join("resources").is_dir())
    {
        return Some(found.to_path_buf());
    }
    if paths.is_empty() {
        if let Some(ws) = super::workspace_root() {
            return Some(ws.join("docs-input"));
        }
    }
    Some(start_dir)
}

fn display_prefix(root: &Path) -> PathBuf {
    let canonical = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let cwd = std::env::current_dir()
        .and_then(|d| d.canonicalize())
        .unwrap_or_default();
    canonical
        .strip_prefix(&cwd)
        .map(Path::to_path_buf)
        .unwrap_or(canonical)
}

fn read_metadata(path: &Path) -> Result<Metadata, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the schema `{}`: {e}", path.display()))?;
    let schema = Schema::parse(&text).map_err(|e| format!("{}:{e}", path.display()))?;
    Ok(Metadata {
        schema,
        text,
        file: path.display().to_string(),
    })
}

/// Runs `check` and returns its exit status.
pub fn run(args: &CheckArgs) -> u8 {
    match run_inner(args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            EXIT_USAGE
        }
    }
}

fn run_inner(args: &CheckArgs) -> Result<u8, String> {
    if !inputs_exist(&args.paths) {
        return Ok(EXIT_USAGE);
    }
    let root = match &args.root {
        Some(root) => root.clone(),
        None => default_root(&args.paths).ok_or("cannot tell the docs root; pass --root DIR")?,
    };
    if !root.is_dir() {
        return Err(format!(
            "the docs root `{}` is not a folder",
            root.display()
        ));
    }
    let config = match &args.config {
        Some(path) => Config::read(path)?,
        None => match Config::find(&root.canonicalize().unwrap_or_else(|_| root.clone())) {
            Some(path) => Config::read(&path)?,
            None => Config::default(),
        },
    };
    let metadata = args.metadata.as_deref().map(read_metadata).transpose()?;
    let baseline = args
        .baseline
        .as_ref()
        .map(|path| {
            std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read the baseline `{}`: {e}", path.display()))
                .and_then(|text| {
                    Baseline::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
                })
        })
        .transpose()?;
    let run = crate::check::run(&root, &args.paths, metadata)?;
    let findings = config.apply(run.findings.clone());
    let entries = baseline::entries(&findings, |file, line| run.line_text(file, line));
    if let Some(path) = &args.write_baseline {
        let written = Baseline::new(entries.clone());
        std::fs::write(path, written.to_json())
            .map_err(|e| format!("cannot write the baseline `{}`: {e}", path.display()))?;
        eprintln!(
            "wrote {} finding(s) to the baseline `{}`",
            written.findings.len(),
            path.display()
        );
    }
    let (shown, baselined) = match &baseline {
        Some(b) => {
            let fresh = b.new_findings(&entries);
            let shown: Vec<_> = findings
                .iter()
                .zip(fresh)
                .filter(|(_, new)| *new)
                .map(|(d, _)| d.clone())
                .collect();
            let baselined = findings.len() - shown.len();
            (shown, baselined)
        }
        None => (findings, 0),
    };
    let prefix = display_prefix(&root);
    let metadata_file = run.metadata.as_ref().map(|m| m.file.clone());
    let display = |file: &str| {
        if metadata_file.as_deref() == Some(file) {
            file.to_string()
        } else {
            prefix.join(file).to_string_lossy().replace('\\', "/")
        }
    };
    let source = |file: &str| run.source(file);
    let report = Report {
        findings: &shown,
        files_checked: run.selected.len(),
        baselined,
        source: &source,
        display: &display,
    };
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    print!("{}", render::render(args.format, &report, color));
    let failed = shown.iter().any(|d| d.severity == Severity::Error);
    // The process ends here: the operating system reclaims the pages faster than dropping them.
    std::mem::forget(run);
    Ok(if failed { EXIT_FINDINGS } else { EXIT_OK })
}
