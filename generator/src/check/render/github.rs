//! `--format github`: one GitHub Actions workflow command per finding, which the runner turns
//! into an annotation on the pull request's diff.

use super::Report;
use crate::check::rules;
use crate::diagnostics::Severity;

/// Escapes a message (data) of a workflow command.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Renders the report as workflow commands.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for d in report.findings {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let title = match rules::find(d.code) {
            Some(r) => format!("{} {}", r.code, r.name),
            None => d.code.to_string(),
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        out.push_str(&format!(
            "::{command} file={},line={},col={},title={}::{}\n",
            property(&(report.display)(&d.file)),
            d.line,
            d.column,
            property(&title),
            data(&message)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_escape_their_properties_and_data() {
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
        assert_eq!(data("50%\nnext"), "50%25%0Anext");
    }
}
