//! `--format sarif`: SARIF 2.1.0 (one run, every rule described, one result per finding), as
//! GitHub code scanning reads it.

use super::Report;
use crate::check::baseline;
use crate::check::rules::RULES;
use crate::diagnostics::{Fix, Severity};
use serde_json::{json, Value};

/// The SARIF schema this output follows.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// Percent-encodes what a relative URI reference cannot hold as is.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.replace('\\', "/").chars() {
        match c {
            'A'..='Z'
            | 'a'..='z'
            | '0'..='9'
            | '-'
            | '.'
            | '_'
            | '~'
            | '/'
            | '('
            | ')'
            | '@'
            | '+'
            | '!'
            | '$'
            | '&'
            | '\''
            | '*'
            | ','
            | ';'
            | '='
            | ':' => out.push(c),
            other => {
                let mut buf = [0u8; 4];
                for b in other.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
        }
    }
    out
}

/// Renders the report as a SARIF log.
pub fn render(report: &Report) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.explanation },
                "help": { "text": r.explanation, "markdown": r.explanation },
                "defaultConfiguration": {
                    "level": level(r.severity),
                    "enabled": r.enabled,
                },
            })
        })
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|d| {
            let rule_index = RULES.iter().position(|r| r.code == d.code);
            let line_text = (report.source)(&d.file)
                .and_then(|t| super::line_of(t, d.line))
                .unwrap_or("");
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str(&format!(" Help: {help}"));
            }
            let mut result = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&(report.display)(&d.file)) },
                        "region": { "startLine": d.line.max(1), "startColumn": d.column.max(1) },
                    }
                }],
                "partialFingerprints": {
                    "graphDocgenLine/v1": baseline::fingerprint(line_text),
                },
            });
            if let (Some(i), Some(obj)) = (rule_index, result.as_object_mut()) {
                obj.insert("ruleIndex".into(), json!(i));
            }
            if let (false, Some(obj)) = (d.also_at.is_empty(), result.as_object_mut()) {
                let uri = uri(&(report.display)(&d.file));
                let related: Vec<Value> = d
                    .also_at
                    .iter()
                    .enumerate()
                    .map(|(id, place)| {
                        json!({
                            "id": id,
                            "message": { "text": "the same finding" },
                            "physicalLocation": {
                                "artifactLocation": { "uri": uri },
                                "region": {
                                    "startLine": place.line.max(1),
                                    "startColumn": place.column.max(1),
                                },
                            },
                        })
                    })
                    .collect();
                obj.insert("relatedLocations".into(), json!(related));
            }
            if let (Some(fix), Some(obj)) = (&d.fix, result.as_object_mut()) {
                obj.insert(
                    "fixes".into(),
                    sarif_fix(fix, &uri(&(report.display)(&d.file)), d),
                );
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "graph-docgen",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            // Columns count characters, as every format of this tool does; SARIF's default
            // unit is UTF-16 code units.
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}

/// A finding's fix as SARIF `fixes`: one artifact change, its edits as byte regions.
fn sarif_fix(fix: &Fix, uri: &str, d: &crate::diagnostics::Diagnostic) -> Value {
    let replacements: Vec<Value> = fix
        .edits
        .iter()
        .map(|e| {
            json!({
                "deletedRegion": { "byteOffset": e.start, "byteLength": e.end - e.start },
                "insertedContent": { "text": e.replacement },
            })
        })
        .collect();
    json!([{
        "description": { "text": d.help.as_deref().unwrap_or("the fix `check --fix` writes") },
        "artifactChanges": [{
            "artifactLocation": { "uri": uri },
            "replacements": replacements,
        }],
    }])
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("api/a b.md"), "api/a%20b.md");
        assert_eq!(uri("..\\x\\y.md"), "../x/y.md");
    }
}
