//! References between pages: type references no page defines, relative links to pages that do
//! not exist, base types that do not exist.

use super::context::{PageCheck, PageFindings, RootPaths};
use crate::codes;
use crate::model::prose::ends_with_ignore_case;
use crate::model::typeref::{resolve_link, TypeName, UNTYPED};
use crate::model::url_match::decode;
use crate::model::Property;
use crate::page::table::Link;
use foldhash::HashMap;

/// Reports unresolved type references and missing base types.
pub fn check_types(cx: &mut PageCheck) {
    let index = cx.index;
    let page = cx.page;
    let mut properties: Vec<&Property> = Vec::new();
    for def in index.types_on(&page.path) {
        if def.page != page.path {
            continue;
        }
        properties.extend(def.properties.iter());
        if let Some(base) = &def.base {
            if index.find_type(def.version, base).is_none() {
                let line = def.base_line().unwrap_or(1);
                cx.at_line(
                    line,
                    codes::BASE_TYPE_MISSING,
                    format!(
                        "`{}` inherits from `{base}`, which no page defines",
                        short(&def.name)
                    ),
                )
                .help = Some("fix the base type's name or link, or document it".into());
            }
        }
    }
    if let Some(op) = index.operation(&page.path) {
        properties.extend(op.request_parameters.iter());
    }
    for p in properties {
        let TypeName::Named { name, target } = &p.type_ref.name else {
            continue;
        };
        let linked_missing = target.as_ref().is_some_and(|t| !index.paths.holds(t));
        if linked_missing || p.type_name == UNTYPED || p.type_name.ends_with(".Json") {
            // A link to a missing page is reported as a broken link.
            continue;
        }
        if index.find_type(page.version, &p.type_name).is_none() {
            cx.at_line(
                p.line,
                codes::TYPE_REFERENCE_UNRESOLVED,
                format!("`{}` has type `{name}`, which no page defines", p.name),
            )
            .help = Some("link the page of the type, or document the type".into());
        }
    }
}

/// Reports relative links and include lines that lead to no page or file of the root. Needs
/// only where the root's pages are, not the model.
pub fn check_links(cx: &mut PageFindings, paths: &RootPaths) {
    let page = cx.page;
    let mut verdicts = Verdicts::default();
    for heading in &page.headings {
        judge_links(cx, paths, heading.offset, &heading.links, &mut verdicts);
    }
    for paragraph in &page.paragraphs {
        judge_links(cx, paths, paragraph.offset, &paragraph.links, &mut verdicts);
    }
    check_includes(cx, paths);
    for table in &page.tables {
        for row in &table.rows {
            for cell in &row.cells {
                judge_links(cx, paths, cell.offset, &cell.links, &mut verdicts);
            }
        }
    }
}

/// Broken-link verdicts of one page by link target: `Some(resolved path)` when the target
/// leads to no page. Pages link the same targets again and again (one per table row).
type Verdicts<'p> = HashMap<&'p str, Option<String>>;

fn judge_links<'p>(
    cx: &mut PageFindings<'p>,
    paths: &RootPaths,
    from: usize,
    links: &'p [Link],
    verdicts: &mut Verdicts<'p>,
) {
    let page = cx.page;
    for link in links {
        let target = link.target.trim();
        if !may_link_a_page(page.version, target) {
            continue;
        }
        let verdict = verdicts
            .entry(target)
            .or_insert_with(|| missing_page(&page.path, paths, target));
        let Some(resolved) = verdict else {
            continue;
        };
        let from = from.min(page.text.len());
        let at = page.text[from..]
            .find(&format!("]({target}"))
            .map(|i| from + i + 2)
            .or_else(|| page.text[from..].find(target).map(|i| from + i))
            .unwrap_or(from);
        cx.at(
            at,
            codes::BROKEN_LINK,
            format!("link target `{target}` is no page of the docs (`{resolved}` does not exist)"),
        )
        .help = Some("fix the file name; targets are case-insensitive `.md` paths".into());
    }
}

/// Include lines whose file does not exist, where the root can judge it (a folder it holds
/// pages in): the published page would silently lose what the include stands for. Includes
/// into folders outside the root (the snippets, another repository) are not judged.
fn check_includes(cx: &mut PageFindings, paths: &RootPaths) {
    let page = cx.page;
    for include in &page.includes {
        let target = include.path.trim();
        if !ends_with_ignore_case(target, ".md") {
            continue;
        }
        let Some(resolved) = missing_page(&page.path, paths, target) else {
            continue;
        };
        let from = include.offset.min(page.text.len());
        let at = page.text[from..].find(target).map_or(from, |i| from + i);
        cx.at(
            at,
            codes::BROKEN_LINK,
            format!("include `{target}` is no file of the docs (`{resolved}` does not exist)"),
        )
        .help =
            Some("fix the path: the published page would show nothing where the include is".into());
    }
}

/// Whether a (trimmed) link target is a `.md` link or a site link into this version's
/// reference pages: the only links judged.
fn may_link_a_page(version: &str, target: &str) -> bool {
    let end = memchr::memchr2(b'#', b'?', target.as_bytes()).unwrap_or(target.len());
    let path = &target[..end];
    let site_page = path.starts_with("/graph/api/resources/");
    // A site link into the other version's docs cannot be judged from this tree.
    let other_view = if version == "beta" {
        "graph-rest-1.0"
    } else {
        "graph-rest-beta"
    };
    if site_page && target.contains(other_view) {
        return false;
    }
    ends_with_ignore_case(path, ".md") || site_page
}

/// The resolved path of a page link that leads to no page (or file) of the root; `None` when
/// it leads somewhere or cannot be judged.
fn missing_page(page: &str, paths: &RootPaths, target: &str) -> Option<String> {
    // A browser reads `\` as `/` and `%2D` as `-`: so does the judge.
    let normalised = if memchr::memchr2(b'\\', b'%', target.as_bytes()).is_some() {
        std::borrow::Cow::Owned(decode(&target.replace('\\', "/")))
    } else {
        std::borrow::Cow::Borrowed(target)
    };
    if leads_outside_page_folders(page, &normalised, &paths.top_folders) {
        return None;
    }
    let resolved = resolve_link(page, &normalised)?;
    // Only folders the root holds pages in can be judged (`../index.md` may live outside).
    let folder = resolved.rsplit_once('/').map_or("", |(dir, _)| dir);
    let judged = !folder.is_empty() && paths.page_folders.contains(folder);
    (judged && !paths.holds(&resolved)).then_some(resolved)
}

/// Whether a relative target of the plain shape `../../dir/...` climbs to the root and enters
/// a folder that is the first folder of no page folder (`../includes/snippets/x.md` from
/// `api/a.md`): then it leads to no folder the root holds pages in, which is told without
/// building its path. Include lines, which lead into the shared `includes` folder, have this
/// shape; any other shape is left to the full resolution (`false`).
fn leads_outside_page_folders(page: &str, target: &str, top_folders: &[String]) -> bool {
    let mut rest = target;
    let mut ups = 0;
    while let Some(after) = rest.strip_prefix("../") {
        rest = after;
        ups += 1;
    }
    // A page path is short: counting its slashes byte by byte beats setting up a search.
    let page_depth = page.bytes().filter(|&b| b == b'/').count();
    // Only a climb to the root exactly makes `rest`'s first segment the path's first folder;
    // a `.` or `..` further on could climb out of it again.
    let dot_segment = memchr::memchr_iter(b'.', rest.as_bytes())
        .any(|at| rest.as_bytes().get(at + 1) == Some(&b'/'));
    if ups == 0 || ups != page_depth || dot_segment {
        return false;
    }
    let Some((first, _)) = rest.split_once('/') else {
        return false;
    };
    let end = memchr::memchr2(b'#', b'?', first.as_bytes()).unwrap_or(first.len());
    let first = &first[..end];
    !first.is_empty() && !top_folders.iter().any(|t| t.eq_ignore_ascii_case(first))
}

fn short(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOP: &[&str] = &["api", "resources"];

    fn top() -> Vec<String> {
        TOP.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn an_include_into_the_shared_includes_folder_leads_outside_the_page_folders() {
        let top = top();
        assert!(leads_outside_page_folders(
            "api/user-get.md",
            "../includes/snippets/csharp/get-user-csharp-snippets.md",
            &top
        ));
        let versioned = vec!["v1.0".to_string()];
        assert!(leads_outside_page_folders(
            "v1.0/api/user-get.md",
            "../../includes/permissions.md",
            &versioned
        ));
    }

    #[test]
    fn any_other_shape_is_left_to_the_full_resolution() {
        let top = top();
        for (page, target) in [
            ("api/user-get.md", "../resources/user.md"),
            ("api/user-get.md", "../RESOURCES/user.md"),
            ("api/user-get.md", "user-list.md"),
            ("api/user-get.md", "../../outside.md"),
            ("api/user-get.md", "../includes/../resources/user.md"),
            ("api/user-get.md", "../index.md"),
            ("v1.0/api/user-get.md", "../includes/x.md"),
        ] {
            assert!(!leads_outside_page_folders(page, target, &top), "{target}");
        }
    }

    #[test]
    fn what_it_rules_out_the_full_resolution_never_judges() {
        let top = top();
        let folders = ["api", "resources", "resources/more"];
        let pages = ["api/a.md", "resources/b.md", "resources/more/c.md", "d.md"];
        let targets = [
            "../includes/x.md",
            "../../includes/x.md",
            "../api/x.md",
            "../Resources/more/x.md",
            "../x/y/z.md",
            "../x#a/y.md",
            "../x?b/y.md",
            "../.hidden/y.md",
            "../x/./y.md",
            "../x/../api/y.md",
        ];
        for page in pages {
            for target in targets {
                if leads_outside_page_folders(page, target, &top) {
                    let judged = resolve_link(page, target).is_some_and(|resolved| {
                        let folder = resolved.rsplit_once('/').map_or("", |(dir, _)| dir);
                        folders.contains(&folder)
                    });
                    assert!(!judged, "{page} -> {target}");
                }
            }
        }
    }
}
