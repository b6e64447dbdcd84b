//! One diagnostic type shared by the parser, the model builder and the checker.
//!
//! A [`Diagnostic`] always knows where it points (file, 1-based line and column) so that
//! every consumer, human or CI, can act on it.

use serde::Serialize;
use std::fmt;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational: worth knowing, nothing to fix.
    Note,
    /// Likely a problem in the page; the tool worked around it.
    Warning,
    /// The page is wrong or could not be understood at this place.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// A located message about a page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Diagnostic {
    /// File the finding is in, relative to the docs root it was read from.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// Stable code, such as `GD0101`.
    pub code: &'static str,
    /// Severity of the finding.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it, when there is something to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    /// Adds a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}[{}]: {}",
            self.file, self.line, self.column, self.severity, self.code, self.message
        )?;
        if let Some(help) = &self.help {
            write!(f, " (help: {help})")?;
        }
        Ok(())
    }
}

/// Maps byte offsets of one text to 1-based line and column numbers.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let newlines = memchr::memchr_iter(b'\n', text.as_bytes());
        let mut line_starts = Vec::with_capacity(text.len() / 32 + 1);
        line_starts.push(0);
        line_starts.extend(newlines.map(|i| i + 1));
        LineIndex { line_starts }
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset)
    }

    /// 1-based line and character column of a byte offset into `text`.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line(offset).max(1);
        let start = self.line_start(line).min(text.len());
        let mut end = offset.clamp(start, text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let column = text.get(start..end).map_or(0, |s| s.chars().count()) + 1;
        (line, column)
    }

    /// How many line starts there are (the lines of the text, plus one after a final newline).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        let count = self.line_starts.len().max(1);
        self.line_starts
            .get(line.clamp(1, count) - 1)
            .copied()
            .unwrap_or(0)
    }
}

/// Collects diagnostics for one file, turning byte offsets into positions.
pub struct DiagnosticSink<'a> {
    file: &'a str,
    text: &'a str,
    lines: &'a LineIndex,
    /// The diagnostics collected so far.
    pub items: Vec<Diagnostic>,
}

impl<'a> DiagnosticSink<'a> {
    /// A sink for `file`, whose contents are `text`.
    pub fn new(file: &'a str, text: &'a str, lines: &'a LineIndex) -> Self {
        DiagnosticSink {
            file,
            text,
            lines,
            items: Vec::new(),
        }
    }

    /// Records a diagnostic at a byte offset and returns it for further decoration.
    pub fn at(
        &mut self,
        offset: usize,
        code: &'static str,
        severity: Severity,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let (line, column) = self.lines.position(self.text, offset);
        self.items.push(Diagnostic {
            file: self.file.to_string(),
            line,
            column,
            code,
            severity,
            message: message.into(),
            help: None,
        });
        self.items.last_mut().expect("just pushed")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let text = "ab\nçd\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), (1, 1));
        assert_eq!(index.position(text, 3), (2, 1));
        assert_eq!(
            index.position(text, 5),
            (2, 2),
            "ç is two bytes, one column"
        );
        assert_eq!(index.position(text, 7), (3, 1));
    }
}
