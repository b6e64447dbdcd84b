//! `graph-docgen check`: the consistency checker over pages or trees, with cross-page
//! references resolved against the whole docs root.

use super::{inputs_exist, to_stdout, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::check::baseline::{self, Baseline};
use crate::check::config::Config;
use crate::check::fix::{self, Applied};
use crate::check::metadata::Metadata;
use crate::check::render::{self, Format, Report};
use crate::diagnostics::Severity;
use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// When to colour the human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Color {
    /// When printing to a terminal and `NO_COLOR` is not set (or empty).
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
    /// Write the fixes that need no judgement into the pages, then report what is left.
    pub fix: bool,
    /// Colour.
    pub color: Color,
}

/// The docs root for `paths`: the nearest folder at or above the first path (or the current
/// folder) that holds an `api/` or `resources/` folder; else the first path itself, or with no
/// path the workspace's `docs-input/`.
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
        // Nothing says where the docs are: the workspace's own pages, or no guess at all (a
        // guess such as the current folder could walk a whole disk).
        return super::workspace_root().map(|ws| ws.join("docs-input"));
    }
    Some(start_dir)
}

/// The root as a path relative to the current folder (`../docs/v1.0`), for naming files the
/// way a reader at the prompt would; absolute when there is no common ancestor.
fn display_prefix(root: &Path) -> PathBuf {
    let canonical = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let canonical = crate::corpus::naming_base(&canonical);
    let Ok(cwd) = std::env::current_dir().and_then(|d| d.canonicalize()) else {
        return canonical.to_path_buf();
    };
    relative_to(canonical, &cwd)
}

/// `path` relative to `base` (both absolute), with `..` where needed.
pub fn relative_to(path: &Path, base: &Path) -> PathBuf {
    let path_parts: Vec<_> = path.components().collect();
    let base_parts: Vec<_> = base.components().collect();
    let common = path_parts
        .iter()
        .zip(&base_parts)
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return path.to_path_buf();
    }
    let mut out = PathBuf::new();
    for _ in common..base_parts.len() {
        out.push("..");
    }
    for part in &path_parts[common..] {
        out.push(part.as_os_str());
    }
    out
}

fn read_metadata(path: &Path) -> Result<Metadata, String> {
    let (schema, text) = super::read_schema(path)?;
    Ok(Metadata {
        schema,
        text,
        file: path.display().to_string(),
    })
}

/// Warns when the root is an `api/` or `resources/` folder: the pages of the other folder are
/// then not read, so every type they define is reported missing. The likely root, the folder
/// above, is named. `canonical` is the root's canonical path.
fn warn_of_a_page_folder_root(root: &Path, canonical: &Path) {
    let above = crate::corpus::naming_base(canonical);
    if above == canonical {
        return;
    }
    let name = canonical
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let above = display_prefix(root);
    let above = if above.as_os_str().is_empty() {
        ".".to_string()
    } else {
        above.display().to_string()
    };
    eprintln!(
        "warning: the docs root `{}` is a `{name}/` folder, so the pages beside it are not read \
         and the types they define are reported missing; the docs root is likely the folder \
         above it: pass --root {above}",
        root.display()
    );
}

/// How many times `--fix` checks and fixes the pages at most: each round fixes the first
/// fault of each payload, and payloads rarely hold more than two or three.
const FIX_ROUNDS: usize = 10;

/// What one check of the pages settles: everything needed to check again after fixes.
struct Checked<'a> {
    root: &'a Path,
    args: &'a CheckArgs,
    config: &'a Config,
    baseline: Option<&'a Baseline>,
}

/// One check's findings, configured and set against the baseline.
struct Outcome {
    run: crate::check::CheckRun,
    /// The baseline entries of every configured finding (empty unless a baseline is read or
    /// written).
    entries: Vec<baseline::Entry>,
    /// The findings to report: configured, and not accepted by the baseline.
    shown: Vec<crate::diagnostics::Diagnostic>,
    /// The findings the baseline accepted.
    accepted: Vec<crate::diagnostics::Diagnostic>,
}

impl Checked<'_> {
    /// Checks the pages once.
    fn once(&self, metadata: Option<Metadata>) -> Result<Outcome, String> {
        let run = crate::check::run(self.root, &self.args.paths, metadata)?;
        let findings = self.config.apply(run.findings.clone());
        // Fingerprints are worked out only when a baseline is read or written.
        let entries = if self.args.write_baseline.is_some() || self.baseline.is_some() {
            let schema = run.metadata.as_ref().map(|m| m.file.as_str());
            baseline::entries(&findings, schema, |file, line| run.line_text(file, line))
        } else {
            Vec::new()
        };
        let (shown, accepted) = match self.baseline {
            Some(b) => {
                let fresh = b.new_findings(&entries);
                findings
                    .into_iter()
                    .zip(fresh)
                    .partition::<Vec<_>, _>(|(_, new)| *new)
            }
            None => (
                findings.into_iter().map(|d| (d, true)).collect(),
                Vec::new(),
            ),
        };
        let shown: Vec<_> = shown.into_iter().map(|(d, _)| d).collect();
        let accepted: Vec<_> = accepted.into_iter().map(|(d, _)| d).collect();
        Ok(Outcome {
            run,
            entries,
            shown,
            accepted,
        })
    }
}

/// `--fix`: writes the fixes of the reported findings, checks the pages again, and goes on
/// while fixes are written (a fix can reveal the next fault of a payload), up to
/// [`FIX_ROUNDS`] rounds; `outcome` ends as the last check's. Tells what was fixed on stderr.
fn fix_pages(checked: &Checked<'_>, root: &Path, outcome: &mut Outcome) -> Result<(), String> {
    let pages = crate::corpus::naming_base(root).to_path_buf();
    // What the baseline accepted at first stays accepted, neither fixed nor reported, even
    // once a fix on its line has changed the line it is keyed by (fixes never add or remove
    // lines, so a finding keeps its place).
    let accepted: HashSet<(String, &'static str, usize)> = outcome
        .accepted
        .iter()
        .map(|d| (d.file.clone(), d.code, d.line))
        .collect();
    let mut fixed = Applied::default();
    let mut rounds = 0;
    loop {
        let fixable = outcome.shown.iter().filter(|d| d.fix.is_some()).count();
        if fixable == 0 {
            break;
        }
        if rounds == FIX_ROUNDS {
            eprintln!(
                "warning: {fixable} finding(s) are still fixable after {FIX_ROUNDS} rounds: \
                 run `check --fix` again"
            );
            break;
        }
        rounds += 1;
        let run = &outcome.run;
        let is_schema = |file: &str| run.metadata.as_ref().is_some_and(|m| m.file == file);
        let applied = fix::apply(&outcome.shown, |file| {
            let text = run.source(file).filter(|_| !is_schema(file))?;
            Some((pages.join(file), text))
        });
        let written = applied.fixes;
        fixed.add(applied);
        if written == 0 {
            break;
        }
        // The schema is read once: each round hands it to the next.
        let metadata = outcome.run.metadata.take();
        *outcome = checked.once(metadata)?;
        outcome.keep_accepted(&accepted);
    }
    for (path, why) in &fixed.left {
        eprintln!("warning: `{}` was not fixed: {why}", path.display());
    }
    eprintln!(
        "fixed {} finding(s) in {} page(s)",
        fixed.fixes,
        fixed.files.len()
    );
    Ok(())
}

impl Outcome {
    /// Moves the shown findings at a place and of a code in `accepted` to the accepted ones.
    fn keep_accepted(&mut self, accepted: &HashSet<(String, &'static str, usize)>) {
        if accepted.is_empty() {
            return;
        }
        let (still_accepted, shown) = std::mem::take(&mut self.shown)
            .into_iter()
            .partition(|d| accepted.contains(&(d.file.clone(), d.code, d.line)));
        self.shown = shown;
        self.accepted.extend::<Vec<_>>(still_accepted);
    }
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

/// Checks that every path given names a markdown page or a folder, printing a clear error for
/// each that does not (a page is a regular `.md` file; anything else would be skipped
/// silently, and the run would pass having checked nothing).
fn pages_or_folders(paths: &[PathBuf]) -> bool {
    let mut ok = true;
    for path in paths {
        let Ok(metadata) = std::fs::metadata(path) else {
            continue;
        };
        let problem = if metadata.is_dir() {
            continue;
        } else if !metadata.is_file() {
            "is not a regular file"
        } else if !path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"))
        {
            "is not a markdown page (`.md`)"
        } else {
            continue;
        };
        eprintln!(
            "error: `{}` {problem}; name pages or folders to check",
            path.display()
        );
        ok = false;
    }
    ok
}

fn run_inner(args: &CheckArgs) -> Result<u8, String> {
    if !inputs_exist(&args.paths) || !pages_or_folders(&args.paths) {
        return Ok(EXIT_USAGE);
    }
    let root = match &args.root {
        Some(root) => root.clone(),
        None => default_root(&args.paths)
            .ok_or("cannot tell where the docs are: pass a PATH or --root DIR")?,
    };
    if !root.is_dir() {
        return Err(format!(
            "the docs root `{}` is not a folder",
            root.display()
        ));
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.clone());
    warn_of_a_page_folder_root(&root, &canonical_root);
    let config = match &args.config {
        Some(path) => Config::read(path)?,
        None => match Config::find(&canonical_root) {
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
    let checked = Checked {
        root: &root,
        args,
        config: &config,
        baseline: baseline.as_ref(),
    };
    let mut outcome = checked.once(metadata)?;
    if args.fix {
        fix_pages(&checked, &canonical_root, &mut outcome)?;
    }
    let Outcome {
        run,
        entries,
        shown,
        accepted,
    } = outcome;
    let baselined = accepted.len();
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
        files_checked: run.selected.iter().filter(|f| !config.ignores(f)).count(),
        baselined,
        source: &source,
        display: &display,
    };
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        // no-color.org: a `NO_COLOR` that is set but empty asks for nothing.
        Color::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let rendered = render::render(args.format, &report, color);
    if args.format == Format::Github {
        write_job_summary(&render::github::summary(&report));
    }
    let failed = shown.iter().any(|d| d.severity == Severity::Error);
    let status = to_stdout(if failed { EXIT_FINDINGS } else { EXIT_OK }, |out| {
        out.write_all(rendered.as_bytes())
    });
    // The process ends here: the operating system reclaims the pages faster than dropping them.
    std::mem::forget(run);
    Ok(status)
}

/// Appends `summary` to the file GitHub Actions names in `GITHUB_STEP_SUMMARY`, when it names
/// one. The findings are already in the annotations, so a summary that cannot be written is
/// warned of and the run goes on.
fn write_job_summary(summary: &str) {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return;
    };
    let written = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path)
        .and_then(|mut file| file.write_all(summary.as_bytes()));
    if let Err(e) = written {
        eprintln!(
            "warning: cannot write the job summary to `{}`: {e}",
            Path::new(&path).display()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::relative_to;
    use std::path::Path;

    #[test]
    fn roots_are_named_relative_to_the_current_folder() {
        let rel = |p: &str, b: &str| relative_to(Path::new(p), Path::new(b));
        assert_eq!(rel("/w/docs/v1.0", "/w"), Path::new("docs/v1.0"));
        assert_eq!(
            rel("/w/docs-input", "/w/generator"),
            Path::new("../docs-input")
        );
        assert_eq!(rel("/w", "/w"), Path::new(""));
    }
}
