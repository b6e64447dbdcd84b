//! Unfinished text: `TODO` markers and empty descriptions.

use super::context::PageFindings;
use crate::codes;
use crate::patterns::patterns;
use std::sync::LazyLock;

patterns! {
    static TODO = r"\bTODO\b";
}

/// The substring search for `TODO`, set up once rather than on every page.
static TODO_FINDER: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("TODO"));

/// Reports `TODO` markers outside code blocks (front matter included).
pub fn check_todo(cx: &mut PageFindings) {
    let page = cx.page;
    if TODO_FINDER.find(page.text.as_bytes()).is_none() {
        return;
    }
    // Line ranges of code blocks, whose contents are examples, not prose.
    let blocks: Vec<(usize, usize)> = page
        .blocks
        .iter()
        .map(|b| (b.line, b.line + b.content.lines().count() + 1))
        .collect();
    let mut offset = 0;
    for (i, line) in page.text.split_inclusive('\n').enumerate() {
        let number = i + 1;
        if !blocks
            .iter()
            .any(|(start, end)| (*start..=*end).contains(&number))
        {
            for m in TODO.find_iter(line) {
                cx.at(
                    offset + m.start(),
                    codes::TODO_MARKER,
                    "unfinished `TODO` marker",
                )
                .help = Some("finish the text and remove the marker before publishing".into());
            }
        }
        offset += line.len();
    }
}

/// Reports property and parameter rows whose Description cell is empty.
pub fn check_descriptions(cx: &mut PageFindings) {
    let page = cx.page;
    for table in &page.tables {
        // One column after the other: most tables without a name column stop at the first.
        let Some(name) = table.name_column() else {
            continue;
        };
        if table.type_column().is_none() {
            continue;
        }
        let Some(description) = table.description_column() else {
            continue;
        };
        for row in &table.rows {
            let Some(name_cell) = row.cells.get(name) else {
                continue;
            };
            let empty = row
                .cells
                .get(description)
                .is_none_or(|c| c.text.trim().is_empty());
            if name_cell.text.trim().is_empty()
                || !empty
                || row.cells.len() < table.header.cells.len()
            {
                continue;
            }
            cx.at(
                row.offset,
                codes::EMPTY_DESCRIPTION,
                format!("`{}` has no description", name_cell.text.trim()),
            )
            .help = Some("say what the property holds".into());
        }
    }
}
