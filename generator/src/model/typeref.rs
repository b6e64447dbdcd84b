//! Reading a documented type: a table type cell (`String`, `[x](x.md) collection`,
//! `Collection(Edm.Int32)`) or a type name from an annotation.

use crate::page::table::{Cell, Link};
use crate::patterns::patterns;
use serde::Serialize;

/// The type of a property whose Type cell names no type: OData's type for any value, so the
/// model's every property has a type, and nothing is claimed of its values.
pub const UNTYPED: &str = "Edm.Untyped";

/// A type as written on a page, before cross-page resolution.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeName {
    /// An Edm primitive, such as `Edm.String`.
    Primitive {
        /// The canonical Edm name.
        name: &'static str,
    },
    /// A named (resource, complex or enum) type.
    Named {
        /// The name as written (`accessReviewScope`, `microsoft.graph.x`).
        name: String,
        /// The page the link points to, relative to the docs root, when linked.
        target: Option<String>,
    },
    /// Text that names no type (`string (url)` is read as a primitive; a sentence is not).
    Unreadable {
        /// The cell text.
        text: String,
    },
}

/// A documented type with its collection marker.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct TypeRef {
    /// The element type.
    pub name: TypeName,
    /// Whether it is a collection of the element type.
    pub collection: bool,
    /// Set when the cell was read leniently (a primitive followed by a remark).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
}

/// Whether an Edm primitive is written as a JSON number (Int64 and Decimal may also come as
/// strings; the callers allow for that as they need).
pub fn is_number(edm: &str) -> bool {
    matches!(
        edm,
        "Edm.Int16"
            | "Edm.Int32"
            | "Edm.Int64"
            | "Edm.Byte"
            | "Edm.SByte"
            | "Edm.Single"
            | "Edm.Double"
            | "Edm.Decimal"
    )
}

/// Edm primitives by their spellings on the pages (compared case-insensitively).
const PRIMITIVES: &[(&str, &str)] = &[
    ("string", "Edm.String"),
    ("str", "Edm.String"),
    ("boolean", "Edm.Boolean"),
    ("bool", "Edm.Boolean"),
    ("int32", "Edm.Int32"),
    ("int", "Edm.Int32"),
    ("integer", "Edm.Int32"),
    ("int64", "Edm.Int64"),
    ("long", "Edm.Int64"),
    ("int16", "Edm.Int16"),
    ("byte", "Edm.Byte"),
    ("sbyte", "Edm.SByte"),
    ("single", "Edm.Single"),
    ("float", "Edm.Single"),
    ("double", "Edm.Double"),
    ("decimal", "Edm.Decimal"),
    ("number", "Edm.Double"),
    ("datetimeoffset", "Edm.DateTimeOffset"),
    ("datetime", "Edm.DateTimeOffset"),
    ("timestamp", "Edm.DateTimeOffset"),
    ("date", "Edm.Date"),
    ("timeofday", "Edm.TimeOfDay"),
    ("duration", "Edm.Duration"),
    ("guid", "Edm.Guid"),
    ("uuid", "Edm.Guid"),
    ("binary", "Edm.Binary"),
    ("stream", "Edm.Stream"),
];

/// The canonical Edm name for a spelling (`string`, `Edm.int32`, `DateTime`), if primitive.
pub fn primitive(word: &str) -> Option<&'static str> {
    let word = word.trim();
    let bare = word
        .get(..4)
        .filter(|p| p.eq_ignore_ascii_case("edm."))
        .map_or(word, |_| &word[4..]);
    PRIMITIVES
        .iter()
        .find(|(spelling, _)| spelling.eq_ignore_ascii_case(bare))
        .map(|(_, edm)| *edm)
}

patterns! {
    static COLLECTION_OF = r"(?i)^collection\s*\(\s*(.*?)\s*\)$";
    static BROKEN_LINK = r"^\[([A-Za-z_][A-Za-z0-9_.]*)\]\(([^)\s]+\.md)";
    static LEADING_WORD = r"^([A-Za-z][A-Za-z0-9.]*)\b\s*(.*)$";
}

/// Whether `text` is a plain or dotted identifier.
pub fn is_identifier(text: &str) -> bool {
    !text.is_empty()
        && text.split('.').all(|part| {
            part.bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
                && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        })
}

/// Reads a type cell. `page` is the relative path of the page the cell is on, used to resolve
/// relative links.
pub fn from_cell(cell: &Cell, page: &str) -> TypeRef {
    let text = cell.text.trim();
    let type_link = cell
        .links
        .iter()
        .find_map(|l| Some((l, type_page(page, l)?)));
    if let Some((link, resolved)) = type_link {
        let collection = has_collection_word(&without_first(text, &link.text));
        let linked_name = link.text.trim().trim_matches('`').trim();
        let name = if is_identifier(linked_name) {
            // `[Edm.String](...)` or `[String](...)` is still a primitive.
            if let Some(edm) = primitive(linked_name) {
                return TypeRef {
                    name: TypeName::Primitive { name: edm },
                    collection,
                    remark: None,
                };
            }
            linked_name.to_string()
        } else {
            page_stem(&link.target).unwrap_or_default()
        };
        return TypeRef {
            name: TypeName::Named {
                name,
                target: target_of(link, resolved),
            },
            collection,
            remark: None,
        };
    }
    // A broken link, `[name](page.md` without its closing parenthesis, still names a type.
    // The regex runs only on text that can match: it costs more than the whole test below.
    if let Some(c) = text
        .starts_with('[')
        .then(|| BROKEN_LINK.captures(text))
        .flatten()
    {
        return TypeRef {
            name: TypeName::Named {
                name: c[1].to_string(),
                target: resolve_link(page, &c[2]),
            },
            collection: has_collection_word(&text[c.get(0).map_or(0, |m| m.end())..]),
            remark: None,
        };
    }
    from_text(text)
}

/// `text` without the first occurrence of `part` (`str::replacen(part, "", 1)`, without the
/// search when `text` starts with `part`, as type cells whose link is the whole cell do).
fn without_first(text: &str, part: &str) -> String {
    match text.strip_prefix(part) {
        Some(rest) => rest.to_string(),
        None => text.replacen(part, "", 1),
    }
}

/// The page a type link points to. A link into a section of a page
/// (`enums.md#channelmembershiptype-values`) names the type by its text, not by the page.
pub fn link_target(page: &str, link: &Link) -> Option<String> {
    if links_into_section(link) {
        return None;
    }
    resolve_link(page, &link.target)
}

/// [`link_target`] for a link already resolved (by [`type_page`]) to `resolved`.
pub fn target_of(link: &Link, resolved: String) -> Option<String> {
    (!links_into_section(link)).then_some(resolved)
}

/// Whether a link leads into a section of a page and its text names the type.
fn links_into_section(link: &Link) -> bool {
    link.target.contains('#') && is_identifier(link.text.trim().trim_matches('`'))
}

/// Reads a type written as text (`String collection`, `Collection(microsoft.graph.x)`).
pub fn from_text(text: &str) -> TypeRef {
    let mut text = text.trim().trim_matches('`').trim();
    let mut collection = false;
    let may_be_collection_of = text.ends_with(')')
        && text
            .get(..10)
            .is_some_and(|head| head.eq_ignore_ascii_case("collection"));
    if let Some(c) = may_be_collection_of
        .then(|| COLLECTION_OF.captures(text))
        .flatten()
    {
        text = c.get(1).map_or("", |m| m.as_str());
        collection = true;
    } else if let Some(rest) = strip_prefix_ignore_case(text, "collection of ") {
        text = rest.trim();
        collection = true;
    } else if let Some(head) = strip_suffix_ignore_case(text, " collection") {
        text = head.trim();
        collection = true;
    }
    let text = text.trim_matches('`').trim();
    if let Some(edm) = primitive(text) {
        return TypeRef {
            name: TypeName::Primitive { name: edm },
            collection,
            remark: None,
        };
    }
    if is_identifier(text) {
        return TypeRef {
            name: TypeName::Named {
                name: text.to_string(),
                target: None,
            },
            collection,
            remark: None,
        };
    }
    if text.to_ascii_lowercase().contains("json object") {
        return TypeRef {
            name: TypeName::Named {
                name: "Json".to_string(),
                target: None,
            },
            collection,
            remark: Some(text.to_string()),
        };
    }
    // A primitive followed by a remark: `string (url)`, `String, maximum size 20`. A choice
    // of types (`string/number`, `Int32 or String`) names no one type: it stays unreadable.
    if let Some(c) = LEADING_WORD.captures(text) {
        let remark = c[2].trim();
        let names_a_choice =
            remark.starts_with('/') || strip_prefix_ignore_case(remark, "or ").is_some();
        if let Some(edm) = primitive(&c[1]).filter(|_| !names_a_choice) {
            let remark_collection = has_collection_word(remark);
            return TypeRef {
                name: TypeName::Primitive { name: edm },
                collection: collection || remark_collection,
                remark: Some(remark.to_string()),
            };
        }
    }
    TypeRef {
        name: TypeName::Unreadable {
            text: text.to_string(),
        },
        collection,
        remark: None,
    }
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    super::prose::starts_with_ignore_case(text, prefix).then(|| &text[prefix.len()..])
}

fn strip_suffix_ignore_case<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let start = text.len().checked_sub(suffix.len())?;
    let tail = text.get(start..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &text[..start])
}

/// Whether the text around a link says "collection" as a word of its own.
fn has_collection_word(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w.eq_ignore_ascii_case("collection"))
}

/// Whether a link points at a type's page: a relative `.md` link that does not lead into an
/// `api/` folder (operation pages are not types).
pub fn link_names_type(page: &str, link: &Link) -> bool {
    type_page(page, link).is_some()
}

/// The resolved target of a link that [`link_names_type`] accepts.
pub fn type_page(page: &str, link: &Link) -> Option<String> {
    resolve_link(page, &link.target).filter(|target| {
        target.ends_with(".md") && !target.split('/').any(|segment| segment == "api")
    })
}

/// The file stem of a link target (`../resources/user.md#x` gives `user`).
pub fn page_stem(target: &str) -> Option<String> {
    let path = target.split(['#', '?']).next()?;
    let file = path.rsplit('/').next()?;
    let stem = file.strip_suffix(".md")?;
    (!stem.is_empty()).then(|| stem.to_string())
}

/// Resolves a relative link target against the page it is on, giving a docs-root-relative
/// path (`v1.0/api/x.md` + `../resources/y.md` gives `v1.0/resources/y.md`). External and
/// absolute links give `None`.
pub fn resolve_link(page: &str, target: &str) -> Option<String> {
    let end = memchr::memchr2(b'#', b'?', target.as_bytes()).unwrap_or(target.len());
    let target = target[..end].trim();
    // Site-absolute links to a reference page: `/graph/api/resources/user?view=graph-rest-1.0`.
    if let Some(stem) = target.strip_prefix("/graph/api/resources/") {
        let root = page_root(page);
        let stem = stem.trim_end_matches(".md");
        return Some(format!("{root}resources/{stem}.md").to_ascii_lowercase());
    }
    let has_scheme = memchr::memchr_iter(b':', target.as_bytes())
        .any(|colon| target[colon..].starts_with("://"));
    if target.is_empty() || has_scheme || target.starts_with('/') {
        return None;
    }
    // The page's folder, then each segment of the target, built in one buffer; `depth`
    // counts the components of `out`, so `..` above the root is `None`.
    // Slashes are found with memchr rather than `split`/`rfind`, which cost more per call on
    // these short paths; this runs for every link of every page.
    let (folder, mut depth) = match memchr::memrchr(b'/', page.as_bytes()) {
        Some(at) => (
            &page[..at],
            memchr::memchr_iter(b'/', page.as_bytes()).count(),
        ),
        None => ("", 0),
    };
    let mut out = String::with_capacity(folder.len() + target.len() + 1);
    out.push_str(folder);
    let ends = memchr::memchr_iter(b'/', target.as_bytes()).chain([target.len()]);
    let mut start = 0;
    for end in ends {
        let segment = &target[start..end];
        start = end + 1;
        match segment {
            "" | "." => {}
            ".." => {
                depth = depth.checked_sub(1)?;
                match memchr::memrchr(b'/', out.as_bytes()) {
                    Some(at) => out.truncate(at),
                    None => out.clear(),
                }
            }
            s => {
                if depth > 0 {
                    out.push('/');
                }
                out.push_str(s);
                depth += 1;
            }
        }
    }
    out.make_ascii_lowercase();
    Some(out)
}

/// The part of a page path before its `api/` or `resources/` folder (`v1.0/`, or empty).
fn page_root(page: &str) -> &str {
    for folder in ["api/", "resources/"] {
        if let Some(i) = page.find(folder) {
            if i == 0 || page[..i].ends_with('/') {
                return &page[..i];
            }
        }
    }
    ""
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, links: &[(&str, &str)]) -> Cell {
        Cell {
            text: text.into(),
            links: links
                .iter()
                .map(|(t, d)| Link {
                    text: (*t).into(),
                    target: (*d).into(),
                })
                .collect(),
            ..Cell::default()
        }
    }

    fn prim(name: &'static str, collection: bool) -> TypeRef {
        TypeRef {
            name: TypeName::Primitive { name },
            collection,
            remark: None,
        }
    }

    #[test]
    fn primitives_in_any_spelling() {
        assert_eq!(from_text("String"), prim("Edm.String", false));
        assert_eq!(from_text("string collection"), prim("Edm.String", true));
        assert_eq!(from_text("Edm.Int32"), prim("Edm.Int32", false));
        assert_eq!(from_text("int"), prim("Edm.Int32", false));
        assert_eq!(
            from_text("DateTimeOffSet"),
            prim("Edm.DateTimeOffset", false)
        );
        assert_eq!(from_text("DateTime"), prim("Edm.DateTimeOffset", false));
        assert_eq!(from_text("Collection(Edm.Guid)"), prim("Edm.Guid", true));
        assert_eq!(from_text("collection of String"), prim("Edm.String", true));
    }

    #[test]
    fn linked_type_takes_name_from_text_and_keeps_target() {
        let t = from_cell(
            &cell(
                "accessReviewReviewerScope collection",
                &[(
                    "accessReviewReviewerScope",
                    "../resources/accessreviewreviewerscope.md",
                )],
            ),
            "v1.0/api/x.md",
        );
        assert!(t.collection);
        assert_eq!(
            t.name,
            TypeName::Named {
                name: "accessReviewReviewerScope".into(),
                target: Some("v1.0/resources/accessreviewreviewerscope.md".into())
            }
        );
    }

    #[test]
    fn a_name_ending_in_collection_is_not_a_collection() {
        let t = from_cell(
            &cell(
                "windowsInformationProtectionResourceCollection",
                &[(
                    "windowsInformationProtectionResourceCollection",
                    "../resources/intune-mam-windowsinformationprotectionresourcecollection.md",
                )],
            ),
            "v1.0/resources/x.md",
        );
        assert!(!t.collection);
        let t = from_text("windowsInformationProtectionResourceCollection");
        assert!(!t.collection);
    }

    #[test]
    fn links_to_operation_pages_are_not_types() {
        let t = from_cell(
            &cell(
                "See operation",
                &[("See operation", "onenoteoperation-get.md")],
            ),
            "v1.0/api/x.md",
        );
        assert!(matches!(t.name, TypeName::Unreadable { .. }));
    }

    #[test]
    fn prose_link_text_falls_back_to_the_target_stem() {
        let t = from_cell(
            &cell(
                "Conditional Access Session Control",
                &[(
                    "Conditional Access Session Control",
                    "conditionalaccesssessioncontrol.md",
                )],
            ),
            "v1.0/resources/x.md",
        );
        assert!(
            matches!(t.name, TypeName::Named { ref name, .. } if name == "conditionalaccesssessioncontrol")
        );
    }

    #[test]
    fn a_choice_of_types_names_no_type() {
        for text in ["string/number", "Int32 or String", "string / number"] {
            assert!(
                matches!(from_text(text).name, TypeName::Unreadable { .. }),
                "{text}"
            );
        }
        // A remark that is no choice keeps the primitive.
        assert_eq!(
            from_text("String (ordered)").name,
            prim("Edm.String", false).name
        );
    }

    #[test]
    fn primitive_with_a_remark_and_free_text() {
        let t = from_text("string (url)");
        assert_eq!(t.name, TypeName::Primitive { name: "Edm.String" });
        assert_eq!(t.remark.as_deref(), Some("(url)"));
        assert!(matches!(
            from_text("appHostedMediaConfig or serviceHostedMediaConfig").name,
            TypeName::Unreadable { .. }
        ));
    }

    #[test]
    fn links_resolve_relative_to_the_page() {
        assert_eq!(
            resolve_link("v1.0/api/a.md", "../resources/b.md#x"),
            Some("v1.0/resources/b.md".into())
        );
        assert_eq!(
            resolve_link("v1.0/resources/a.md", "B.md"),
            Some("v1.0/resources/b.md".into())
        );
        assert_eq!(resolve_link("v1.0/resources/a.md", "https://x/y.md"), None);
        assert_eq!(resolve_link("a.md", "../../b.md"), None);
        assert_eq!(
            resolve_link(
                "v1.0/resources/a.md",
                "/graph/api/resources/directoryobject?view=graph-rest-1.0"
            ),
            Some("v1.0/resources/directoryobject.md".into())
        );
    }

    #[test]
    fn a_link_into_a_section_names_the_type_by_its_text() {
        let t = from_cell(
            &cell(
                "channelMembershipType",
                &[(
                    "channelMembershipType",
                    "../resources/enums.md#channelmembershiptype-values",
                )],
            ),
            "v1.0/resources/channel.md",
        );
        assert_eq!(
            t.name,
            TypeName::Named {
                name: "channelMembershipType".into(),
                target: None
            }
        );
    }

    #[test]
    fn a_broken_link_still_names_its_type() {
        let t = from_cell(
            &cell("[invitedUserMessageInfo](invitedusermessageinfo.md", &[]),
            "v1.0/resources/invitation.md",
        );
        assert_eq!(
            t.name,
            TypeName::Named {
                name: "invitedUserMessageInfo".into(),
                target: Some("v1.0/resources/invitedusermessageinfo.md".into())
            }
        );
    }
}
