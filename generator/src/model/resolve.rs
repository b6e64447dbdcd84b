//! Resolves type references against the defined types. The resolver only reads, so that the
//! references of many types and operations resolve in parallel; a reference it cannot resolve
//! comes back as a [`Miss`], and the misses are tallied afterwards in the model's order (so the
//! first reference of each unresolved name is the same whatever the threads did).

use super::prose::contains_ignore_case;
use super::resources::qualify;
use super::typeref::{TypeName, TypeRef, UNTYPED};
use super::{TypeDef, Unresolved};
use foldhash::{HashMap, HashSet};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// A reference that names no defined type.
pub(super) struct Miss {
    /// The qualified name it would have.
    name: String,
    /// The page it links to, when that page is not one of the pages read.
    target: Option<String>,
    /// Where it is, `path:line`.
    at: String,
}

/// The defined types, indexed every way a reference can name them.
pub(super) struct Resolver {
    /// Qualified names of every defined type, by version.
    defined: HashMap<&'static str, HashSet<String>>,
    /// Lower-cased qualified name to (version, name).
    by_lower: HashMap<String, Vec<(&'static str, String)>>,
    /// Lower-cased page path to the qualified names defined there, the page's own type (its
    /// name matches the file name) first.
    by_page: HashMap<String, Vec<String>>,
    /// Lower-cased page paths of every page read.
    pages: HashSet<String>,
}

/// The lower-cased last segment of a qualified name.
fn short_name(name: &str) -> String {
    last_segment(name).to_ascii_lowercase()
}

/// The part of a qualified name after its last dot.
fn last_segment(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or("")
}

/// The lower-cased pages that define `def`, each with whether it is the type's own page (the
/// file is named after the type).
fn defining_pages(name: &str, def: &TypeDef) -> Vec<(String, bool)> {
    let also = def
        .also_defined_in
        .iter()
        .filter_map(|source| source.rsplit_once(':').map(|(page, _)| page));
    let short = short_name(name);
    std::iter::once(def.page.as_str())
        .chain(also)
        .map(|page| {
            let page = page.to_ascii_lowercase();
            let stem = page
                .rsplit('/')
                .next()
                .unwrap_or("")
                .trim_end_matches(".md");
            let own = stem == short;
            (page, own)
        })
        .collect()
}

impl Resolver {
    /// Indexes the merged types and the paths of every page read.
    pub(super) fn new(types: &BTreeMap<(&'static str, String), TypeDef>, pages: &[String]) -> Self {
        // The lower-casing is the costly part: done in parallel, then indexed in type order.
        let entries: Vec<_> = types.iter().collect();
        let keyed: Vec<(String, Vec<(String, bool)>)> = entries
            .par_iter()
            .map(|((_, name), def)| (name.to_ascii_lowercase(), defining_pages(name, def)))
            .collect();
        let mut defined: HashMap<&'static str, HashSet<String>> = HashMap::default();
        let mut by_lower: HashMap<String, Vec<(&'static str, String)>> = HashMap::default();
        let mut by_page: HashMap<String, Vec<String>> = HashMap::default();
        for (((version, name), _), (lower, pages)) in entries.into_iter().zip(keyed) {
            defined.entry(*version).or_default().insert(name.clone());
            by_lower
                .entry(lower)
                .or_default()
                .push((*version, name.clone()));
            for (page, own) in pages {
                let names = by_page.entry(page).or_default();
                if names.contains(name) {
                    continue;
                }
                if own {
                    names.insert(0, name.clone());
                } else {
                    names.push(name.clone());
                }
            }
        }
        Resolver {
            defined,
            by_lower,
            by_page,
            pages: pages.par_iter().map(|p| p.to_ascii_lowercase()).collect(),
        }
    }

    /// The canonical qualified name of `name` as defined (exact, then ignoring case), any
    /// version, preferring `version`.
    pub(super) fn lookup(&self, name: &str, version: &'static str) -> Option<String> {
        if self
            .defined
            .get(version)
            .is_some_and(|names| names.contains(name))
        {
            return Some(name.to_string());
        }
        let candidates = self.by_lower.get(&name.to_ascii_lowercase())?;
        candidates
            .iter()
            .find(|(v, n)| *v == version && n == name)
            .or_else(|| candidates.iter().find(|(v, _)| *v == version))
            .or_else(|| candidates.first())
            .map(|(_, n)| n.clone())
    }

    /// Looks a short name up in `namespace`, then in `microsoft.graph`.
    pub(super) fn lookup_in(
        &self,
        name: &str,
        namespace: &str,
        version: &'static str,
    ) -> Option<String> {
        self.lookup(&qualify(name, namespace), version)
            .or_else(|| self.lookup(&qualify(name, "microsoft.graph"), version))
    }

    /// The type a page defines: the one its file is named after, or the first.
    pub(super) fn page_type(&self, page: &str) -> Option<&String> {
        self.by_page.get(page).and_then(|names| names.first())
    }

    /// The type of the linked page `page` that a link named `name` means: the one of that
    /// name, else one whose name holds it (`[message](chatmessage.md)` is a shortening of
    /// `chatMessage`).
    fn linked_type(&self, page: &str, name: &str) -> Option<&String> {
        let names = self.by_page.get(page)?;
        let short = last_segment(name);
        names
            .iter()
            .find(|n| last_segment(n).eq_ignore_ascii_case(short))
            .or_else(|| {
                names
                    .iter()
                    .find(|n| contains_ignore_case(last_segment(n), short))
            })
    }

    /// Resolves a reference; returns the qualified name (or the Edm name), empty when the
    /// reference names no type at all. A linked page that defines a type of the link's name,
    /// or one whose name holds the link's name, wins; then the name itself; then the linked
    /// page's own type. A reference that names no defined type joins `misses` (`at` says
    /// where it is).
    pub(super) fn resolve(
        &self,
        type_ref: &TypeRef,
        version: &'static str,
        namespace: &str,
        at: impl FnOnce() -> String,
        misses: &mut Vec<Miss>,
    ) -> String {
        match &type_ref.name {
            TypeName::Primitive { name } => (*name).to_string(),
            TypeName::Unreadable { .. } => UNTYPED.to_string(),
            TypeName::Named { name, target } => {
                if name.eq_ignore_ascii_case("json") {
                    return "microsoft.graph.Json".to_string();
                }
                if let Some(found) = target.as_ref().and_then(|t| self.linked_type(t, name)) {
                    return found.clone();
                }
                if let Some(found) = self.lookup_in(name, namespace, version) {
                    return found;
                }
                if let Some(found) = target.as_ref().and_then(|t| self.page_type(t)) {
                    return found.clone();
                }
                let qualified = qualify(name, namespace);
                let linked_page_exists = target.as_ref().is_some_and(|t| self.pages.contains(t));
                misses.push(Miss {
                    name: qualified.clone(),
                    target: target.clone().filter(|_| !linked_page_exists),
                    at: at(),
                });
                qualified
            }
        }
    }
}

/// The unresolved names of `misses`, taken in order: each keeps its first reference and
/// counts them all. Sorted by name.
pub(super) fn tally(misses: impl IntoIterator<Item = Miss>) -> Vec<Unresolved> {
    let mut unresolved: BTreeMap<String, Unresolved> = BTreeMap::new();
    for miss in misses {
        unresolved
            .entry(miss.name)
            .or_insert_with_key(|name| Unresolved {
                name: name.clone(),
                target: miss.target,
                references: 0,
                first_reference: miss.at,
            })
            .references += 1;
    }
    unresolved.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TypeKind;

    fn type_def(name: &str, page: &str) -> TypeDef {
        TypeDef {
            name: name.into(),
            kind: TypeKind::Complex,
            base: None,
            version: "v1.0",
            is_abstract: false,
            open: false,
            key: None,
            description: String::new(),
            properties: Vec::new(),
            members: Vec::new(),
            flags: false,
            source: format!("{page}:3"),
            also_defined_in: Vec::new(),
            template: None,
            base_text: None,
            base_annotation: None,
            derived_text: Vec::new(),
            derived: Vec::new(),
            page: page.into(),
            addressable: false,
        }
    }

    fn resolver(defs: &[(&str, &str)], pages: &[&str]) -> Resolver {
        let types = defs
            .iter()
            .map(|(name, page)| (("v1.0", name.to_string()), type_def(name, page)))
            .collect();
        let pages: Vec<String> = pages.iter().map(|p| p.to_string()).collect();
        Resolver::new(&types, &pages)
    }

    fn named(name: &str, target: Option<&str>) -> TypeRef {
        TypeRef {
            name: TypeName::Named {
                name: name.into(),
                target: target.map(str::to_string),
            },
            collection: false,
            remark: None,
        }
    }

    fn miss(name: &str, at: &str) -> Miss {
        Miss {
            name: name.into(),
            target: None,
            at: at.into(),
        }
    }

    #[test]
    fn a_defined_name_resolves_in_any_case_without_a_miss() {
        let r = resolver(&[("microsoft.graph.user", "resources/user.md")], &[]);
        let mut misses = Vec::new();
        let found = r.resolve(
            &named("User", None),
            "v1.0",
            "microsoft.graph",
            String::new,
            &mut misses,
        );
        assert_eq!(found, "microsoft.graph.user");
        assert!(misses.is_empty());
    }

    #[test]
    fn a_linked_page_names_its_own_type_when_the_link_text_does_not() {
        let r = resolver(
            &[("microsoft.graph.identitySet", "resources/identityset.md")],
            &[],
        );
        let mut misses = Vec::new();
        let link = named("IdentitySet collection", Some("resources/identityset.md"));
        let found = r.resolve(&link, "v1.0", "microsoft.graph", String::new, &mut misses);
        assert_eq!(found, "microsoft.graph.identitySet");
        assert!(misses.is_empty());
    }

    #[test]
    fn a_link_text_that_shortens_the_linked_pages_type_means_that_type() {
        let r = resolver(
            &[
                ("microsoft.graph.message", "resources/message.md"),
                ("microsoft.graph.chatMessage", "resources/chatmessage.md"),
                (
                    "microsoft.graph.participantInfo",
                    "resources/participantinfo.md",
                ),
                (
                    "microsoft.graph.invitationParticipantInfo",
                    "resources/invitationparticipantinfo.md",
                ),
            ],
            &[],
        );
        let mut misses = Vec::new();
        let mut resolve = |text: &str, page: &str| {
            let link = named(text, Some(page));
            r.resolve(&link, "v1.0", "microsoft.graph", String::new, &mut misses)
        };
        assert_eq!(
            resolve("message", "resources/chatmessage.md"),
            "microsoft.graph.chatMessage"
        );
        // A text more specific than the linked page's type is a link to the wrong page.
        assert_eq!(
            resolve("invitationParticipantInfo", "resources/participantinfo.md"),
            "microsoft.graph.invitationParticipantInfo"
        );
        assert!(misses.is_empty());
    }

    #[test]
    fn an_undefined_name_is_a_miss_that_keeps_a_link_only_to_a_page_not_read() {
        let r = resolver(&[], &["resources/known.md"]);
        let mut misses = Vec::new();
        let to_known = named("known", Some("resources/known.md"));
        let to_missing = named("missing", Some("resources/missing.md"));
        r.resolve(
            &to_known,
            "v1.0",
            "microsoft.graph",
            || "a.md:1".into(),
            &mut misses,
        );
        let name = r.resolve(
            &to_missing,
            "v1.0",
            "microsoft.graph",
            || "a.md:2".into(),
            &mut misses,
        );
        assert_eq!(name, "microsoft.graph.missing");
        assert_eq!(misses[0].target, None);
        assert_eq!(misses[1].target.as_deref(), Some("resources/missing.md"));
        assert_eq!(misses[1].at, "a.md:2");
    }

    #[test]
    fn tally_counts_every_miss_and_keeps_the_first_reference_of_each_name() {
        let unresolved = tally([
            miss("microsoft.graph.b", "x.md:1"),
            miss("microsoft.graph.a", "y.md:5"),
            miss("microsoft.graph.b", "z.md:9"),
        ]);
        let summary: Vec<(&str, usize, &str)> = unresolved
            .iter()
            .map(|u| (u.name.as_str(), u.references, u.first_reference.as_str()))
            .collect();
        assert_eq!(
            summary,
            [
                ("microsoft.graph.a", 1, "y.md:5"),
                ("microsoft.graph.b", 2, "x.md:1")
            ]
        );
    }
}
