//! `--format github`: one GitHub Actions workflow command per finding, which the runner turns
//! into an annotation on the pull request's diff, and a job summary in markdown.
//!
//! GitHub shows only the first few annotations of a step (ten of each severity), so the job
//! summary counts every finding by rule and by page: what the annotations leave out.

use super::{counts_line, Report};
use crate::check::rules;
use crate::diagnostics::Severity;
use std::collections::BTreeMap;

/// The most pages the job summary lists; the rest are counted in one line.
const SUMMARY_PAGES: usize = 30;

/// Escapes a message (data) of a workflow command.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Renders the report as workflow commands.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for d in report.findings {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let title = match rules::find(d.code) {
            Some(r) => format!("{} {}", r.code, r.name),
            None => d.code.to_string(),
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        out.push_str(&format!(
            "::{command} file={},line={},col={},title={}::{}\n",
            property(&(report.display)(&d.file)),
            d.line,
            d.column,
            property(&title),
            data(&message)
        ));
    }
    out
}

/// Renders the report as a job summary (GitHub's `$GITHUB_STEP_SUMMARY`): the counts, the
/// findings per rule, and the pages with the most findings.
pub fn summary(report: &Report) -> String {
    let mut out = format!("### graph-docgen check\n\n{}", counts_line(report));
    if report.baselined > 0 {
        out.push_str(&format!(" ({} accepted by the baseline)", report.baselined));
    }
    out.push_str(".\n");
    if report.findings.is_empty() {
        return out;
    }
    // A rule's findings share its configured severity.
    let mut by_rule: BTreeMap<&str, (Severity, usize)> = BTreeMap::new();
    let mut by_page: BTreeMap<&str, usize> = BTreeMap::new();
    for d in report.findings {
        by_rule.entry(d.code).or_insert((d.severity, 0)).1 += 1;
        *by_page.entry(d.file.as_str()).or_default() += 1;
    }
    out.push_str("\n| Rule | Severity | Findings |\n|---|---|---:|\n");
    for (code, (severity, n)) in &by_rule {
        let name = rules::find(code).map_or("", |r| r.name);
        out.push_str(&format!("| {code} `{name}` | {severity} | {n} |\n"));
    }
    let mut pages: Vec<(&str, usize)> = by_page.into_iter().collect();
    // Most findings first; pages with as many in path order.
    pages.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    out.push_str("\n| Page | Findings |\n|---|---:|\n");
    for (file, n) in pages.iter().take(SUMMARY_PAGES) {
        // A `|` would end the cell, even inside a code span.
        let page = (report.display)(file).replace('|', "\\|");
        out.push_str(&format!("| `{page}` | {n} |\n"));
    }
    if pages.len() > SUMMARY_PAGES {
        let rest: usize = pages[SUMMARY_PAGES..].iter().map(|(_, n)| n).sum();
        out.push_str(&format!(
            "\n{rest} more findings on {} more pages.\n",
            pages.len() - SUMMARY_PAGES
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostic;

    #[test]
    fn commands_escape_their_properties_and_data() {
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
        assert_eq!(data("50%\nnext"), "50%25%0Anext");
    }

    #[test]
    fn the_job_summary_lists_the_pages_with_most_findings_and_counts_the_rest() {
        // Page 0 has 1 finding, page 1 has 2, ... page 39 has 40.
        let findings: Vec<Diagnostic> = (0..40)
            .flat_map(|page| {
                (0..=page).map(move |line| Diagnostic {
                    file: format!("api/page-{page:02}.md"),
                    line: line + 1,
                    column: 1,
                    code: crate::codes::TODO_MARKER,
                    severity: Severity::Warning,
                    message: "TODO".into(),
                    help: None,
                    fix: None,
                    also_at: Vec::new(),
                })
            })
            .collect();
        let source = |_: &str| None;
        let display = |file: &str| file.to_string();
        let report = Report {
            findings: &findings,
            files_checked: 50,
            baselined: 0,
            source: &source,
            display: &display,
        };
        let summary = summary(&report);
        assert!(summary.contains("0 errors, 820 warnings, 0 notes in 50 checked pages."));
        assert!(summary.contains("| GD1802 `todo-marker` | warning | 820 |"));
        let pages: Vec<&str> = summary.lines().filter(|l| l.starts_with("| `")).collect();
        assert_eq!(pages.len(), SUMMARY_PAGES);
        assert_eq!(pages[0], "| `api/page-39.md` | 40 |");
        assert_eq!(pages[SUMMARY_PAGES - 1], "| `api/page-10.md` | 11 |");
        // Pages 0 to 9 hold 1 + 2 + ... + 10 findings.
        assert!(
            summary.ends_with("\n55 more findings on 10 more pages.\n"),
            "{summary}"
        );
    }
}
