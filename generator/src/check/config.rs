//! `graph-docgen.toml`: per-rule severities, rules turned on or off, and paths to ignore.
//!
//! ```toml
//! # Paths relative to the docs root; `*` stays within a folder, `**` crosses folders.
//! ignore = ["api/intune-*.md"]
//!
//! [rules]
//! unknown-payload-property = "error"   # by name or by code
//! GD1802 = "off"
//! empty-description = "note"           # a rule off by default is turned on by a severity
//! ```

use super::rules::{self, Rule};
use crate::diagnostics::{Diagnostic, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file name looked for in the docs root and its ancestors.
pub const FILE_NAME: &str = "graph-docgen.toml";

/// What a configuration says about one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Setting {
    /// Do not report it.
    Off,
    /// Report it with its default severity (turns on a rule that is off by default).
    On,
    /// Report it as a note.
    Note,
    /// Report it as a warning.
    Warning,
    /// Report it as an error.
    Error,
}

/// A parsed `graph-docgen.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Glob patterns of root-relative paths whose findings are dropped.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Settings by rule code or name.
    #[serde(default)]
    pub rules: BTreeMap<String, Setting>,
}

impl Config {
    /// Parses a configuration; unknown keys and rules are errors, so typos do not pass
    /// silently.
    pub fn parse(text: &str) -> Result<Config, String> {
        let config: Config = toml::from_str(text).map_err(|e| e.to_string())?;
        for key in config.rules.keys() {
            if rules::find(key).is_none() {
                return Err(format!(
                    "unknown rule `{key}` (see `graph-docgen explain --list`)"
                ));
            }
        }
        Ok(config)
    }

    /// Reads a configuration file.
    pub fn read(path: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        Config::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The nearest `graph-docgen.toml` in `dir` or an ancestor.
    pub fn find(dir: &Path) -> Option<PathBuf> {
        dir.ancestors()
            .map(|d| d.join(FILE_NAME))
            .find(|f| f.is_file())
    }

    fn setting(&self, rule: &Rule) -> Option<Setting> {
        self.rules.iter().find_map(|(key, setting)| {
            (key.eq_ignore_ascii_case(rule.code) || key.eq_ignore_ascii_case(rule.name))
                .then_some(*setting)
        })
    }

    /// Whether a rule runs, and at which severity.
    pub fn severity(&self, rule: &Rule) -> Option<Severity> {
        match self.setting(rule) {
            Some(Setting::Off) => None,
            Some(Setting::On) => Some(rule.severity),
            Some(Setting::Note) => Some(Severity::Note),
            Some(Setting::Warning) => Some(Severity::Warning),
            Some(Setting::Error) => Some(Severity::Error),
            None => rule.enabled.then_some(rule.severity),
        }
    }

    /// Whether `file` (root-relative) matches an `ignore` pattern.
    pub fn ignores(&self, file: &str) -> bool {
        self.ignore.iter().any(|p| glob_match(p, file))
    }

    /// Drops findings of rules that are off and of ignored paths; sets severities.
    pub fn apply(&self, findings: Vec<Diagnostic>) -> Vec<Diagnostic> {
        findings
            .into_iter()
            .filter(|d| !self.ignores(&d.file))
            .filter_map(|mut d| {
                let rule = rules::find(d.code)?;
                d.severity = self.severity(rule)?;
                Some(d)
            })
            .collect()
    }
}

/// Matches a root-relative path against a glob: `*` and `?` stay within a path segment, `**`
/// crosses segments. A pattern without `/` also matches the file name alone.
pub fn glob_match(pattern: &str, path: &str) -> bool {
    let pattern = pattern.trim().trim_start_matches("./");
    if matches(pattern.as_bytes(), path.as_bytes()) {
        return true;
    }
    !pattern.contains('/')
        && path
            .rsplit('/')
            .next()
            .is_some_and(|name| matches(pattern.as_bytes(), name.as_bytes()))
}

fn matches(pattern: &[u8], text: &[u8]) -> bool {
    match pattern.split_first() {
        None => text.is_empty(),
        Some((b'*', rest)) if rest.first() == Some(&b'*') => {
            let rest = &rest[1..];
            let rest = rest.strip_prefix(b"/").unwrap_or(rest);
            (0..=text.len()).any(|i| matches(rest, &text[i..]))
        }
        Some((b'*', rest)) => {
            let limit = text.iter().position(|c| *c == b'/').unwrap_or(text.len());
            (0..=limit).any(|i| matches(rest, &text[i..]))
        }
        Some((b'?', rest)) => text
            .split_first()
            .is_some_and(|(c, t)| *c != b'/' && matches(rest, t)),
        Some((c, rest)) => text
            .split_first()
            .is_some_and(|(t, ts)| t.eq_ignore_ascii_case(c) && matches(rest, ts)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_within_and_across_folders() {
        assert!(glob_match("api/intune-*.md", "api/intune-apps-x.md"));
        assert!(!glob_match("api/*.md", "api/sub/x.md"));
        assert!(glob_match("**/x.md", "api/sub/x.md"));
        assert!(glob_match("intune-*.md", "resources/intune-y.md"));
        assert!(!glob_match("intune-*.md", "resources/user.md"));
    }

    #[test]
    fn settings_turn_rules_off_on_and_change_severity() {
        let config = Config::parse(
            "ignore = [\"api/skip.md\"]\n[rules]\nGD1802 = \"off\"\nempty-description = \"warning\"\nunknown-payload-property = \"error\"\n",
        )
        .expect("valid config");
        let todo = rules::find("todo-marker").expect("rule");
        let empty = rules::find("empty-description").expect("rule");
        let unknown = rules::find("GD1401").expect("rule");
        assert_eq!(config.severity(todo), None);
        assert_eq!(config.severity(empty), Some(Severity::Warning));
        assert_eq!(config.severity(unknown), Some(Severity::Error));
        assert_eq!(Config::default().severity(empty), None, "off by default");
    }

    #[test]
    fn unknown_rules_and_keys_are_errors() {
        assert!(Config::parse("[rules]\nno-such-rule = \"off\"\n").is_err());
        assert!(Config::parse("ignored = []\n").is_err());
        assert!(Config::parse("[rules]\nGD1802 = \"loud\"\n").is_err());
    }
}
