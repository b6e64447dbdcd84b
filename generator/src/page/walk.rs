//! Walks pulldown-cmark's event stream (with source offsets) and fills a [`Page`].

use super::annotation::{self, Annotation, CommentReading};
use super::front_matter::FrontMatter;
use super::json::{self, JsonProblem};
use super::table::{self, count_source_cells, Cell, CodeSpan, Link, Row, Table};
use super::{http, CodeBlock, Heading, Include, Page, Paragraph, TabMarker};
use crate::codes;
use crate::diagnostics::{count_newlines, DiagnosticSink, LineCursor, LineIndex, Severity};
use crate::patterns::patterns;
use foldhash::HashSet;
use memchr::memmem::Finder;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;
use std::sync::LazyLock;
use thin_vec::ThinVec;

/// The markdown extensions the pages use. Front matter is not among them: pulldown-cmark
/// takes any `---` line followed by text and another `---` for a metadata block, anywhere in
/// the page, and a tab group's `---` closer then swallows the next section. The front matter
/// is split off first instead ([`split_front_matter`]).
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_GFM
}

/// Splits a page into its YAML front matter (the text between a first line `---` and the next
/// line `---` or `...`, with the offset where it starts) and the offset where the markdown
/// starts. A page without front matter starts its markdown at 0.
pub fn split_front_matter(text: &str) -> (Option<(usize, &str)>, usize) {
    let first_line_end = match text.find('\n') {
        Some(end) => end + 1,
        None => return (None, 0),
    };
    if text[..first_line_end].trim_end() != "---" {
        return (None, 0);
    }
    // The lines after the first, each found with one `memchr` (a `str` line iterator costs
    // several times as much per line, and every page has a dozen front matter lines).
    let mut line_start = first_line_end;
    let line_ends = memchr::memchr_iter(b'\n', &text.as_bytes()[first_line_end..])
        .map(|newline| first_line_end + newline + 1)
        .chain((text.len() > first_line_end).then_some(text.len()));
    for line_end in line_ends {
        let trimmed = text[line_start..line_end].trim_end();
        if trimmed == "---" || trimmed == "..." {
            let yaml = &text[first_line_end..line_start];
            return (Some((first_line_end, yaml)), line_end);
        }
        line_start = line_end;
    }
    // No closing line: not front matter.
    (None, 0)
}

/// Searchers built once: building one per search costs more than the search.
static INCLUDE_FINDER: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"[!INCLUDE"));
static BACKTICK_FENCE_FINDER: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"```"));
static TILDE_FENCE_FINDER: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"~~~"));
static COMMENT_OPEN_FINDER: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"<!--"));
static COMMENT_CLOSE_FINDER: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"-->"));

patterns! {
    static FENCE_OPENER_WITH_INFO = r"(?m)^[ \t]{0,3}(```+|~~~+)[ \t]*[A-Za-z]";
}

/// Reads one page. Never fails: problems become diagnostics on the page.
pub fn parse(path: &str, bytes: &[u8]) -> Page {
    parse_owned(path, bytes.to_vec())
}

/// Reads one page from bytes it takes ownership of (no copy for valid UTF-8).
pub fn parse_owned(path: &str, bytes: Vec<u8>) -> Page {
    let (text, utf8_error) = match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(error) => {
            let valid_up_to = error.utf8_error().valid_up_to();
            (
                String::from_utf8_lossy(error.as_bytes()).into_owned(),
                Some(valid_up_to),
            )
        }
    };
    let text = with_bare_carriage_returns_as_newlines(text);
    let markdown = without_tabs_in_table_lines(&text);
    let mut walker = Walker::new(path, markdown.as_deref().unwrap_or(&text));
    if let Some(valid_up_to) = utf8_error {
        // Offsets before the first bad byte are the same in the lossy text.
        walker
            .sink
            .at(
                valid_up_to,
                codes::INVALID_UTF8,
                Severity::Error,
                "the page is not valid UTF-8; invalid bytes were replaced with U+FFFD",
            )
            .help = Some("save the file as UTF-8".into());
    }
    if is_blank(&text) {
        walker
            .sink
            .at(0, codes::EMPTY_PAGE, Severity::Error, "the page is empty");
    }
    walker.run();
    // Tabs became spaces in `markdown`, so a line index built on it is the text's.
    let mut page = walker.finish();
    page.text = text;
    page
}

/// Whether a page holds nothing but whitespace and byte-order marks: an editor that saves an
/// empty file as UTF-8 with a BOM still saves an empty page.
fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || c == '\u{feff}')
}

/// A line that ends in a bare `\r` (a classic Mac line end) has it read as `\n`: the markdown
/// parser takes either for a line end, but every line count here takes `\n` alone, so such a
/// page would have every finding on its first line. One byte for one, so every offset is kept;
/// CRLF line ends are left as they are.
fn with_bare_carriage_returns_as_newlines(text: String) -> String {
    let bytes = text.as_bytes();
    let bare: Vec<usize> = memchr::memchr_iter(b'\r', bytes)
        .filter(|&at| bytes.get(at + 1) != Some(&b'\n'))
        .collect();
    if bare.is_empty() {
        return text;
    }
    let mut bytes = text.into_bytes();
    for at in bare {
        bytes[at] = b'\n';
    }
    // An ASCII byte replaced by another: still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A tab in a table's delimiter row (`| --- \t|`) makes the markdown parser drop the whole
/// table. Tabs on table lines become spaces; the length, and so every offset, is unchanged.
/// `None` when the page has no such tab (the common case: no copy).
fn without_tabs_in_table_lines(text: &str) -> Option<String> {
    let is_table_line_with_tab =
        |line: &str| line.trim_start().starts_with('|') && line.contains('\t');
    // Only the lines holding a tab are looked at (most pages have none, or a few), each once.
    let bytes = text.as_bytes();
    let mut from = 0;
    loop {
        let tab = from + memchr::memchr(b'\t', &bytes[from..])?;
        let start = memchr::memrchr(b'\n', &bytes[..tab]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[tab..]).map_or(text.len(), |i| tab + i);
        if is_table_line_with_tab(&text[start..end]) {
            break;
        }
        from = end;
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if is_table_line_with_tab(line) {
            out.push_str(&line.replace('\t', " "));
        } else {
            out.push_str(line);
        }
    }
    Some(out)
}

/// A container collecting inline text: a heading, a paragraph, a list item or a table cell.
struct Inline {
    offset: usize,
    text: String,
    code: ThinVec<CodeSpan>,
    links: ThinVec<Link>,
}

impl Inline {
    /// Trims the text in place (the container is large: it is not moved), keeping code span
    /// positions right.
    fn trim(&mut self) {
        let spans_whole = |code: &[CodeSpan]| code.iter().all(|s| !s.text.is_empty());
        // Most texts start and end with an ASCII character that is not white space: nothing
        // to trim, and no need to decode either end.
        let is_kept =
            |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii() && !char::from(b).is_whitespace());
        let bytes = self.text.as_bytes();
        if is_kept(bytes.first()) && is_kept(bytes.last()) && spans_whole(&self.code) {
            return;
        }
        let leading = self.text.len() - self.text.trim_start().len();
        let kept = self.text.trim_end().len().max(leading);
        if leading == 0 && kept == self.text.len() && spans_whole(&self.code) {
            // Nothing to trim (the common case): every span already lies inside the text.
            return;
        }
        self.text.truncate(kept);
        self.text.drain(..leading);
        // Spans keep pointing into the text: the trimmed ends may have cut into them.
        let len = self.text.len();
        self.code.retain_mut(|span| {
            span.at = span.at.saturating_sub(leading);
            let room = len.saturating_sub(span.at);
            if span.text.len() > room {
                let cut = floor_char_boundary(&span.text, room);
                span.text.truncate(cut);
            }
            span.at < len && !span.text.is_empty()
        });
    }

    /// A container whose source is `range`: its text is at most about as long, so it is
    /// allocated once (capped: a list item's range holds its nested lists too).
    fn new(range: &Range<usize>) -> Self {
        Inline {
            offset: range.start,
            text: String::with_capacity(range.len().min(INLINE_CAPACITY_CAP)),
            code: ThinVec::new(),
            links: ThinVec::new(),
        }
    }
}

/// Largest text buffer allocated up front for one inline container.
const INLINE_CAPACITY_CAP: usize = 512;

struct TableBuilder {
    offset: usize,
    heading: Option<usize>,
    header: Option<Row>,
    rows: Vec<Row>,
    row: Option<Row>,
}

struct BlockBuilder {
    offset: usize,
    range: Range<usize>,
    info: String,
    content: String,
    content_offset: Option<usize>,
    segments: Vec<(usize, usize)>,
    fenced: bool,
}

struct Walker<'a> {
    text: &'a str,
    /// Lines of the pieces, counted as the walk goes (most pages never need a line index).
    lines: LineCursor<'a>,
    sink: DiagnosticSink<'a>,
    path: &'a str,
    headings: Vec<Heading>,
    current_heading: Option<usize>,
    current_h2: Option<usize>,
    inline: Vec<Inline>,
    /// Links not yet closed: (depth of the inline container they are in, where their text
    /// starts in it, target). One stack for the page rather than one per container.
    open_links: Vec<(usize, usize, String)>,
    heading_start: Option<(u8, Range<usize>)>,
    table: Option<TableBuilder>,
    block: Option<BlockBuilder>,
    front_matter: FrontMatter,
    namespace: Option<String>,
    annotations: Vec<(Annotation, Option<usize>)>,
    blocks: Vec<CodeBlock>,
    tables: Vec<Table>,
    paragraphs: Vec<Paragraph>,
    includes: Vec<Include>,
    tab_markers: Vec<TabMarker>,
    comment_offsets: HashSet<usize>,
    /// Where `[!INCLUDE` occurs in the page, in order: one search of the page serves every
    /// paragraph and heading (most hold none).
    include_marks: Vec<usize>,
}

impl<'a> Walker<'a> {
    fn new(path: &'a str, text: &'a str) -> Self {
        Walker {
            text,
            lines: LineCursor::new(text),
            sink: DiagnosticSink::new(path, text),
            path,
            headings: Vec::new(),
            current_heading: None,
            current_h2: None,
            inline: Vec::new(),
            open_links: Vec::new(),
            heading_start: None,
            table: None,
            block: None,
            front_matter: FrontMatter::default(),
            namespace: None,
            annotations: Vec::new(),
            blocks: Vec::new(),
            tables: Vec::new(),
            paragraphs: Vec::new(),
            includes: Vec::new(),
            tab_markers: Vec::new(),
            comment_offsets: HashSet::default(),
            include_marks: INCLUDE_FINDER.find_iter(text.as_bytes()).collect(),
        }
    }

    fn line(&self, offset: usize) -> usize {
        self.lines.line(offset)
    }

    /// Closes the innermost inline container, with any link left open in it.
    fn pop_inline(&mut self) -> Option<Inline> {
        let inline = self.inline.pop()?;
        let depth = self.inline.len();
        let open = self.open_links.partition_point(|&(d, _, _)| d <= depth);
        self.open_links.truncate(open);
        Some(inline)
    }

    fn run(&mut self) {
        let text = self.text;
        let (front_matter, markdown_start) = split_front_matter(text);
        if let Some((offset, yaml)) = front_matter {
            self.read_front_matter(offset, yaml);
        }
        let parser =
            Parser::new_ext(&text[markdown_start..], markdown_options()).into_offset_iter();
        for (event, range) in parser {
            self.event(
                event,
                range.start + markdown_start..range.end + markdown_start,
            );
        }
    }

    /// Inlined into the loop over the parser: each event (a large value) is then matched where
    /// the parser returned it instead of being copied into a call (about 1% of a `model` run).
    #[inline(always)]
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(t) => self.text_event(&t, range),
            Event::Code(code) => {
                if let Some(inline) = self.inline.last_mut() {
                    inline.code.push(CodeSpan {
                        at: inline.text.len(),
                        text: String::from(&*code),
                    });
                    inline.text.push_str(&code);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(block) = self.block.as_mut() {
                    block.content.push('\n');
                } else if let Some(inline) = self.inline.last_mut() {
                    inline.text.push(' ');
                }
            }
            Event::InlineHtml(html) => {
                if html.starts_with("<!--") {
                    self.comment_at(range.start);
                } else if let Some(inline) = self.inline.last_mut() {
                    if html.trim_start_matches('<').starts_with("br") {
                        inline.text.push(' ');
                    }
                }
            }
            // Html events belong to an HtmlBlock, read whole at its start.
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Heading { level, .. } => {
                self.heading_start = Some((level as u8, range.clone()));
                self.inline.push(Inline::new(&range));
            }
            Tag::Paragraph | Tag::Item => self.inline.push(Inline::new(&range)),
            Tag::TableCell => self.inline.push(Inline::new(&range)),
            Tag::Link { dest_url, .. } => {
                if let Some(inline) = self.inline.last() {
                    let depth = self.inline.len();
                    self.open_links
                        .push((depth, inline.text.len(), dest_url.into_string()));
                }
            }
            Tag::Table(_) => {
                self.table = Some(TableBuilder {
                    offset: range.start,
                    heading: self.current_heading,
                    header: None,
                    rows: Vec::new(),
                    row: None,
                });
            }
            Tag::TableHead | Tag::TableRow => {
                let source = &self.text[range.clone()];
                let first_line =
                    &source[..memchr::memchr(b'\n', source.as_bytes()).unwrap_or(source.len())];
                let source_cells = count_source_cells(first_line);
                let row = Row {
                    offset: range.start,
                    line: self.line(range.start),
                    cells: Vec::with_capacity(source_cells),
                    source_cells,
                };
                if let Some(table) = self.table.as_mut() {
                    table.row = Some(row);
                }
            }
            Tag::CodeBlock(kind) => {
                let (info, fenced) = match kind {
                    CodeBlockKind::Fenced(info) => (info.trim().to_ascii_lowercase(), true),
                    CodeBlockKind::Indented => (String::new(), false),
                };
                self.block = Some(BlockBuilder {
                    offset: range.start,
                    range: range.clone(),
                    info,
                    content: String::with_capacity(range.len()),
                    content_offset: None,
                    segments: Vec::new(),
                    fenced,
                });
            }
            Tag::HtmlBlock => self.html_block(range),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::Heading(_) => self.end_heading(range),
            TagEnd::Paragraph | TagEnd::Item => {
                if let Some(inline) = self.pop_inline() {
                    self.end_paragraph(inline, range);
                }
            }
            TagEnd::Link => {
                let depth = self.inline.len();
                if self.open_links.last().is_some_and(|&(d, _, _)| d == depth) {
                    if let (Some((_, start, target)), Some(inline)) =
                        (self.open_links.pop(), self.inline.last_mut())
                    {
                        let text = inline.text.get(start..).unwrap_or("").trim().to_string();
                        inline.links.push(Link { text, target });
                    }
                }
            }
            TagEnd::TableCell => {
                if let Some(mut inline) = self.pop_inline() {
                    inline.trim();
                    if let Some(row) = self.table.as_mut().and_then(|t| t.row.as_mut()) {
                        row.cells.push(Cell {
                            text: inline.text,
                            code: inline.code,
                            links: inline.links,
                            offset: inline.offset,
                        });
                    }
                }
            }
            TagEnd::TableHead => {
                if let Some(table) = self.table.as_mut() {
                    table.header = table.row.take();
                }
            }
            TagEnd::TableRow => {
                if let Some(table) = self.table.as_mut() {
                    if let Some(row) = table.row.take() {
                        table.rows.push(row);
                    }
                }
            }
            TagEnd::Table => self.end_table(),
            TagEnd::CodeBlock => self.end_block(),
            _ => {}
        }
    }

    fn text_event(&mut self, text: &str, range: Range<usize>) {
        if let Some(block) = self.block.as_mut() {
            if block.content_offset.is_none() {
                block.content_offset = Some(range.start);
            }
            // A piece that continues the last one in the source maps through it: one segment
            // per run of contiguous text, not per line (the offsets `source_offset` gives are
            // the same).
            let at = block.content.len();
            let continues = block
                .segments
                .last()
                .is_some_and(|&(content, source)| source + (at - content) == range.start);
            if !continues {
                block.segments.push((at, range.start));
            }
            block.content.push_str(text);
        } else if let Some(inline) = self.inline.last_mut() {
            inline.text.push_str(text);
        }
    }

    fn end_heading(&mut self, range: Range<usize>) {
        let Some(mut inline) = self.pop_inline() else {
            return;
        };
        let Some((level, start)) = self.heading_start.take() else {
            return;
        };
        // The container's own buffer becomes the heading's text: no second copy.
        inline.trim();
        let Inline { text, links, .. } = inline;
        if level == 1 {
            if let Some(link) = links.iter().find(|l| l.target.starts_with("#tab/")) {
                self.tab_markers.push(TabMarker {
                    offset: start.start,
                    line: self.line(start.start),
                    tab: link.target["#tab/".len()..].to_string(),
                });
                return;
            }
        }
        let source = &self.text[range.clone()];
        if !source.trim_start().starts_with('#') && self.collect_includes(range.clone()) > 0 {
            // A setext underline (`---` right after an include line closes a tab group): the
            // "heading" is only the include.
            return;
        }
        let index = self.headings.len();
        if level <= 2 {
            self.current_h2 = (level == 2).then_some(index);
        }
        self.headings.push(Heading {
            level,
            text,
            links,
            offset: start.start,
            line: self.line(start.start),
            h2: if level == 2 {
                Some(index)
            } else if level > 2 {
                self.current_h2
            } else {
                None
            },
        });
        self.current_heading = Some(index);
    }

    /// Records the include lines in `range`; returns how many there were.
    fn collect_includes(&mut self, range: Range<usize>) -> usize {
        let needle = INCLUDE_FINDER.needle().len();
        let first = self.include_marks.partition_point(|&m| m < range.start);
        let bytes = self.text.as_bytes();
        let mut found = 0;
        let mut last_line = None;
        // Only the lines holding a mark can be include lines; each is read once.
        for index in first..self.include_marks.len() {
            let mark = self.include_marks[index];
            if mark + needle > range.end {
                break;
            }
            let offset = memchr::memrchr(b'\n', &bytes[range.start..mark])
                .map_or(range.start, |i| range.start + i + 1);
            if last_line == Some(offset) {
                continue;
            }
            last_line = Some(offset);
            let end =
                memchr::memchr(b'\n', &bytes[mark..range.end]).map_or(range.end, |i| mark + i + 1);
            let Some((label, path)) = include_line(&self.text[offset..end]) else {
                continue;
            };
            // A setext heading and its paragraph may present the same line twice.
            if self.includes.last().is_some_and(|i| i.offset >= offset) {
                continue;
            }
            self.includes.push(Include {
                offset,
                line: self.line(offset),
                label: label.to_string(),
                path: path.to_string(),
                heading: self.current_heading,
            });
            found += 1;
        }
        found
    }

    fn end_paragraph(&mut self, mut inline: Inline, range: Range<usize>) {
        let includes = self.collect_includes(range.clone());
        // Most paragraphs with includes are include lines only (a tab's code sample): nothing
        // is left of them once those are taken out.
        if includes > 0 && includes == line_count(self.text[range.clone()].trim_end()) {
            return;
        }
        inline.trim();
        let mut text = inline.text;
        if includes > 0 {
            // Keep only what is not an include line, as source text: the code spans found in
            // the rendered text no longer point into it.
            inline.code.clear();
            text = self.text[range.clone()]
                .lines()
                .filter(|line| include_line(line).is_none())
                .collect::<Vec<_>>()
                .join(" ")
                .trim()
                .to_string();
            if text.is_empty() {
                return;
            }
        }
        if text.is_empty() {
            return;
        }
        if self.namespace.is_none() {
            if let Some(rest) = text.strip_prefix("Namespace:") {
                let namespace = rest.split_whitespace().next().unwrap_or("").trim();
                if !namespace.is_empty() {
                    self.namespace = Some(namespace.trim_end_matches('.').to_string());
                }
            }
        }
        self.paragraphs.push(Paragraph {
            offset: inline.offset,
            line: self.line(inline.offset),
            text,
            code: inline.code,
            links: inline.links,
            heading: self.current_heading,
        });
    }

    fn end_table(&mut self) {
        let Some(builder) = self.table.take() else {
            return;
        };
        let Some(header) = builder.header else {
            return;
        };
        // Empty header cells at the end that no row fills are one fault of the header, not
        // one of each row.
        let empty_at_end = header
            .cells
            .iter()
            .rev()
            .take_while(|c| c.text.is_empty())
            .count();
        let filled = header.cells.len() - empty_at_end;
        let columns = if empty_at_end > 0
            && filled > 0
            && builder.rows.iter().all(|r| r.source_cells <= filled)
        {
            self.sink
                .at(
                    header.offset,
                    codes::TABLE_CELL_COUNT,
                    Severity::Warning,
                    format!(
                        "the header has {empty_at_end} empty column(s) at its end that no row fills"
                    ),
                )
                .help = Some("remove the empty header cells and their delimiter-row cells".into());
            filled
        } else {
            header.cells.len()
        };
        for row in &builder.rows {
            if row.source_cells != columns {
                let dropped = row.source_cells > columns;
                let message = if dropped {
                    format!(
                        "this row has {} cells but the header has {columns}; the markdown parser drops the extra cells",
                        row.source_cells,
                    )
                } else {
                    format!(
                        "this row has {} cells but the header has {columns}",
                        row.source_cells,
                    )
                };
                let help = if dropped {
                    "escape a literal `|` inside a cell as `\\|`"
                } else {
                    "add the missing cells"
                };
                // A dropped cell is shown where it begins, past the header's last column.
                let at = if dropped {
                    let source = &self.text[row.offset..];
                    let line =
                        &source[..memchr::memchr(b'\n', source.as_bytes()).unwrap_or(source.len())];
                    table::cell_end(line, columns - 1).map_or(row.offset, |at| row.offset + at)
                } else {
                    row.offset
                };
                self.sink
                    .at(at, codes::TABLE_CELL_COUNT, Severity::Warning, message)
                    .help = Some(help.into());
            }
        }
        self.tables.push(Table {
            offset: builder.offset,
            line: self.line(builder.offset),
            heading: builder.heading,
            header,
            rows: builder.rows,
        });
    }

    fn end_block(&mut self) {
        let Some(builder) = self.block.take() else {
            return;
        };
        let source = &self.text[builder.range.clone()];
        let closed = !builder.fenced || fence_is_closed(source);
        let content_offset = builder.content_offset.unwrap_or(builder.range.end);
        if !closed {
            self.sink
                .at(
                    builder.offset,
                    codes::UNCLOSED_FENCE,
                    Severity::Error,
                    "this code fence is never closed; it runs to the end of the page",
                )
                .help = Some("close the fence with a line of three backticks".into());
        }
        // A fence line with an info string inside the content cannot close the block: the
        // block above it was probably left open.
        if builder.fenced {
            let may_hold_fence = BACKTICK_FENCE_FINDER
                .find(builder.content.as_bytes())
                .is_some()
                || TILDE_FENCE_FINDER
                    .find(builder.content.as_bytes())
                    .is_some();
            if let Some(m) = may_hold_fence
                .then(|| FENCE_OPENER_WITH_INFO.find(&builder.content))
                .flatten()
            {
                let at = source_offset(&builder.segments, content_offset, m.start());
                let line = self.line(builder.offset);
                self.sink
                    .at(
                        at,
                        codes::UNCLOSED_FENCE,
                        Severity::Error,
                        format!(
                            "this looks like a new fence, but it is inside the fence opened at line {line}, which was not closed before it"
                        ),
                    )
                    .help = Some("add a closing ``` line before this one".into());
            }
        }
        let http = if builder.info == "json" {
            None
        } else {
            http::parse(&builder.content)
        };
        self.blocks.push(CodeBlock {
            offset: builder.offset,
            line: self.line(builder.offset),
            content_offset,
            segments: builder.segments,
            info: builder.info,
            content: builder.content,
            closed,
            heading: self.current_heading,
            annotation: None,
            http,
        });
    }

    fn read_front_matter(&mut self, offset: usize, yaml: &str) {
        match FrontMatter::new(yaml) {
            Ok(front_matter) => self.front_matter = front_matter,
            Err(error) => {
                let lines = self.sink.lines();
                let line_start = lines.line_start(lines.line(offset) + error.line - 1);
                self.sink
                    .at(
                        line_start,
                        codes::FRONT_MATTER_INVALID,
                        Severity::Warning,
                        format!("the front matter is not valid YAML: {}", error.message),
                    )
                    .help = Some("quote values that contain `: ` or start with `*`".into());
            }
        }
    }

    fn html_block(&mut self, range: Range<usize>) {
        let source = &self.text[range.clone()];
        let mut cursor = 0;
        while let Some(open) = COMMENT_OPEN_FINDER.find(&source.as_bytes()[cursor..]) {
            let start = cursor + open;
            let Some(close) = COMMENT_CLOSE_FINDER.find(&source.as_bytes()[start + 4..]) else {
                self.sink
                    .at(
                        range.start + start,
                        codes::UNTERMINATED_COMMENT,
                        Severity::Error,
                        "this HTML comment is never closed; everything after it is hidden",
                    )
                    .help = Some("close the comment with `-->`".into());
                return;
            };
            self.comment_at(range.start + start);
            cursor = start + 4 + close + 3;
        }
    }

    /// Reads the comment starting at `offset` (`<!--`) once.
    fn comment_at(&mut self, offset: usize) {
        if !self.comment_offsets.insert(offset) {
            return;
        }
        let rest = &self.text[offset..];
        // The closer comes after the opener: `<!-->` is not a closed comment.
        let Some(end) = rest
            .get(4..)
            .and_then(|after| COMMENT_CLOSE_FINDER.find(after.as_bytes()))
        else {
            return;
        };
        let body = &rest[4..4 + end];
        let line = self.line(offset);
        let body_start = offset + 4;
        let text = self.text;
        let problem_offset = |sink: &DiagnosticSink, problem: &JsonProblem| {
            offset_in(
                text,
                sink.lines(),
                body_start,
                body,
                problem.line,
                problem.column,
            )
        };
        match annotation::read_comment(body) {
            CommentReading::NotAnnotation => {}
            CommentReading::Annotation(fields, problem) => {
                if let Some(problem) = &problem {
                    let at = problem_offset(&self.sink, problem);
                    let found = self.sink.at(
                        at,
                        codes::ANNOTATION_NOT_STRICT_JSON,
                        Severity::Warning,
                        format!(
                            "annotation is not strict JSON ({}); it was read leniently",
                            problem.message
                        ),
                    );
                    found.help = Some(
                        "tools that read annotations strictly will skip it: fix the JSON".into(),
                    );
                    // The JSON read is the comment's body, trimmed.
                    let json_start = body_start + (body.len() - body.trim_start().len());
                    found.fix = json::fix_of(problem, text, |at| json_start + at);
                }
                let annotation = Annotation {
                    offset,
                    line,
                    fields,
                    problem,
                    block: None,
                    include: None,
                };
                if let Some(block_type) = annotation.block_type() {
                    if !annotation::KNOWN_BLOCK_TYPES.contains(&block_type) {
                        self.sink
                            .at(
                                offset,
                                codes::ANNOTATION_UNKNOWN_BLOCK_TYPE,
                                Severity::Warning,
                                format!("unknown blockType `{block_type}`"),
                            )
                            .help = Some(format!(
                            "use one of: {}",
                            annotation::KNOWN_BLOCK_TYPES.join(", ")
                        ));
                    }
                }
                self.annotations.push((annotation, self.current_heading));
            }
            CommentReading::Broken(problem) => {
                let at = problem_offset(&self.sink, &problem);
                self.sink
                    .at(
                        at,
                        codes::ANNOTATION_UNREADABLE,
                        Severity::Error,
                        format!("annotation comment is not JSON: {}", problem.message),
                    )
                    .help = Some("the annotation is ignored until its JSON is fixed".into());
            }
        }
    }

    fn finish(mut self) -> Page {
        self.bind_annotations();
        let annotations = self.annotations.into_iter().map(|(a, _)| a).collect();
        let (mut diagnostics, lines) = self.sink.finish();
        diagnostics.sort();
        Page {
            path: self.path.to_string(),
            version: super::version_of_path(self.path),
            front_matter: self.front_matter,
            headings: self.headings,
            namespace: self.namespace,
            annotations,
            blocks: self.blocks,
            tables: self.tables,
            paragraphs: self.paragraphs,
            includes: self.includes,
            tab_markers: self.tab_markers,
            diagnostics,
            text: String::new(),
            lines,
        }
    }

    /// An annotation binds to the next fence in the same H2 section, unless another
    /// annotation comes first; `permissions` binds to the next include.
    fn bind_annotations(&mut self) {
        let section_of = |heading: Option<usize>, headings: &[Heading]| {
            heading.and_then(|h| headings.get(h)).and_then(|h| h.h2)
        };
        let offsets: Vec<usize> = self
            .annotations
            .iter()
            .filter(|(a, _)| a.block_type().is_some())
            .map(|(a, _)| a.offset)
            .collect();
        for index in 0..self.annotations.len() {
            let (annotation, heading) = &self.annotations[index];
            let Some(block_type) = annotation.block_type() else {
                continue;
            };
            let offset = annotation.offset;
            // Items are in page order: binary searches keep this linear in the page size.
            let next_annotation = offsets
                .get(offsets.partition_point(|&o| o <= offset))
                .copied()
                .unwrap_or(usize::MAX);
            let section = section_of(*heading, &self.headings);
            if block_type == "permissions" {
                let first = self.includes.partition_point(|i| i.offset <= offset);
                let include = (first..self.includes.len())
                    .take_while(|&i| self.includes[i].offset < next_annotation)
                    .next();
                self.annotations[index].0.include = include;
                if include.is_none() {
                    self.sink
                        .at(
                            offset,
                            codes::ANNOTATION_UNBOUND,
                            Severity::Warning,
                            "this `permissions` annotation describes no permissions include: none follows it",
                        )
                        .help = Some("put the annotation right before the `[!INCLUDE]` of the permissions table".into());
                }
                continue;
            }
            let first = self.blocks.partition_point(|b| b.offset <= offset);
            let block = (first..self.blocks.len())
                .take_while(|&b| self.blocks[b].offset < next_annotation)
                .find(|&b| {
                    self.blocks[b].annotation.is_none()
                        && section_of(self.blocks[b].heading, &self.headings) == section
                });
            match block {
                Some(b) => {
                    self.blocks[b].annotation = Some(index);
                    self.annotations[index].0.block = Some(b);
                }
                None => {
                    // A fence may follow in the section, past another annotation that takes it.
                    let taken_by_next = next_annotation != usize::MAX
                        && self.blocks[first..].iter().any(|b| {
                            b.offset > next_annotation
                                && section_of(b.heading, &self.headings) == section
                        });
                    let (message, help) = if taken_by_next {
                        let line = self.line(next_annotation);
                        (
                            format!("this `{block_type}` annotation describes no code block: the next fence in its section has its own annotation, at line {line}"),
                            format!("remove this annotation, or merge it with the one at line {line}"),
                        )
                    } else {
                        (
                            format!("this `{block_type}` annotation describes no code block: none follows it in its section"),
                            "put the annotation right before the fence it describes".to_string(),
                        )
                    };
                    self.sink
                        .at(
                            offset,
                            codes::ANNOTATION_UNBOUND,
                            Severity::Warning,
                            message,
                        )
                        .help = Some(help);
                }
            }
        }
    }
}

/// The page offset of byte `at` of a block's content, through the (content, source) starts of
/// the content's pieces: inside a blockquote or list item the content has lost each line's
/// prefix, so content and source offsets drift apart.
pub(crate) fn source_offset(
    segments: &[(usize, usize)],
    content_offset: usize,
    at: usize,
) -> usize {
    match segments.partition_point(|&(content, _)| content <= at) {
        0 => content_offset + at,
        i => {
            let (content, source) = segments[i - 1];
            source + (at - content)
        }
    }
}

/// How many lines `text` has, as `str::lines` counts them, by one byte count.
fn line_count(text: &str) -> usize {
    if text.is_empty() {
        return 0;
    }
    count_newlines(text.as_bytes()) + usize::from(!text.ends_with('\n'))
}

/// Reads a `[!INCLUDE [label](path)]` line (possibly inside a blockquote) into label and path.
fn include_line(line: &str) -> Option<(&str, &str)> {
    // Bytes, not chars: every delimiter here is ASCII (a `str` pattern search costs several
    // times as much to set up as the few bytes it looks at).
    let indent = line
        .bytes()
        .take_while(|b| matches!(b, b' ' | b'\t' | b'>'))
        .count();
    let rest = line[indent..].strip_prefix("[!INCLUDE")?.trim_start();
    let rest = rest.strip_prefix('[')?;
    let bytes = rest.as_bytes();
    // The first `](`.
    let close = memchr::memchr_iter(b']', bytes).find(|&at| bytes.get(at + 1) == Some(&b'('))?;
    let (label, rest) = (&rest[..close], &rest[close + 2..]);
    let path_end = memchr::memchr(b')', rest.as_bytes())?;
    let (path, rest) = (&rest[..path_end], &rest[path_end + 1..]);
    rest.trim_start()
        .starts_with(']')
        .then(|| (label.trim(), path.trim()))
}

/// Whether the source of a fenced block ends with a closing fence.
fn fence_is_closed(source: &str) -> bool {
    let source = source.trim_end();
    if source.is_empty() {
        return false;
    }
    let opener = &source[..memchr::memchr(b'\n', source.as_bytes()).unwrap_or(source.len())];
    // Inside a blockquote every line starts with `>`.
    fn strip(line: &str) -> &str {
        line.trim_start_matches(|c: char| c == '>' || c.is_whitespace())
    }
    let opener = strip(opener);
    let fence_char = opener.chars().next().unwrap_or('`');
    let fence_len = opener.chars().take_while(|&c| c == fence_char).count();
    // The last line, found from the end: a block may hold thousands of lines.
    match source.rsplit_once('\n').map(|(_, last)| last) {
        Some(last) => {
            let last = strip(last);
            let last = last.trim_end();
            last.len() >= fence_len && last.chars().all(|c| c == fence_char)
        }
        None => false,
    }
}

/// The page offset of a (line, column) position within `body`, which starts at `body_start`.
fn offset_in(
    text: &str,
    lines: &LineIndex,
    body_start: usize,
    body: &str,
    line: usize,
    column: usize,
) -> usize {
    // The JSON reader saw the trimmed body, and counts columns in bytes.
    let leading = body.len() - body.trim_start().len();
    let start = body_start + leading;
    let line_offset = if line <= 1 {
        start
    } else {
        lines.line_start(lines.line(start) + line - 1)
    };
    floor_char_boundary(text, line_offset + column.saturating_sub(1))
}

/// The largest char boundary of `text` at or before `index` (clamped to the text).
pub(crate) fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::{fence_is_closed, include_line, line_count, split_front_matter, Inline};
    use crate::codes;
    use crate::page::table::CodeSpan;

    #[test]
    fn a_page_of_only_a_byte_order_mark_and_whitespace_is_empty() {
        for text in ["", " \n\t", "\u{feff}", "\u{feff}\n  \r\n"] {
            let page = super::parse("api/x.md", text.as_bytes());
            assert!(
                page.diagnostics.iter().any(|d| d.code == codes::EMPTY_PAGE),
                "{text:?}"
            );
        }
        let page = super::parse("api/x.md", "\u{feff}# Title\n".as_bytes());
        assert!(!page.diagnostics.iter().any(|d| d.code == codes::EMPTY_PAGE));
    }

    fn trimmed(text: &str) -> String {
        let mut inline = Inline::new(&(0..text.len()));
        inline.text.push_str(text);
        inline.trim();
        inline.text
    }

    #[test]
    fn trimming_keeps_code_spans_inside_the_text() {
        let mut inline = Inline::new(&(0..8));
        inline.text.push_str("  `ab`  ");
        inline.code.push(CodeSpan {
            at: 2,
            text: "`ab`".into(),
        });
        inline.trim();
        assert_eq!(inline.text, "`ab`");
        assert_eq!(
            (inline.code[0].at, inline.code[0].text.as_str()),
            (0, "`ab`")
        );
    }

    #[test]
    fn a_container_is_trimmed_as_str_trim_trims() {
        for text in [
            "",
            "a",
            " a",
            "a ",
            "\ta\n",
            "\u{b}a\u{b}",
            "\u{a0}a\u{3000}",
            "é",
            " é ",
            "a b",
        ] {
            assert_eq!(trimmed(text), text.trim(), "{text:?}");
        }
    }

    #[test]
    fn lines_are_counted_as_str_lines_counts_them() {
        for text in ["", "a", "a\n", "a\nb", "a\r\nb\r\n", "\n", "\n\n", "a\n\nb"] {
            assert_eq!(line_count(text), text.lines().count(), "{text:?}");
        }
    }

    #[test]
    fn front_matter_ends_at_the_first_closing_line() {
        let page = "---\ntitle: x\n...\nbody\n---\n";
        assert_eq!(split_front_matter(page), (Some((4, "title: x\n")), 17));
        assert_eq!(
            split_front_matter("---\na: b\n---"),
            (Some((4, "a: b\n")), 12)
        );
        assert_eq!(split_front_matter("---\na: b\n"), (None, 0));
        assert_eq!(split_front_matter("---\n"), (None, 0));
        assert_eq!(split_front_matter("# title\n---\n"), (None, 0));
    }

    #[test]
    fn a_fence_is_closed_by_a_last_line_of_as_many_fence_characters() {
        assert!(fence_is_closed("```json\n{}\n```\n"));
        assert!(fence_is_closed("> ```\n> x\n> ````"));
        assert!(!fence_is_closed("````\nx\n```"));
        assert!(!fence_is_closed("```json\n{}"));
        assert!(!fence_is_closed("```"));
        assert!(!fence_is_closed(""));
    }

    #[test]
    fn an_include_line_gives_its_label_and_path() {
        assert_eq!(
            include_line("[!INCLUDE [permissions-table](../includes/p.md)]\n"),
            Some(("permissions-table", "../includes/p.md"))
        );
        assert_eq!(
            include_line("> [!INCLUDE [ label ]( path.md )]"),
            Some(("label", "path.md"))
        );
    }

    #[test]
    fn an_include_label_ends_at_the_first_bracket_followed_by_a_parenthesis() {
        assert_eq!(
            include_line("[!INCLUDE [a]b](c.md)]"),
            Some(("a]b", "c.md"))
        );
        assert_eq!(
            include_line("[!INCLUDE [a]](b](c.md)]"),
            Some(("a]", "b](c.md"))
        );
    }

    #[test]
    fn a_line_that_is_not_a_whole_include_is_none() {
        assert_eq!(include_line("see [!INCLUDE [a](b.md)]"), None);
        assert_eq!(include_line("[!INCLUDE [a] (b.md)]"), None);
        assert_eq!(include_line("[!INCLUDE [a](b.md)"), None);
        assert_eq!(include_line("[!INCLUDE [a](b.md) x]"), None);
        assert_eq!(include_line("[!INCLUDE [a]"), None);
    }
}
