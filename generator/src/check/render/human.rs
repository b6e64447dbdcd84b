//! rustc-style output: `warning[GD1401]: message`, the file and position, the source line with
//! a caret under the span, the rule's name and a help line.

use super::{line_of, Counts, Report};
use crate::check::rules;
use crate::diagnostics::{Diagnostic, Severity};
use annotate_snippets::{Level, Renderer, Snippet};
use std::borrow::Cow;

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
/// there (a quoted string, or a run of non-space characters).
pub fn span(line: &str, column: usize) -> std::ops::Range<usize> {
    let start = line
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    let rest = &line[start..];
    let len = if let Some(inner) = rest.strip_prefix('"') {
        inner.find('"').map_or(rest.len(), |i| i + 2)
    } else {
        rest.find(|c: char| c.is_whitespace() || c == ',')
            .unwrap_or(rest.len())
    };
    let end = start + len.max(rest.chars().next().map_or(0, char::len_utf8));
    start..end.min(line.len())
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
    let help = d.help.as_deref().map(visible);
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
    let snippet = Snippet::source(line_text)
        .line_start(d.line)
        .origin(&path)
        .annotation(Level::Error.span(span(line_text, d.column)));
    message = message.snippet(snippet);
    if let Some(help) = &help {
        message = message.footer(Level::Help.title(help));
    }
    if let Some(note) = &note {
        message = message.footer(Level::Note.title(note));
    }
    let out = renderer.render(message).to_string();
    out
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
    let c = Counts::of(report.findings);
    out.push_str(&format!(
        "{} error{}, {} warning{}, {} note{} in {} checked page{}",
        c.errors,
        plural(c.errors),
        c.warnings,
        plural(c.warnings),
        c.notes,
        plural(c.notes),
        report.files_checked,
        plural(report.files_checked)
    ));
    if report.baselined > 0 {
        out.push_str(&format!(
            " ({} more accepted by the baseline)",
            report.baselined
        ));
    }
    out.push('\n');
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::{span, visible};

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
    }
}
