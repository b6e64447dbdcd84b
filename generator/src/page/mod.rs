//! The page parser: one markdown reference page into a [`Page`] of located pieces (front
//! matter, headings, annotations, fenced blocks, tables, paragraphs, includes, tab markers).
//!
//! The parser only reads what is written; what it means (a type, an operation, an example)
//! is the model builder's job.

pub mod annotation;
pub mod front_matter;
pub mod http;
pub mod json;
pub mod table;
mod walk;

use crate::diagnostics::{count_newlines, Diagnostic, LazyLineIndex, LineIndex};
use annotation::Annotation;
use serde::Serialize;
use table::{CodeSpan, Link, Table};
use thin_vec::ThinVec;

pub(crate) use walk::floor_char_boundary;
pub use walk::{markdown_options, parse, parse_owned, split_front_matter};

/// Compiles the patterns the page parser uses, so that no page waits for them.
pub(crate) fn compile_patterns() {
    walk::compile_patterns();
    http::compile_patterns();
}

/// A heading that is part of the page's outline (tab markers are not).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// Plain text.
    pub text: String,
    /// Links in order (a heading may link a page as a paragraph does).
    #[serde(skip_serializing_if = "ThinVec::is_empty")]
    pub links: ThinVec<Link>,
    /// Byte offset.
    pub offset: usize,
    /// 1-based line.
    pub line: usize,
    /// Index of the enclosing H2 (itself for an H2).
    pub h2: Option<usize>,
}

/// A fenced (or indented) code block.
#[derive(Debug, Clone, Serialize)]
pub struct CodeBlock {
    /// Byte offset of the opening fence.
    pub offset: usize,
    /// 1-based line of the opening fence.
    pub line: usize,
    /// Byte offset of the first content line.
    pub content_offset: usize,
    /// The info string, lower-cased and trimmed (`http`, `json`, `msgraph-interactive`).
    pub info: String,
    /// The content between the fences.
    pub content: String,
    /// (content offset, page offset) where each piece of the content starts.
    #[serde(skip)]
    pub segments: Vec<(usize, usize)>,
    /// Whether a closing fence was found.
    pub closed: bool,
    /// Index of the nearest heading above.
    pub heading: Option<usize>,
    /// Index of the annotation bound to this block.
    pub annotation: Option<usize>,
    /// The block read as HTTP, when its first line is a request or status line.
    pub http: Option<http::HttpBlock>,
}

impl CodeBlock {
    /// The page offset of byte `at` of the content (exact inside blockquotes and list items,
    /// where each content line has lost its prefix).
    pub fn source_offset(&self, at: usize) -> usize {
        walk::source_offset(&self.segments, self.content_offset, at)
    }
}

/// A paragraph (or list item text) with its links.
#[derive(Debug, Clone, Serialize)]
pub struct Paragraph {
    /// Byte offset.
    pub offset: usize,
    /// 1-based line.
    pub line: usize,
    /// Plain text.
    pub text: String,
    /// Code spans in order.
    pub code: ThinVec<CodeSpan>,
    /// Links in order.
    pub links: ThinVec<Link>,
    /// Index of the nearest heading above.
    pub heading: Option<usize>,
}

/// A `[!INCLUDE [label](path)]` line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Include {
    /// Byte offset.
    pub offset: usize,
    /// 1-based line.
    pub line: usize,
    /// The label (`sample-code`, `permissions-table`).
    pub label: String,
    /// The included path as written.
    pub path: String,
    /// Index of the nearest heading above.
    pub heading: Option<usize>,
}

/// A tab marker such as `# [HTTP](#tab/http)`: an H1 in markdown, but not a heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TabMarker {
    /// Byte offset.
    pub offset: usize,
    /// 1-based line.
    pub line: usize,
    /// The tab id after `#tab/`.
    pub tab: String,
}

/// Everything the parser read from one page.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// Path relative to the docs root, with `/` separators.
    pub path: String,
    /// The docs version the page belongs to (`v1.0` or `beta`).
    pub version: &'static str,
    /// Front matter keys and values (scalars as text).
    pub front_matter: front_matter::FrontMatter,
    /// Headings in order, tab markers excluded.
    pub headings: Vec<Heading>,
    /// `Namespace: x` line, if any.
    pub namespace: Option<String>,
    /// JSON annotations in order.
    pub annotations: Vec<Annotation>,
    /// Code blocks in order.
    pub blocks: Vec<CodeBlock>,
    /// Tables in order.
    pub tables: Vec<Table>,
    /// Paragraphs and list items in order.
    pub paragraphs: Vec<Paragraph>,
    /// Include lines in order.
    pub includes: Vec<Include>,
    /// Tab markers in order.
    pub tab_markers: Vec<TabMarker>,
    /// Diagnostics found while reading.
    pub diagnostics: Vec<Diagnostic>,
    /// The page text (lossy if it was not UTF-8).
    #[serde(skip)]
    pub text: String,
    /// Line starts of `text`, indexed when first asked for (see [`Page::lines`]).
    #[serde(skip)]
    lines: LazyLineIndex,
}

impl Page {
    /// The H1 title.
    pub fn title(&self) -> Option<&Heading> {
        self.headings.iter().find(|h| h.level == 1)
    }

    /// Whether the paragraph at `offset` is a list item: its line opens with a list marker
    /// (`-`, `*`, `+`, `1.` or `1)`) before it, or at it.
    pub fn is_list_item(&self, offset: usize) -> bool {
        let Some(before) = self.text.get(..offset) else {
            return false;
        };
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let lead = before[line_start..].trim_start();
        let is_marker = |m: &str| {
            matches!(m, "-" | "*" | "+")
                || m.strip_suffix(['.', ')']).is_some_and(|n| {
                    !n.is_empty() && n.len() <= 9 && n.bytes().all(|b| b.is_ascii_digit())
                })
        };
        if !lead.is_empty() {
            return is_marker(lead.trim_end());
        }
        // A tight item starts at its marker.
        let rest = &self.text[offset..];
        rest.split_once([' ', '\t'])
            .is_some_and(|(marker, _)| is_marker(marker))
    }

    /// `doc_type` from the front matter.
    pub fn doc_type(&self) -> Option<&str> {
        self.front_matter.get("doc_type")
    }

    /// Index of the first H2 whose text starts with `prefix`, case-insensitively (see
    /// [`Page::sections_starting`] for any level).
    pub fn section(&self, prefix: &str) -> Option<usize> {
        self.headings.iter().position(|h| {
            h.level == 2
                && h.text
                    .get(..prefix.len())
                    .is_some_and(|t| t.eq_ignore_ascii_case(prefix))
        })
    }

    /// Headings of level 2 or deeper whose text starts with `prefix`, case-insensitively
    /// (`### HTTP request` under a task heading counts as well as `## HTTP request`).
    pub fn sections_starting(&self, prefix: &str) -> Vec<usize> {
        self.headings
            .iter()
            .enumerate()
            .filter(|(_, h)| {
                h.level >= 2
                    && h.text
                        .get(..prefix.len())
                        .is_some_and(|t| t.eq_ignore_ascii_case(prefix))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Whether an item whose nearest heading is `heading` lies under the heading `section`:
    /// anywhere in its H2 section for an H2, directly under it for a deeper heading.
    pub fn under(&self, heading: Option<usize>, section: usize) -> bool {
        match self.headings.get(section) {
            Some(h) if h.level == 2 => self.within(heading, section),
            Some(_) => heading == Some(section),
            None => false,
        }
    }

    /// Whether the heading at `heading` lies within the H2 at `h2` (or is it).
    pub fn within(&self, heading: Option<usize>, h2: usize) -> bool {
        heading
            .and_then(|h| self.headings.get(h))
            .is_some_and(|h| h.h2 == Some(h2))
    }

    /// The text of the H2 section an item with nearest heading `heading` sits in.
    pub fn h2_text(&self, heading: Option<usize>) -> Option<&str> {
        let h2 = self.headings.get(heading?)?.h2?;
        Some(self.headings[h2].text.as_str())
    }

    /// The line index of the page text, built the first time it is asked for.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get(&self.text)
    }

    /// 1-based (line, column) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        self.lines().position(&self.text, offset)
    }

    /// The page offset `at` bytes of code block content after the content byte at page offset
    /// `start` (a payload's first byte, say). Inside a blockquote or a list item, a block's
    /// content has lost each line's prefix, and with CRLF line ends each line's `\r`, so content
    /// and page drift apart: this maps through the block's pieces. An offset in no block's
    /// content is taken as is.
    pub fn offset_in_block(&self, start: usize, at: usize) -> usize {
        let i = self.blocks.partition_point(|b| b.content_offset <= start);
        let Some(block) = i.checked_sub(1).map(|i| &self.blocks[i]) else {
            return start + at;
        };
        let piece = block
            .segments
            .partition_point(|&(_, source)| source <= start);
        let content_start = match piece.checked_sub(1).map(|p| block.segments[p]) {
            Some((content, source)) => content + (start - source),
            None => start - block.content_offset,
        };
        if content_start > block.content.len() {
            return start + at;
        }
        block.source_offset(content_start + at)
    }

    /// 1-based line of a byte offset at or after the start of `block`, counted from the
    /// block's own line, so that no line index is needed.
    pub fn line_in_block(&self, block: &CodeBlock, offset: usize) -> usize {
        match self.text.as_bytes().get(block.offset..offset) {
            Some(between) => block.line + count_newlines(between),
            None => self.position(offset).0,
        }
    }
}

/// The docs version of a path: the last component that is `beta` or `v1.0` decides; `v1.0`
/// when none does.
pub fn version_of_path(path: &str) -> &'static str {
    path.rsplit(['/', '\\'])
        .find_map(|component| match component {
            "beta" => Some("beta"),
            "v1.0" => Some("v1.0"),
            _ => None,
        })
        .unwrap_or("v1.0")
}
