//! `--format json`: one object with `diagnostics` and a `summary`. The fields are a contract.
//! A finding's `fix`, when it has one, gives the edits `check --fix` writes (byte offsets in
//! the file); `also_at` lists the other places of a finding that stands for several.

use super::{Counts, Report};
use crate::check::rules;
use serde_json::{json, Map, Value};

/// Renders the report as pretty JSON.
pub fn render(report: &Report) -> String {
    let diagnostics: Vec<Value> = report
        .findings
        .iter()
        .map(|d| {
            json!({
                "code": d.code,
                "rule": rules::find(d.code).map_or("", |r| r.name),
                "severity": d.severity,
                "file": (report.display)(&d.file),
                "line": d.line,
                "column": d.column,
                "message": d.message,
                "help": d.help,
                "fix": d.fix,
                "also_at": d.also_at,
            })
        })
        .collect();
    let c = Counts::of(report.findings);
    let mut by_rule = Map::new();
    for d in report.findings {
        let entry = by_rule.entry(d.code).or_insert(json!(0));
        *entry = json!(entry.as_u64().unwrap_or(0) + 1);
    }
    let document = json!({
        "diagnostics": diagnostics,
        "summary": {
            "files_checked": report.files_checked,
            "errors": c.errors,
            "warnings": c.warnings,
            "notes": c.notes,
            "baselined": report.baselined,
            "by_rule": by_rule,
        }
    });
    serde_json::to_string_pretty(&document).unwrap_or_default() + "\n"
}
