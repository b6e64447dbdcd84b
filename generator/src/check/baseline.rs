//! Baselines: accept the findings a tree has today so that CI fails only on new ones.
//!
//! A finding is keyed by its code, its file and a fingerprint of the trimmed source line it
//! points at, plus its occurrence among findings with the same key. Message text is not part
//! of the key (rewording a message keeps the baseline), nor is the line number (editing
//! above a finding keeps it accepted). A page is named by its root-relative path, the schema
//! by its file name alone, so a baseline matches from any working folder.

use crate::diagnostics::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The key of one accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    /// Rule code.
    pub code: String,
    /// Root-relative page, or the schema's file name (see [`file_key`]).
    pub file: String,
    /// FNV-1a hash of the trimmed source line, as 16 hex digits.
    pub fingerprint: String,
    /// Index among findings with the same code, file and fingerprint, in line order.
    pub occurrence: usize,
}

/// A baseline file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// Format version (1).
    pub version: u32,
    /// The accepted findings, sorted.
    pub findings: Vec<Entry>,
}

/// FNV-1a (64-bit): stable across runs and platforms, unlike the standard hasher.
fn fnv1a(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The fingerprint of a source line.
pub fn fingerprint(line_text: &str) -> String {
    format!("{:016x}", fnv1a(line_text.trim()))
}

/// How a baseline names the file of a finding on `file`: a page by its root-relative path, as
/// findings do; the schema (`schema`, as findings name it: the `--metadata` path as given) by
/// its file name alone, so that a baseline matches however the path to the schema is spelled
/// and from whichever folder the run starts.
pub fn file_key<'a>(file: &'a str, schema: Option<&str>) -> &'a str {
    if schema != Some(file) {
        return file;
    }
    Path::new(file)
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or(file)
}

/// The baseline entries of `findings` (sorted by file and position), in the same order;
/// `schema` is how findings name the schema file, if one was read, and `line_text` gives the
/// source line a finding points at.
pub fn entries<'a>(
    findings: &[Diagnostic],
    schema: Option<&str>,
    line_text: impl Fn(&str, usize) -> Option<&'a str>,
) -> Vec<Entry> {
    let mut seen: HashMap<(String, String, String), usize> = HashMap::new();
    findings
        .iter()
        .map(|d| {
            let fingerprint = fingerprint(line_text(&d.file, d.line).unwrap_or_default());
            let file = file_key(&d.file, schema).to_string();
            let key = (d.code.to_string(), file.clone(), fingerprint.clone());
            let occurrence = seen.entry(key).or_default();
            let entry = Entry {
                code: d.code.to_string(),
                file,
                fingerprint,
                occurrence: *occurrence,
            };
            *occurrence += 1;
            entry
        })
        .collect()
}

impl Baseline {
    /// A baseline accepting these entries.
    pub fn new(mut entries: Vec<Entry>) -> Self {
        entries.sort();
        Baseline {
            version: 1,
            findings: entries,
        }
    }

    /// Parses a baseline file.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let baseline: Baseline =
            serde_json::from_str(text).map_err(|e| format!("not a baseline file: {e}"))?;
        if baseline.version != 1 {
            return Err(format!(
                "baseline version {} is not supported",
                baseline.version
            ));
        }
        Ok(baseline)
    }

    /// The baseline as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// Which of `entries` the baseline does not accept (`true` = new).
    pub fn new_findings(&self, entries: &[Entry]) -> Vec<bool> {
        let accepted: HashSet<&Entry> = self.findings.iter().collect();
        entries.iter().map(|e| !accepted.contains(e)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Severity;

    fn finding(line: usize, message: &str) -> Diagnostic {
        Diagnostic {
            file: "api/x.md".into(),
            line,
            column: 1,
            code: "GD1401",
            severity: Severity::Warning,
            message: message.into(),
            help: None,
            fix: None,
            also_at: Vec::new(),
        }
    }

    #[test]
    fn findings_survive_line_shifts_and_rewording() {
        const BEFORE: [&str; 4] = ["a", "  \"naem\": 1", "b", "  \"naem\": 1"];
        const AFTER: [&str; 6] = [
            "new line",
            "a",
            "  \"naem\": 1",
            "b",
            "  \"naem\": 1",
            "  \"other\": 2",
        ];
        let text =
            |lines: &'static [&'static str]| move |_: &str, l: usize| lines.get(l - 1).copied();
        let old = entries(
            &[finding(2, "old wording"), finding(4, "old wording")],
            None,
            text(&BEFORE),
        );
        let baseline = Baseline::new(old);
        let new = entries(
            &[
                finding(3, "new wording"),
                finding(5, "new wording"),
                finding(6, "x"),
            ],
            None,
            text(&AFTER),
        );
        assert_eq!(baseline.new_findings(&new), [false, false, true]);
    }

    #[test]
    fn schema_findings_are_keyed_by_the_schema_file_name_however_its_path_is_spelled() {
        let on = |file: &str| Diagnostic {
            file: file.into(),
            code: "GD2002",
            ..finding(3, "m")
        };
        let key = |file: &str| entries(&[on(file)], Some(file), |_, _| Some("<EntityType/>"));
        let written = Baseline::new(key("../meta.xml"));
        for spelling in ["./../meta.xml", "/srv/schemas/meta.xml", "meta.xml"] {
            assert_eq!(written.new_findings(&key(spelling)), [false], "{spelling}");
        }
        assert_eq!(written.findings[0].file, "meta.xml");
        let page = entries(&[finding(1, "m")], Some("../meta.xml"), |_, _| Some("x"));
        assert_eq!(
            page[0].file, "api/x.md",
            "pages keep their root-relative path"
        );
    }

    #[test]
    fn a_baseline_round_trips_through_json() {
        let baseline = Baseline::new(entries(&[finding(1, "m")], None, |_, _| Some("line")));
        assert_eq!(
            Baseline::parse(&baseline.to_json()).expect("parses"),
            baseline
        );
        assert!(Baseline::parse("{}").is_err());
    }
}
