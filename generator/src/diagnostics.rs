//! One diagnostic type shared by the parser, the model builder and the checker.
//!
//! A [`Diagnostic`] always knows where it points (file, 1-based line and column) so that
//! every consumer, human or CI, can act on it.

use serde::Serialize;
use std::cell::Cell;
use std::fmt;
use std::sync::OnceLock;

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
    /// An edit of the file that fixes it, when the fix is certain (`check --fix` applies it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Box<Fix>>,
    /// The other places of the same finding, when one finding stands for several (a key no
    /// table documents on every item of a collection), in file order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also_at: Vec<Place>,
}

/// A place in a file: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Place {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl Diagnostic {
    /// Adds a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// A fix that needs no judgement: edits of the file, applied together or not at all.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Fix {
    /// The edits, in order of position.
    pub edits: Vec<Edit>,
}

/// One edit of a [`Fix`]: replace the bytes `start..end` of the file, which read `original`,
/// with `replacement`. The original text is kept so that an edit is applied only to the text
/// it was worked out on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Edit {
    /// Byte offset where the replaced text starts.
    pub start: usize,
    /// Byte offset where it ends.
    pub end: usize,
    /// The text replaced, as the page had it.
    pub original: String,
    /// The text put in its place (empty to delete).
    pub replacement: String,
}

impl Edit {
    /// Replaces `text[start..end]` with `replacement`; `None` when the range is not in `text`.
    pub fn replace(text: &str, start: usize, end: usize, replacement: &str) -> Option<Edit> {
        Some(Edit {
            start,
            end,
            original: text.get(start..end)?.to_string(),
            replacement: replacement.to_string(),
        })
    }
}

impl Fix {
    /// A fix of one edit: `text[start..end]` replaced with `replacement`; `None` when the
    /// range is not in `text`.
    pub fn replace(text: &str, start: usize, end: usize, replacement: &str) -> Option<Box<Fix>> {
        Fix::of(vec![Edit::replace(text, start, end, replacement)?])
    }

    /// A fix of these edits; `None` when there are none.
    pub fn of(edits: Vec<Edit>) -> Option<Box<Fix>> {
        (!edits.is_empty()).then(|| Box::new(Fix { edits }))
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

/// A [`LineIndex`] built the first time it is asked for, so that a text whose lines are only
/// counted near known places (or not at all) is never indexed line by line.
#[derive(Debug, Clone, Default)]
pub struct LazyLineIndex(OnceLock<LineIndex>);

impl LazyLineIndex {
    /// The index of `text`, built on the first call; every call must pass the same text.
    pub fn get(&self, text: &str) -> &LineIndex {
        self.0.get_or_init(|| LineIndex::new(text))
    }
}

/// How many lines `bytes` ends (its `\n` bytes): the line of an offset is one more than the
/// newlines before it.
pub fn count_newlines(bytes: &[u8]) -> usize {
    bytecount::count(bytes, b'\n')
}

/// Finds the 1-based lines of offsets that mostly come in order (as a markdown parser reports
/// them) by counting the newlines between one offset and the next.
pub struct LineCursor<'a> {
    text: &'a [u8],
    /// The last offset asked for, and its line.
    at: Cell<(usize, usize)>,
}

impl<'a> LineCursor<'a> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        LineCursor {
            text: text.as_bytes(),
            at: Cell::new((0, 1)),
        }
    }

    /// 1-based line of a byte offset: the same as [`LineIndex::line`].
    pub fn line(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let (at, line) = self.at.get();
        let line = if offset >= at {
            line + count_newlines(&self.text[at..offset])
        } else {
            line - count_newlines(&self.text[offset..at])
        };
        self.at.set((offset, line));
        line
    }
}

/// Collects diagnostics for one file, turning byte offsets into positions.
pub struct DiagnosticSink<'a> {
    file: &'a str,
    text: &'a str,
    lines: LazyLineIndex,
    /// The diagnostics collected so far.
    pub items: Vec<Diagnostic>,
}

impl<'a> DiagnosticSink<'a> {
    /// A sink for `file`, whose contents are `text`.
    pub fn new(file: &'a str, text: &'a str) -> Self {
        DiagnosticSink {
            file,
            text,
            lines: LazyLineIndex::default(),
            items: Vec::new(),
        }
    }

    /// The line index of the text, built the first time it is needed.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get(self.text)
    }

    /// The diagnostics, and the line index if one was built.
    pub fn finish(self) -> (Vec<Diagnostic>, LazyLineIndex) {
        (self.items, self.lines)
    }

    /// Records a diagnostic at a byte offset and returns it for further decoration.
    pub fn at(
        &mut self,
        offset: usize,
        code: &'static str,
        severity: Severity,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let (line, column) = self.lines().position(self.text, offset);
        self.items.push(Diagnostic {
            file: self.file.to_string(),
            line,
            column,
            code,
            severity,
            message: message.into(),
            help: None,
            fix: None,
            also_at: Vec::new(),
        });
        self.items.last_mut().expect("just pushed")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_cursor_agrees_with_the_line_index_in_any_order() {
        let text = "a\nbc\n\nd\u{e9}f\n\ng";
        let index = LineIndex::new(text);
        let cursor = LineCursor::new(text);
        // Forward, backward, repeated and past the end.
        for offset in [0, 1, 2, 5, 5, 3, 0, 7, 12, 9, 40, 2] {
            assert_eq!(cursor.line(offset), index.line(offset), "offset {offset}");
        }
    }

    #[test]
    fn a_lazy_line_index_is_the_line_index() {
        let text = "x\ny\nz";
        let lazy = LazyLineIndex::default();
        assert_eq!(lazy.get(text).line(4), LineIndex::new(text).line(4));
        assert_eq!(lazy.get(text).line_count(), 3);
    }

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
