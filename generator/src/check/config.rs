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
use toml::Spanned;

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
    /// Settings by rule code or name, each key with where it is in the file.
    #[serde(default)]
    pub rules: BTreeMap<Spanned<String>, Setting>,
}

impl Config {
    /// Parses a configuration; unknown keys and rules are errors, so typos do not pass
    /// silently, and so is a rule set twice (by code and by name, or in two spellings), so
    /// that no setting is silently dropped.
    pub fn parse(text: &str) -> Result<Config, String> {
        let config: Config = toml::from_str(text).map_err(|e| e.to_string())?;
        // In file order, so that a rule set twice is reported where it is set again.
        let mut keys: Vec<&Spanned<String>> = config.rules.keys().collect();
        keys.sort_by_key(|key| key.span().start);
        let mut seen: Vec<(&Rule, &Spanned<String>)> = Vec::new();
        for key in keys {
            let at = Position::of(text, key.span().start);
            let Some(rule) = rules::find(key.get_ref()) else {
                return Err(format!(
                    "{at}: unknown rule `{}` (see `graph-docgen explain --list`)",
                    key.get_ref()
                ));
            };
            if let Some((_, first)) = seen.iter().find(|(r, _)| r.code == rule.code) {
                return Err(format!(
                    "{at}: rule {} ({}) is set twice, as `{}` on line {} and as `{}` on line {}; \
                     keep one",
                    rule.code,
                    rule.name,
                    first.get_ref(),
                    Position::of(text, first.span().start).line,
                    key.get_ref(),
                    at.line,
                ));
            }
            seen.push((rule, key));
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
            let key = key.get_ref();
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

/// A 1-based line and column in a configuration file, as TOML errors give them.
#[derive(Debug, Clone, Copy)]
struct Position {
    line: usize,
    column: usize,
}

impl Position {
    /// The position of byte `offset` of `text` (columns count characters).
    fn of(text: &str, offset: usize) -> Position {
        let before = text.get(..offset).unwrap_or(text);
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
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
    fn a_rule_set_twice_by_code_and_name_or_two_spellings_is_an_error_with_its_line() {
        let error = Config::parse("[rules]\nbroken-link = \"warning\"\nGD1702 = \"error\"\n")
            .expect_err("set twice");
        assert!(error.starts_with("line 3, column 1: "), "{error}");
        assert!(error.contains("`broken-link` on line 2"), "{error}");
        assert!(error.contains("`GD1702` on line 3"), "{error}");
        let error = Config::parse("[rules]\nGD1702 = \"off\"\ngd1702 = \"error\"\n")
            .expect_err("two spellings");
        assert!(error.contains("set twice"), "{error}");
        assert!(Config::parse("[rules]\nGD1702 = \"off\"\nGD1401 = \"error\"\n").is_ok());
    }

    #[test]
    fn an_unknown_rule_is_named_with_its_line() {
        let error = Config::parse("ignore = []\n[rules]\n  no-such-rule = \"off\"\n")
            .expect_err("unknown rule");
        assert!(
            error.starts_with("line 3, column 3: unknown rule `no-such-rule`"),
            "{error}"
        );
    }

    #[test]
    fn unknown_rules_and_keys_are_errors() {
        assert!(Config::parse("[rules]\nno-such-rule = \"off\"\n").is_err());
        assert!(Config::parse("ignored = []\n").is_err());
        assert!(Config::parse("[rules]\nGD1802 = \"loud\"\n").is_err());
    }
}
