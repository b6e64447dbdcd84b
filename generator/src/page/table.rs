//! Tables, with each cell's plain text, its links and its source.

use serde::Serialize;
use thin_vec::ThinVec;

/// A link inside a cell or paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    /// The link text.
    pub text: String,
    /// The destination as written.
    pub target: String,
}

/// A code span inside inline text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeSpan {
    /// Byte position of the span's text within the plain text it belongs to.
    pub at: usize,
    /// The code text, without backticks.
    pub text: String,
}

/// One table cell.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// Plain text: markup removed, code spans and entities kept as text.
    pub text: String,
    /// Code spans, in order (``` `x` ``` gives `x`).
    pub code: ThinVec<CodeSpan>,
    /// Links, in order.
    pub links: ThinVec<Link>,
    /// Byte offset of the cell in the page.
    pub offset: usize,
}

/// One table row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// Byte offset of the row in the page.
    pub offset: usize,
    /// 1-based line.
    pub line: usize,
    /// The cells as the markdown parser saw them.
    pub cells: Vec<Cell>,
    /// How many cells the source line really has (counting unescaped `|`). The markdown
    /// parser drops cells beyond the header's count, so this can exceed `cells.len()`.
    pub source_cells: usize,
}

/// A table and where it sits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Table {
    /// Byte offset of the table in the page.
    pub offset: usize,
    /// 1-based line.
    pub line: usize,
    /// Index into [`super::Page::headings`] of the nearest heading above.
    pub heading: Option<usize>,
    /// The header row.
    pub header: Row,
    /// Body rows.
    pub rows: Vec<Row>,
}

impl Table {
    /// Index of the first column whose header (bold and case ignored) is one of `names`, which
    /// are lower-case.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        // `names` are lower-case: comparing ignoring case is comparing the normalised header.
        self.header.cells.iter().position(|cell| {
            let header = header_text(&cell.text);
            names.iter().any(|n| header.eq_ignore_ascii_case(n))
        })
    }

    /// The name column: Property / Name / Parameter / Relationship / Member, optionally
    /// followed by "name".
    pub fn name_column(&self) -> Option<usize> {
        self.column(&[
            "property",
            "property name",
            "name",
            "parameter",
            "parameter name",
            "relationship",
            "relationship name",
            "member",
            "member name",
            "query parameter",
            "header",
            "value",
        ])
    }

    /// The `Type` column.
    pub fn type_column(&self) -> Option<usize> {
        self.column(&["type", "return type", "data type"])
    }

    /// The `Description` column.
    pub fn description_column(&self) -> Option<usize> {
        self.column(&["description", "remarks", "notes"])
    }
}

/// Lower-cases a header and removes bold markers, trailing `?` and surrounding spaces.
pub fn normalise_header(text: &str) -> String {
    header_text(text).to_ascii_lowercase()
}

/// A header without bold markers, trailing `?` and surrounding spaces (case kept).
fn header_text(text: &str) -> &str {
    text.trim().trim_matches('*').trim_end_matches('?').trim()
}

/// Counts the cells of a raw table line: every unescaped `|` separates cells, inside code spans
/// too (as GitHub tables do); a leading and a trailing `|` are optional.
pub fn count_source_cells(line: &str) -> usize {
    let line = line.trim();
    let mut cells = count_unescaped_pipes(line.as_bytes()) + 1;
    if line.starts_with('|') {
        cells -= 1;
    }
    if line.len() > 1 && line.ends_with('|') && !line.ends_with("\\|") {
        cells -= 1;
    }
    cells.max(1)
}

/// The byte offset, in a source row `line`, of the `|` that closes cell `cell` (0-based; a
/// leading `|` opens the first cell and is not counted): where the cell after it begins.
pub fn cell_end(line: &str, cell: usize) -> Option<usize> {
    let first = line.len() - line.trim_start().len();
    let leading = line[first..].starts_with('|');
    unescaped_pipes(line.as_bytes())
        .filter(|&at| !(leading && at == first))
        .nth(cell)
}

/// The offsets of the `|` not escaped by a `\`.
fn unescaped_pipes(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let mut escaped_until = 0;
    memchr::memchr2_iter(b'\\', b'|', bytes).filter(move |&at| {
        if at < escaped_until {
            return false;
        }
        if bytes[at] == b'\\' {
            escaped_until = at + 2;
            return false;
        }
        true
    })
}

/// Counts the `|` not escaped by a `\` (which escapes the byte after it, even another `\`).
fn count_unescaped_pipes(bytes: &[u8]) -> usize {
    if memchr::memchr(b'\\', bytes).is_none() {
        // Most rows have no escapes: one vectorised count instead of a search per `|`.
        return bytecount::count(bytes, b'|');
    }
    unescaped_pipes(bytes).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_ends_at_its_unescaped_pipe() {
        assert_eq!(cell_end("|a|b|c|", 0), Some(2));
        assert_eq!(cell_end("  | a | b \\| c | d |", 1), Some(15));
        assert_eq!(cell_end("a|b", 0), Some(1));
        assert_eq!(cell_end("|a|", 1), None);
    }

    #[test]
    fn source_cells_count_unescaped_pipes_only() {
        assert_eq!(count_source_cells("|a|b|c|"), 3);
        assert_eq!(count_source_cells("a|b|c"), 3);
        assert_eq!(count_source_cells("|a|b \\| c|d|"), 3);
        assert_eq!(count_source_cells("|a|(*.mobileconfig | *.xml)|c|"), 4);
        assert_eq!(count_source_cells("|**On-boarding**||"), 2);
        assert_eq!(
            count_source_cells("|a\\\\|b|"),
            2,
            "an escaped backslash escapes nothing"
        );
        assert_eq!(
            count_source_cells("|a|b\\|"),
            2,
            "an escaped trailing pipe is text"
        );
        assert_eq!(count_source_cells("  "), 1);
    }

    #[test]
    fn headers_are_normalised() {
        assert_eq!(normalise_header(" **Parameter** "), "parameter");
        assert_eq!(normalise_header("Required?"), "required");
    }
}
