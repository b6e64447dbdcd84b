//! Rust names for wire names: one function per kind of item, each giving a valid, readable
//! identifier, plus [`Unique`] to keep the names of one scope apart. The wire name is always
//! kept beside the Rust name (in a serde `rename`), so no information is lost.

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// Words Rust reserves; an identifier equal to one is written raw (`r#type`) or, for the few
/// that cannot be raw, with a trailing underscore.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "box", "break", "const", "continue", "crate", "dyn", "else", "enum",
    "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro",
    "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self",
    "static", "struct", "super", "trait", "true", "try", "type", "typeof", "union", "unsafe",
    "unsized", "use", "virtual", "where", "while", "yield", "abstract", "become", "do",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// The words of a wire name: everything that is not a letter or digit separates words
/// (`@odata.type` gives `odata type`, `x-ms-client` gives `x ms client`).
fn words(wire: &str) -> String {
    wire.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .trim()
        .to_string()
}

/// Makes `name` a valid identifier: a leading digit gets a prefix, an empty name becomes
/// `fallback`, a keyword is made raw or suffixed.
fn valid(name: String, digit_prefix: &str, fallback: &str) -> String {
    let name = if name.is_empty() {
        fallback.to_string()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{digit_prefix}{name}")
    } else {
        name
    };
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// A field or function name: `snake_case` (`displayName` gives `display_name`,
/// `@odata.type` gives `odata_type`, `type` gives `r#type`).
pub fn field(wire: &str) -> String {
    valid(words(wire).to_snake_case(), "n", "value")
}

/// A type or variant name: `UpperCamelCase` of the last segment of a qualified name
/// (`microsoft.graph.accessReviewInstance` gives `AccessReviewInstance`).
pub fn type_name(qualified: &str) -> String {
    let last = qualified.rsplit('.').next().unwrap_or(qualified);
    valid(words(last).to_upper_camel_case(), "T", "Unnamed")
}

/// An enum variant for a wire value (`unknownFutureValue` gives `UnknownFutureValue`,
/// `2fa` gives `V2fa`).
pub fn variant(wire: &str) -> String {
    valid(words(wire).to_upper_camel_case(), "V", "Empty")
}

/// A module name for a namespace (`microsoft.graph.callRecords` gives `call_records`).
pub fn module(namespace: &str) -> String {
    let last = namespace.rsplit('.').next().unwrap_or(namespace);
    valid(words(last).to_snake_case(), "m", "root")
}

/// Keeps the names of one scope (the fields of a struct, the variants of an enum) distinct:
/// a name already taken gets `_2`, `_3`... (wire names that convert to one Rust name, such as
/// `subUnit` and `sub_unit`, meet here).
#[derive(Debug, Default)]
pub struct Unique {
    taken: BTreeSet<String>,
}

impl Unique {
    /// Returns `name`, or the first of `name_2`, `name_3`... not yet taken, and takes it.
    pub fn claim(&mut self, name: String) -> String {
        if self.taken.insert(name.clone()) {
            return name;
        }
        let base = name.trim_start_matches("r#");
        // `display_name_2` for snake case, `Status2` for camel case.
        let separator = if base.starts_with(|c: char| c.is_ascii_uppercase()) || base.ends_with('_')
        {
            ""
        } else {
            "_"
        };
        (2..)
            .map(|n| format!("{base}{separator}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_snake_case_and_valid() {
        assert_eq!(field("displayName"), "display_name");
        assert_eq!(field("@odata.type"), "odata_type");
        assert_eq!(field("type"), "r#type");
        assert_eq!(field("self"), "self_");
        assert_eq!(field("3dModel"), "n3d_model");
        assert_eq!(field("x-ms-client-request-id"), "x_ms_client_request_id");
        assert_eq!(field("isMuted@odata.bind"), "is_muted_odata_bind");
        assert_eq!(field(""), "value");
    }

    #[test]
    fn types_and_variants_are_camel_case_and_valid() {
        assert_eq!(
            type_name("microsoft.graph.accessReviewInstance"),
            "AccessReviewInstance"
        );
        assert_eq!(type_name("microsoft.graph.callRecords.session"), "Session");
        assert_eq!(type_name("microsoft.graph.Self"), "Self_");
        assert_eq!(variant("unknownFutureValue"), "UnknownFutureValue");
        assert_eq!(variant("2fa"), "V2fa");
        assert_eq!(variant("Not Reviewed"), "NotReviewed");
        assert_eq!(module("microsoft.graph.callRecords"), "call_records");
    }

    #[test]
    fn names_that_meet_are_kept_apart() {
        let mut scope = Unique::default();
        assert_eq!(scope.claim(field("subUnit")), "sub_unit");
        assert_eq!(scope.claim(field("subunit")), "subunit");
        assert_eq!(scope.claim(field("sub_unit")), "sub_unit_2");
        assert_eq!(scope.claim(field("type")), "r#type");
        assert_eq!(scope.claim(field("Type")), "type_2");
        assert_eq!(scope.claim(field("self")), "self_");
        assert_eq!(scope.claim(field("Self")), "self_2");
        let mut types = Unique::default();
        assert_eq!(types.claim(variant("other")), "Other");
        assert_eq!(types.claim(variant("Other")), "Other2");
    }
}
