//! `graph-docgen.toml`: per-rule severities, rules turned on or off, and paths to ignore.
//!
//! ```toml
//! # Paths relative to the docs root, as `.gitignore` reads them: `*` stays within a folder,
//! # `**` crosses folders, a folder's pattern ignores what it holds, a bare name matches at
//! # any depth.
//! ignore = ["api/intune-*.md"]
//!
//! [rules]
//! unknown-payload-property = "error"   # by name or by code
//! GD1802 = "off"
//! empty-description = "note"           # a rule off by default is turned on by a severity
//! ```

use super::rules::{self, Rule};
use crate::diagnostics::{Diagnostic, Severity};
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
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
    /// Glob patterns of root-relative paths whose findings are dropped, each with where it is
    /// in the file.
    #[serde(default)]
    pub ignore: Vec<Spanned<String>>,
    /// Settings by rule code or name, each key with where it is in the file.
    #[serde(default)]
    pub rules: BTreeMap<Spanned<String>, Setting>,
    /// The `ignore` patterns, compiled by [`Config::parse`].
    #[serde(skip)]
    ignored: GlobSet,
}

impl Config {
    /// Parses a configuration; unknown keys and rules are errors, so typos do not pass
    /// silently, and so is a rule set twice (by code and by name, or in two spellings), so
    /// that no setting is silently dropped.
    pub fn parse(text: &str) -> Result<Config, String> {
        let mut config: Config = toml::from_str(text).map_err(|e| e.to_string())?;
        config.ignored = ignore_set(text, &config.ignore)?;
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
        !self.ignored.is_empty() && self.ignored.is_match(file)
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

/// Compiles the `ignore` patterns, as `.gitignore` reads them: `*` and `?` stay within a
/// folder, `**` crosses folders, a pattern that names a folder ignores what it holds, and a
/// pattern without `/` matches a file or folder name at any depth. ASCII case is ignored.
fn ignore_set(text: &str, patterns: &[Spanned<String>]) -> Result<GlobSet, String> {
    let mut set = GlobSetBuilder::new();
    for pattern in patterns {
        let written = pattern.get_ref().trim();
        let trimmed = written.trim_start_matches("./").trim_end_matches('/');
        let anywhere = !trimmed.contains('/');
        let forms = [
            Some(trimmed.to_string()),
            Some(format!("{trimmed}/**")),
            anywhere.then(|| format!("**/{trimmed}")),
            anywhere.then(|| format!("**/{trimmed}/**")),
        ];
        for form in forms.into_iter().flatten() {
            let glob = GlobBuilder::new(&form)
                .literal_separator(true)
                .case_insensitive(true)
                .build()
                .map_err(|e| {
                    let at = Position::of(text, pattern.span().start);
                    format!(
                        "{at}: the ignore pattern `{written}` is not a glob: {}",
                        e.kind()
                    )
                })?;
            set.add(glob);
        }
    }
    set.build().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ignoring(pattern: &str) -> Config {
        Config::parse(&format!("ignore = [{pattern:?}]\n")).expect("a valid pattern")
    }

    #[test]
    fn ignore_patterns_match_within_and_across_folders() {
        assert!(ignoring("api/intune-*.md").ignores("api/intune-apps-x.md"));
        assert!(!ignoring("api/*.md").ignores("api/sub/x.md"));
        assert!(ignoring("**/x.md").ignores("api/sub/x.md"));
        assert!(ignoring("intune-*.md").ignores("resources/intune-y.md"));
        assert!(!ignoring("intune-*.md").ignores("resources/user.md"));
        assert!(
            ignoring("API/User-*.md").ignores("api/user-get.md"),
            "case aside"
        );
    }

    #[test]
    fn an_ignored_folder_ignores_what_it_holds() {
        for pattern in ["api", "api/", "./api", "api/**"] {
            let config = ignoring(pattern);
            assert!(config.ignores("api/user-get.md"), "{pattern}");
            assert!(!config.ignores("resources/user.md"), "{pattern}");
        }
        assert!(
            ignoring("drafts").ignores("api/drafts/x.md"),
            "a name at any depth"
        );
        assert!(!ignoring("api/drafts").ignores("beta/api/x.md"));
    }

    #[test]
    fn an_ignore_pattern_that_is_no_glob_is_an_error_with_its_line() {
        let error = Config::parse("ignore = [\n  \"api/[x.md\",\n]\n").expect_err("unclosed class");
        assert!(
            error.starts_with("line 2, column 3: the ignore pattern `api/[x.md`"),
            "{error}"
        );
    }

    #[test]
    fn a_long_name_against_many_stars_is_matched_quickly() {
        // A backtracking matcher takes exponential time here; a compiled one does not.
        let config = ignoring("*a*a*a*a*a*a*a*a*a*a*a*a*b");
        assert!(!config.ignores(&"a".repeat(200)));
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
