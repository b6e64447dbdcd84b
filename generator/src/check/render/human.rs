//! rustc-style output: `warning[GD1401]: message`, the file and position, the source line with
//! a caret under the span, the rule's name and a help line.

use super::{counts_line, line_of, Report};
use crate::check::rules;
use crate::diagnostics::{Diagnostic, Place, Severity};
use annotate_snippets::{Level, Renderer, Snippet};
use std::borrow::Cow;
use std::ops::Range;

/// `text` with its control characters (a tab aside) shown as the Unicode control pictures
/// (`␛` for ESC), one character for one: page text and keys reach the terminal as text, never
/// as escape sequences or line breaks of their own, and columns stay where they were.
pub fn visible(text: &str) -> Cow<'_, str> {
    let is_hidden = |c: char| c.is_control() && c != '\t';
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let picture = |c: char| match u32::from(c) {
        code @ 0..=0x1f => char::from_u32(0x2400 + code).unwrap_or('\u{fffd}'),
        0x7f => '\u{2421}',
        _ => '\u{fffd}',
    };
    Cow::Owned(
        text.chars()
            .map(|c| if is_hidden(c) { picture(c) } else { c })
            .collect(),
    )
}

fn level(severity: Severity) -> Level {
    match severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Note => Level::Note,
    }
}

/// The byte span a finding underlines in its line: from its column to the end of the token
/// there (a quoted string, or a run of non-space characters). A column in the line's
/// indentation underlines through to the end of the first token: the renderer
/// (annotate-snippets 0.11) cannot trim a long line around a span that ends inside the
/// indentation.
pub fn span(line: &str, column: usize) -> Range<usize> {
    let start = line
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    let indent_end = line.len() - line.trim_start().len();
    let token_start = if start < indent_end && indent_end < line.len() {
        indent_end
    } else {
        start
    };
    let end = token_start + token_len(&line[token_start..]);
    start..end.min(line.len())
}

/// The length in bytes of the token `text` starts with: a quoted string, or a run of
/// non-space characters other than a comma, and at least its first character.
fn token_len(text: &str) -> usize {
    let len = if let Some(inner) = text.strip_prefix('"') {
        inner.find('"').map_or(text.len(), |i| i + 2)
    } else {
        text.find(|c: char| c.is_whitespace() || c == ',')
            .unwrap_or(text.len())
    };
    len.max(text.chars().next().map_or(0, char::len_utf8))
}

/// `line` as the renderer measures it, with `underlined` moved along: a tab, and any
/// whitespace of the indentation, as one space. The renderer (annotate-snippets 0.11) counts a
/// tab as four columns of indentation but none under the caret, and any whitespace character
/// as one column of indentation whatever its width: measured otherwise, the caret drifts, and
/// a long line cannot be trimmed around a span near its indentation. One character for one,
/// so the column the renderer prints beside the file stays the finding's.
fn as_displayed(line: &str, underlined: Range<usize>) -> (String, Range<usize>) {
    let indent_end = line.len() - line.trim_start().len();
    let mut shown = String::with_capacity(line.len());
    let (mut start, mut end) = (None, None);
    for (i, c) in line.char_indices() {
        if i == underlined.start {
            start = Some(shown.len());
        }
        if i == underlined.end {
            end = Some(shown.len());
        }
        match c {
            '\t' => shown.push(' '),
            _ if i < indent_end => shown.push(' '),
            c => shown.push(c),
        }
    }
    let start = start.unwrap_or(shown.len());
    let end = end.unwrap_or(shown.len()).max(start);
    (shown, start..end)
}

fn one(d: &Diagnostic, report: &Report, renderer: &Renderer) -> String {
    let path = (report.display)(&d.file);
    let path = visible(&path);
    let line_text = visible(
        (report.source)(&d.file)
            .and_then(|text| line_of(text, d.line))
            .unwrap_or(""),
    );
    let line_text = line_text.as_ref();
    let title = visible(&d.message);
    let help = match (&d.help, &d.fix) {
        (Some(help), Some(_)) => {
            Some(visible(&format!("{help} (`check --fix` does it)")).into_owned())
        }
        (Some(help), None) => Some(visible(help).into_owned()),
        (None, Some(_)) => Some("`check --fix` fixes it".to_string()),
        (None, None) => None,
    };
    let rule = rules::find(d.code);
    let note = rule.map(|r| {
        format!(
            "rule `{}`; `graph-docgen explain {}` says more",
            r.name, r.code
        )
    });
    let lvl = level(d.severity);
    let mut message = lvl.title(&title).id(d.code);
    // The renderer adds `:line:column` to the origin; the caret is drawn at every severity.
    let (line_text, underlined) = as_displayed(line_text, span(line_text, d.column));
    let snippet = Snippet::source(&line_text)
        .line_start(d.line)
        .origin(&path)
        .annotation(Level::Error.span(underlined));
    message = message.snippet(snippet);
    if let Some(help) = &help {
        message = message.footer(Level::Help.title(help));
    }
    let also_at = places(&d.also_at);
    if let Some(also_at) = &also_at {
        message = message.footer(Level::Note.title(also_at));
    }
    if let Some(note) = &note {
        message = message.footer(Level::Note.title(note));
    }
    let out = renderer.render(message).to_string();
    out
}

/// The other places of a finding that stands for several, as `line:column`, the first ten.
fn places(also_at: &[Place]) -> Option<String> {
    const SHOWN: usize = 10;
    if also_at.is_empty() {
        return None;
    }
    let shown: Vec<String> = also_at
        .iter()
        .take(SHOWN)
        .map(|p| format!("{}:{}", p.line, p.column))
        .collect();
    let more = also_at.len().saturating_sub(SHOWN);
    Some(format!(
        "the same at {}{}",
        shown.join(", "),
        if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        }
    ))
}

/// Renders every finding and a summary line.
pub fn render(report: &Report, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in report.findings {
        out.push_str(&one(d, report, &renderer));
        out.push_str("\n\n");
    }
    out.push_str(&counts_line(report));
    if report.baselined > 0 {
        out.push_str(&format!(
            " ({} more accepted by the baseline)",
            report.baselined
        ));
    }
    let fixable = report.findings.iter().filter(|d| d.fix.is_some()).count();
    if fixable > 0 {
        out.push_str(&format!("; {fixable} fixable with `check --fix`"));
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::{render, span, visible};
    use crate::check::render::Report;
    use crate::codes;
    use crate::diagnostics::{Diagnostic, Severity};
    use proptest::prelude::*;

    /// The human rendering of one finding at `column` of a page whose only line is `line`.
    fn rendered(line: &str, column: usize) -> String {
        let finding = [Diagnostic {
            file: "v1.0/api/page.md".into(),
            line: 1,
            column,
            code: codes::PAYLOAD_UNREADABLE,
            severity: Severity::Error,
            message: "this payload is not JSON".into(),
            help: None,
            fix: None,
            also_at: Vec::new(),
        }];
        let source = |_: &str| Some(line);
        let display = |file: &str| file.to_string();
        let report = Report {
            findings: &finding,
            files_checked: 1,
            baselined: 0,
            source: &source,
            display: &display,
        };
        render(&report, false)
    }

    /// A finding at the start of an indented line longer than a terminal: the renderer
    /// (annotate-snippets) subtracts the indentation from the end of the span when it trims
    /// the line, so a span inside the indentation made it overflow.
    #[test]
    fn a_finding_in_the_indentation_of_a_long_line_is_shown() {
        let line = format!("{}\"query\": \"{}\",", " ".repeat(16), "B".repeat(200));
        let shown = rendered(&line, 1);
        assert!(shown.contains("^"), "{shown}");
        assert!(shown.contains("\"query\""), "{shown}");
    }

    /// A tab is shown as a space: the caret stays under the token the column names, and the
    /// column printed beside the file is the finding's.
    #[test]
    fn the_caret_stays_under_its_token_after_a_tab() {
        let shown = rendered("\tx\t\"naem\": 1", 4);
        let lines: Vec<&str> = shown.lines().collect();
        let source = lines.iter().position(|l| l.contains("naem")).unwrap();
        let token = lines[source].find("\"naem\"").unwrap();
        let caret = lines[source + 1].find('^').unwrap();
        assert_eq!(caret, token, "{shown}");
        assert_eq!(lines[source + 1][caret..].trim_end(), "^^^^^^", "{shown}");
        assert!(shown.contains("page.md:1:4\n"), "{shown}");
    }

    proptest! {
        /// Whatever the line and the column a finding names, it is rendered, at that column.
        #[test]
        fn any_line_and_column_are_rendered(
            indent in "[ \t\u{a0}\u{3000}\u{2028}\u{85}]{0,40}",
            text in "[ a-z\"\t,é漢\u{301}\u{3000}\u{2028}]{0,300}",
            column in 0usize..400,
        ) {
            let line = format!("{indent}{text}");
            let shown = rendered(&line, column);
            prop_assert!(shown.contains("error[GD0402]"));
            if (1..=line.chars().count()).contains(&column) {
                let position = format!("page.md:1:{column}\n");
                prop_assert!(shown.contains(&position), "{}", shown);
            }
        }
    }

    #[test]
    fn control_characters_are_shown_not_sent_to_the_terminal() {
        assert_eq!(visible("key \u{1b}[2Jx\r\ny\u{7f}"), "key ␛[2Jx␍␊y␡");
        assert!(matches!(
            visible("plain\ttext é"),
            std::borrow::Cow::Borrowed(_)
        ));
        // One character for one, so the caret stays under its column.
        let shown = visible("\u{1b}\"naem\": 1");
        assert_eq!(&shown[span(&shown, 2)], "\"naem\"");
    }

    #[test]
    fn spans_cover_the_token_at_the_column() {
        let line = r#"  "naem": "x","#;
        assert_eq!(&line[span(line, 3)], "\"naem\"");
        assert_eq!(&line["ab cd".len()..][..0], "");
        assert_eq!(span("abc", 10), 3..3);
        assert_eq!(&"GET /x y"[span("GET /x y", 5)], "/x");
        // In the indentation: through to the end of the first token.
        assert_eq!(&"    \"id\": 1"[span("    \"id\": 1", 2)], "   \"id\"");
    }
}
