//! Printing findings: for people (rustc-style, with the source line and a caret), as JSON,
//! as SARIF 2.1.0 for code-scanning tools, and as GitHub workflow annotations.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::diagnostics::{Diagnostic, Severity};

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style messages with the source line, a caret and a help line.
    Human,
    /// One JSON object: `diagnostics` and a `summary`.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=...`).
    Github,
}

/// What a renderer needs besides the findings.
pub struct Report<'a> {
    /// Findings to print, sorted.
    pub findings: &'a [Diagnostic],
    /// Pages checked.
    pub files_checked: usize,
    /// Findings left out because the baseline accepts them.
    pub baselined: usize,
    /// The text of a file named by a finding.
    pub source: &'a dyn Fn(&str) -> Option<&'a str>,
    /// How to name a file to the reader (relative to where the command runs).
    pub display: &'a dyn Fn(&str) -> String,
}

/// Counts by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Note findings.
    pub notes: usize,
}

impl Counts {
    /// Counts `findings`.
    pub fn of(findings: &[Diagnostic]) -> Self {
        let mut c = Counts::default();
        for d in findings {
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Note => c.notes += 1,
            }
        }
        c
    }
}

/// The counts of a report in words: "1 error, 2 warnings, 0 notes in 3 checked pages".
pub fn counts_line(report: &Report) -> String {
    let c = Counts::of(report.findings);
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    format!(
        "{} error{}, {} warning{}, {} note{} in {} checked page{}",
        c.errors,
        plural(c.errors),
        c.warnings,
        plural(c.warnings),
        c.notes,
        plural(c.notes),
        report.files_checked,
        plural(report.files_checked)
    )
}

/// Renders a report in `format`.
pub fn render(format: Format, report: &Report, color: bool) -> String {
    match format {
        Format::Human => human::render(report, color),
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report),
        Format::Github => github::render(report),
    }
}

/// The 1-based line `line` of `text`.
pub fn line_of(text: &str, line: usize) -> Option<&str> {
    text.lines().nth(line.checked_sub(1)?)
}
