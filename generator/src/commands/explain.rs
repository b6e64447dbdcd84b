//! `graph-docgen explain`: a rule's explanation, or the list of rules.

use super::{to_stdout, EXIT_OK, EXIT_USAGE};
use crate::check::rules::{self, RULES};

/// Prints the explanation of `code` (a code or a rule name), or every rule with `list`.
pub fn run(code: Option<&str>, list: bool) -> u8 {
    match (code, list) {
        (Some(code), false) => match rules::find(code) {
            Some(r) => to_stdout(EXIT_OK, |out| {
                writeln!(
                    out,
                    "{} {} ({} by default{})\n\n{}.\n\n{}",
                    r.code,
                    r.name,
                    r.severity,
                    if r.enabled {
                        ""
                    } else {
                        "; off unless enabled"
                    },
                    r.summary,
                    r.explanation
                )
            }),
            None => {
                eprintln!("error: no rule `{code}`; `graph-docgen explain --list` lists them");
                EXIT_USAGE
            }
        },
        _ => to_stdout(EXIT_OK, |out| {
            for r in RULES {
                let default = if r.enabled {
                    r.severity.to_string()
                } else {
                    "off".to_string()
                };
                writeln!(
                    out,
                    "{}  {:<32} {:<8} {}",
                    r.code, r.name, default, r.summary
                )?;
            }
            Ok(())
        }),
    }
}
