//! What every rule reads: the page being checked, the model of the whole docs root, and
//! indexes over both built once per run.

use crate::diagnostics::{Diagnostic, LazyLineIndex, Severity};
use crate::model::{ApiModel, Example, Operation, Property, RequestTemplate, TypeDef};
use crate::page::annotation::Annotation;
use crate::page::Page;
use foldhash::{HashMap, HashSet};
use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Deepest base chain followed; longer chains are cycles the model already reported.
const MAX_BASE_DEPTH: usize = 32;

/// Indexes over the whole docs root, shared by every page's checks.
pub struct Index<'a> {
    /// The model of the whole root.
    pub model: &'a ApiModel,
    /// The types by name, by base and by page.
    types: TypeIndexes<'a>,
    /// The base chain of each type of the model, in the model's order (see [`Index::chain`]).
    chains: Vec<Vec<&'a TypeDef>>,
    operations: HashMap<&'a str, &'a Operation>,
    examples: HashMap<&'a str, Vec<&'a Example>>,
    /// Where the root's pages are, for judging links.
    pub paths: RootPaths,
    /// Where each request name is used, over the whole root.
    pub request_names: HashMap<String, NameUses<'a>>,
    /// The text of every page of the root, by path.
    texts: HashMap<&'a str, PageText<'a>>,
    /// Whether no page is outlined.
    every_page_checked: bool,
    /// Every request template of the root by version and the key of its last segment (see
    /// [`Index::templates_ending`]), built when first asked for.
    templates_by_end: OnceLock<TemplatesByEnd>,
}

/// Request templates (the operation's and the template's position in the model), by version
/// and the key of their last segment. Positions, not references, keep [`Index`] covariant.
type TemplatesByEnd = HashMap<(&'static str, String), Vec<(usize, usize)>>;

/// Where a request name is used: first, in path order, and again on a page not being checked.
#[derive(Debug, Clone, Copy)]
pub struct NameUses<'a> {
    /// The first use (page, line of its annotation).
    pub first: (&'a str, usize),
    /// The first later use on a page not being checked, if any: its page is not checked, so
    /// the reuse is reported at the first use instead.
    pub again_unchecked: Option<(&'a str, usize)>,
}

/// Where the pages of the root are: what judging a link needs. It is read from the page paths
/// alone, so it can be built (and links judged) while the model is still being assembled.
#[derive(Debug)]
pub struct RootPaths {
    /// Every page path of the root, lower-cased.
    pub page_paths: HashSet<String>,
    /// Every folder holding a page, lower-cased.
    pub page_folders: HashSet<String>,
    /// The first folder of each of [`RootPaths::page_folders`] (`api`, `resources`): a path
    /// under no other folder of the root holds no page.
    pub top_folders: Vec<String>,
    /// The docs root on disk, when the pages were read from one.
    pub root: Option<PathBuf>,
}

impl RootPaths {
    /// The paths of a root's pages (root-relative), and the root on disk if there is one.
    pub fn new<'p>(paths: impl IntoIterator<Item = &'p str>, root: Option<&Path>) -> Self {
        let page_paths: HashSet<String> = paths.into_iter().map(str::to_ascii_lowercase).collect();
        let page_folders: HashSet<String> = page_paths
            .iter()
            .filter_map(|p| p.rsplit_once('/').map(|(dir, _)| dir.to_string()))
            .collect();
        RootPaths {
            top_folders: top_folders(&page_folders),
            page_paths,
            page_folders,
            root: root.map(Path::to_path_buf),
        }
    }

    /// The paths of the pages of a root, each whole (`pages`) or outlined (`outlines`).
    pub fn of(pages: &[Page], outlines: &[PageOutline], root: Option<&Path>) -> Self {
        let paths = pages
            .iter()
            .map(|p| p.path.as_str())
            .chain(outlines.iter().map(|o| o.path.as_str()));
        RootPaths::new(paths, root)
    }

    /// Whether a root-relative path names a file on disk.
    pub fn exists_on_disk(&self, relative: &str) -> bool {
        self.root
            .as_ref()
            .is_some_and(|root| root.join(relative).exists())
    }

    /// Whether a resolved link target (root-relative and lower-cased, as
    /// [`crate::model::typeref::resolve_link`] gives it) leads to a page of the root or, failing
    /// that, to a file on disk (an image, a page the walk did not read).
    pub fn holds(&self, resolved: &str) -> bool {
        self.page_paths.contains(resolved) || self.exists_on_disk(resolved)
    }
}

/// What the checker keeps of a page of the root that it does not check: what the checks of
/// other pages read of it. The rest of the page is dropped once the model has its facts, so
/// that checking a few pages of a large root holds a few pages, not the root.
#[derive(Debug)]
pub struct PageOutline {
    /// Root-relative path.
    pub path: String,
    /// The page's text: a finding on a checked page may quote a table row of this one.
    pub text: String,
    /// The names its request examples are annotated with, in page order, each with the line
    /// of its annotation.
    pub request_names: Vec<(String, usize)>,
    /// The text's lines, indexed when a row is first quoted.
    lines: LazyLineIndex,
}

impl PageOutline {
    /// Keeps what other pages' checks read of `page`.
    pub fn of(page: Page) -> Self {
        PageOutline {
            request_names: request_names_of(&page),
            path: page.path,
            text: page.text,
            lines: LazyLineIndex::default(),
        }
    }
}

/// A page of the root, whole or outlined, for quoting its lines.
enum PageText<'a> {
    Whole(&'a Page),
    Outline(&'a PageOutline),
}

/// The model's types, indexed by name (exact and lower-cased), by base type and by page.
struct TypeIndexes<'a> {
    by_name: HashMap<(&'static str, &'a str), &'a TypeDef>,
    by_lower: HashMap<(&'static str, String), &'a TypeDef>,
    children: HashMap<(&'static str, &'a str), Vec<&'a TypeDef>>,
    by_page: HashMap<&'a str, Vec<&'a TypeDef>>,
}

impl<'a> TypeIndexes<'a> {
    fn new(model: &'a ApiModel) -> Self {
        let mut indexes = TypeIndexes {
            by_name: HashMap::default(),
            by_lower: HashMap::default(),
            children: HashMap::default(),
            by_page: HashMap::default(),
        };
        for def in &model.types {
            indexes
                .by_name
                .entry((def.version, def.name.as_str()))
                .or_insert(def);
            indexes
                .by_lower
                .entry((def.version, def.name.to_ascii_lowercase()))
                .or_insert(def);
            if let Some(base) = &def.base {
                indexes
                    .children
                    .entry((def.version, base))
                    .or_default()
                    .push(def);
            }
            indexes
                .by_page
                .entry(def.page.as_str())
                .or_default()
                .push(def);
        }
        indexes
    }

    /// A type by qualified name, exact or ignoring case, in `version` and then in the other.
    fn find(&self, version: &'static str, name: &str) -> Option<&'a TypeDef> {
        if let Some(&def) = self.by_name.get(&(version, name)) {
            return Some(def);
        }
        // One lower-cased key, tried in `version` and then in the other.
        let mut key = (version, name.to_ascii_lowercase());
        if let Some(&def) = self.by_lower.get(&key) {
            return Some(def);
        }
        key.0 = if version == "beta" { "v1.0" } else { "beta" };
        self.by_lower.get(&key).copied()
    }

    /// Follows the base types of `def`, stopping at a cycle or at [`MAX_BASE_DEPTH`].
    fn base_chain(&self, def: &'a TypeDef) -> Vec<&'a TypeDef> {
        let mut chain = vec![def];
        let mut current = def;
        while let Some(base) = &current.base {
            match self.find(current.version, base) {
                Some(next)
                    if chain.len() < MAX_BASE_DEPTH
                        && !chain.iter().any(|t| std::ptr::eq(*t, next)) =>
                {
                    chain.push(next);
                    current = next;
                }
                _ => break,
            }
        }
        chain
    }
}

/// The names a page's request examples are annotated with, in page order, each with the line
/// it is written on (the annotation's line when it cannot be found in the text).
fn request_names_of(page: &Page) -> Vec<(String, usize)> {
    page.annotations
        .iter()
        .filter(|a| a.block_type() == Some("request"))
        .flat_map(|a| {
            a.names().into_iter().map(move |name| {
                let (_, line) = name_place(page, a, &name);
                (name, line)
            })
        })
        .collect()
}

/// Where a request example's `name` is written in its annotation: the page offset of its
/// opening quote and its line (the annotation's start when it cannot be found).
pub fn name_place(page: &Page, annotation: &Annotation, name: &str) -> (usize, usize) {
    let from = annotation.offset.min(page.text.len());
    match find_quoted(&page.text[from..], name) {
        Some(at) => {
            let newlines = memchr::memchr_iter(b'\n', &page.text.as_bytes()[from..from + at]);
            (from + at, annotation.line + newlines.count())
        }
        None => (from, annotation.line),
    }
}

/// Where `"name"` first occurs in `text`: found from the quotes, with no searcher to set up for
/// each of the root's request names.
fn find_quoted(text: &str, name: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'"', bytes).find(|&at| {
        let rest = &bytes[at + 1..];
        rest.starts_with(name.as_bytes()) && rest.get(name.len()) == Some(&b'"')
    })
}

/// Where each request name is used, over all pages in path order.
fn request_names<'a>(
    pages: &'a [Page],
    outlines: &'a [PageOutline],
) -> HashMap<String, NameUses<'a>> {
    // (page, name, line, whether the page is checked)
    let mut uses: Vec<(&str, String, usize, bool)> = pages
        .iter()
        .flat_map(|page| {
            request_names_of(page)
                .into_iter()
                .map(|(name, line)| (page.path.as_str(), name, line, true))
        })
        .chain(outlines.iter().flat_map(|outline| {
            outline
                .request_names
                .iter()
                .map(|(name, line)| (outline.path.as_str(), name.clone(), *line, false))
        }))
        .collect();
    // Stable: a page's own uses stay in page order.
    uses.sort_by_key(|(path, ..)| *path);
    let mut names: HashMap<String, NameUses<'a>> = HashMap::default();
    for (path, name, line, checked) in uses {
        match names.entry(name) {
            Entry::Vacant(entry) => {
                entry.insert(NameUses {
                    first: (path, line),
                    again_unchecked: None,
                });
            }
            Entry::Occupied(mut entry) => {
                let uses = entry.get_mut();
                if !checked && uses.again_unchecked.is_none() {
                    uses.again_unchecked = Some((path, line));
                }
            }
        }
    }
    names
}

/// The first folder of each folder, once each, in order.
fn top_folders(folders: &HashSet<String>) -> Vec<String> {
    let mut top: Vec<String> = folders
        .iter()
        .map(|f| f.split('/').next().unwrap_or(f).to_string())
        .collect();
    top.sort();
    top.dedup();
    top
}

impl<'a> Index<'a> {
    /// Indexes a model and the pages it was built from, each either whole (`pages`) or
    /// outlined (`outlines`), with no docs root on disk.
    pub fn new(model: &'a ApiModel, pages: &'a [Page], outlines: &'a [PageOutline]) -> Self {
        Index::with_paths(model, pages, outlines, RootPaths::of(pages, outlines, None))
    }

    /// Like [`Index::new`], with the paths of the root's pages already gathered.
    pub fn with_paths(
        model: &'a ApiModel,
        pages: &'a [Page],
        outlines: &'a [PageOutline],
        paths: RootPaths,
    ) -> Self {
        // Two independent groups of indexes, built side by side.
        let ((types, chains), request_names) = rayon::join(
            || {
                let types = TypeIndexes::new(model);
                let chains = model
                    .types
                    .iter()
                    .map(|def| types.base_chain(def))
                    .collect::<Vec<_>>();
                (types, chains)
            },
            || request_names(pages, outlines),
        );
        let operations = model
            .operations
            .iter()
            .map(|o| (o.page.as_str(), o))
            .collect();
        let mut examples: HashMap<&str, Vec<&Example>> = HashMap::default();
        for e in &model.examples {
            examples.entry(e.page.as_str()).or_default().push(e);
        }
        Index {
            model,
            types,
            chains,
            operations,
            examples,
            paths,
            texts: pages
                .iter()
                .map(|p| (p.path.as_str(), PageText::Whole(p)))
                .chain(
                    outlines
                        .iter()
                        .map(|o| (o.path.as_str(), PageText::Outline(o))),
                )
                .collect(),
            request_names,
            every_page_checked: outlines.is_empty(),
            templates_by_end: OnceLock::new(),
        }
    }

    /// The request templates of `version`, on any page, whose path ends in a segment of key
    /// `key` (as the URL rule keys a path: `font`, or `printers/*` for a placeholder after
    /// `printers`). The index is built the first time it is asked for: only an example URL
    /// that matches none of its own page's templates asks.
    pub fn templates_ending(
        &self,
        version: &str,
        key: &str,
    ) -> impl Iterator<Item = (&'a Operation, &'a RequestTemplate)> + '_ {
        let model = self.model;
        let index = self.templates_by_end.get_or_init(|| {
            let mut index = TemplatesByEnd::default();
            for (o, op) in model.operations.iter().enumerate() {
                for (t, template) in op.templates.iter().enumerate() {
                    if let Some(key) = super::urls::end_key(&template.path) {
                        index.entry((op.version, key)).or_default().push((o, t));
                    }
                }
            }
            index
        });
        let version = if version == "beta" { "beta" } else { "v1.0" };
        index
            .get(&(version, key.to_string()))
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(move |&(o, t)| {
                let op = &model.operations[o];
                (op, &op.templates[t])
            })
    }

    /// Whether `page` is among the pages being checked (held whole, not outlined).
    pub fn is_checked(&self, page: &str) -> bool {
        matches!(self.texts.get(page), Some(PageText::Whole(_)))
    }

    /// Whether every page of the root is being checked.
    pub fn checks_every_page(&self) -> bool {
        self.every_page_checked
    }

    /// A type by qualified name, exact or ignoring case.
    pub fn find_type(&self, version: &'static str, name: &str) -> Option<&'a TypeDef> {
        self.types.find(version, name)
    }

    /// The type and its base types, nearest first (worked out once per type of the model).
    pub fn chain(&self, def: &'a TypeDef) -> Cow<'_, [&'a TypeDef]> {
        // `def` is almost always an element of the model's types: its position (from its
        // address, checked) picks its chain without a lookup.
        let types = &self.model.types;
        let position = types
            .as_ptr_range()
            .contains(&(def as *const TypeDef))
            .then(|| {
                (def as *const TypeDef as usize - types.as_ptr() as usize) / size_of::<TypeDef>()
            })
            .filter(|&i| std::ptr::eq(&types[i], def));
        match position.and_then(|i| self.chains.get(i)) {
            Some(chain) => Cow::Borrowed(chain),
            None => Cow::Owned(self.types.base_chain(def)),
        }
    }

    /// A property of the type or of a base type (exact name).
    pub fn property(&self, def: &'a TypeDef, name: &str) -> Option<&'a Property> {
        self.chain(def)
            .iter()
            .find_map(|t| t.properties.iter().find(|p| p.name == name))
    }

    /// A property of the type or of a base type, with the type that declares it.
    pub fn property_owner(
        &self,
        def: &'a TypeDef,
        name: &str,
    ) -> Option<(&'a TypeDef, &'a Property)> {
        self.chain(def)
            .iter()
            .find_map(|&t| t.properties.iter().find(|p| p.name == name).map(|p| (t, p)))
    }

    /// The text of a 1-based line of a page of the root.
    pub fn line_text(&self, page: &str, line: usize) -> Option<&'a str> {
        let (text, lines) = match self.texts.get(page)? {
            PageText::Whole(page) => (page.text.as_str(), page.lines()),
            PageText::Outline(outline) => (outline.text.as_str(), outline.lines.get(&outline.text)),
        };
        let start = lines.line_start(line);
        let end = lines.line_start(line + 1);
        if line < 1 || end <= start {
            return text.get(start..).and_then(|t| t.lines().next());
        }
        text.get(start..end)
    }

    /// Every property name of the type and its bases.
    pub fn property_names(&self, def: &'a TypeDef) -> Vec<&'a str> {
        self.chain(def)
            .iter()
            .flat_map(|t| t.properties.iter().map(|p| p.name.as_str()))
            .collect()
    }

    /// Whether a type derived from `def` (at any depth) has a property `name`.
    pub fn descendant_has(&self, def: &'a TypeDef, name: &str) -> bool {
        let mut stack = vec![def];
        let mut seen = 0;
        while let Some(t) = stack.pop() {
            seen += 1;
            if seen > 5000 {
                return false;
            }
            for child in self
                .types
                .children
                .get(&(t.version, t.name.as_str()))
                .into_iter()
                .flatten()
            {
                if child.properties.iter().any(|p| p.name == name) {
                    return true;
                }
                stack.push(child);
            }
        }
        false
    }

    /// Whether `def` is `ancestor` or derives from it.
    pub fn derives_from(&self, def: &'a TypeDef, ancestor: &TypeDef) -> bool {
        self.chain(def)
            .iter()
            .any(|t| t.name.eq_ignore_ascii_case(&ancestor.name))
    }

    /// Whether any type in the chain is open (accepts any property), or the pages document no
    /// property at all for it (nothing to hold a payload against).
    pub fn is_open(&self, def: &'a TypeDef) -> bool {
        let chain = self.chain(def);
        chain.iter().any(|t| t.open) || chain.iter().all(|t| t.properties.is_empty())
    }

    /// The operation a page documents.
    pub fn operation(&self, page: &str) -> Option<&'a Operation> {
        self.operations.get(page).copied()
    }

    /// The examples of a page, in page order.
    pub fn examples(&self, page: &str) -> &[&'a Example] {
        self.examples.get(page).map_or(&[], Vec::as_slice)
    }

    /// The types a page defines.
    pub fn types_on(&self, page: &str) -> &[&'a TypeDef] {
        self.types.by_page.get(page).map_or(&[], Vec::as_slice)
    }
}

/// The findings on one page, each placed by line and column.
pub struct PageFindings<'a> {
    /// The page.
    pub page: &'a Page,
    /// Findings so far.
    pub findings: Vec<Diagnostic>,
}

impl<'a> PageFindings<'a> {
    /// Starts recording findings on `page`.
    pub fn new(page: &'a Page) -> Self {
        PageFindings {
            page,
            findings: Vec::new(),
        }
    }

    /// Records a finding at a byte offset of the page, with the rule's default severity.
    pub fn at(
        &mut self,
        offset: usize,
        code: &'static str,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let (line, column) = self.page.position(offset.min(self.page.text.len()));
        self.at_position(line, column, code, message)
    }

    /// Records a finding at the first non-blank character of a 1-based line.
    pub fn at_line(
        &mut self,
        line: usize,
        code: &'static str,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let start = self.page.lines().line_start(line).min(self.page.text.len());
        let indent = self.page.text[start..]
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .count();
        self.at_position(line, indent + 1, code, message)
    }

    fn at_position(
        &mut self,
        line: usize,
        column: usize,
        code: &'static str,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let severity = super::rules::find(code).map_or(Severity::Warning, |r| r.severity);
        self.findings.push(Diagnostic {
            file: self.page.path.clone(),
            line,
            column,
            code,
            severity,
            message: message.into(),
            help: None,
            fix: None,
            also_at: Vec::new(),
        });
        self.findings.last_mut().expect("just pushed")
    }
}

/// One page under check against the whole root: the page's findings (what
/// [`PageFindings`] records, reached through `Deref`) and the root's indexes.
pub struct PageCheck<'a, 'i> {
    /// The root's indexes.
    pub index: &'i Index<'a>,
    /// The page and its findings so far.
    out: PageFindings<'a>,
    /// Request examples (by the line of their request) whose URL matches none of the page's
    /// templates but the template of another page's operation, as the URL rule found them.
    addressed_elsewhere: Vec<(usize, &'a Operation)>,
}

impl<'a, 'i> PageCheck<'a, 'i> {
    /// Starts checking `page`.
    pub fn new(page: &'a Page, index: &'i Index<'a>) -> Self {
        PageCheck {
            index,
            out: PageFindings::new(page),
            addressed_elsewhere: Vec::new(),
        }
    }

    /// Notes that the request example at `line` calls `operation`, documented on another page.
    pub fn note_addressed_elsewhere(&mut self, line: usize, operation: &'a Operation) {
        self.addressed_elsewhere.push((line, operation));
    }

    /// The operation of another page that the request example at `line` calls, when its URL
    /// matches none of this page's templates but one of that page's (rules after the URL rule
    /// read it).
    pub fn addressed_elsewhere(&self, line: usize) -> Option<&'a Operation> {
        self.addressed_elsewhere
            .iter()
            .find(|(at, _)| *at == line)
            .map(|(_, op)| *op)
    }

    /// The findings recorded.
    pub fn into_findings(self) -> Vec<Diagnostic> {
        self.out.findings
    }
}

impl<'a> std::ops::Deref for PageCheck<'a, '_> {
    type Target = PageFindings<'a>;

    fn deref(&self) -> &PageFindings<'a> {
        &self.out
    }
}

impl std::ops::DerefMut for PageCheck<'_, '_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.out
    }
}

/// The closest of `candidates` to `name` by edit distance, when close enough to suggest.
pub fn did_you_mean<'c>(
    name: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let lower = name.to_ascii_lowercase();
    let length = name.chars().count();
    let limit = (length / 3).clamp(1, 4);
    let mut best: Option<(&str, usize)> = None;
    for candidate in candidates {
        // Lengths further apart than the limit cannot be within it: skip the distance.
        if candidate.len().abs_diff(name.len()) > limit {
            continue;
        }
        let candidate_lower = candidate.to_ascii_lowercase();
        if edit_distance_lower_bound(&lower, &candidate_lower) > limit {
            continue;
        }
        let distance = strsim::levenshtein(&lower, &candidate_lower);
        if best.is_none_or(|(_, d)| distance < d) {
            best = Some((candidate, distance));
        }
    }
    let (candidate, distance) = best?;
    (distance <= limit).then_some(candidate)
}

/// A lower bound of the edit distance of `a` and `b`, from how many of each character they
/// hold: one edit adds or removes at most one character of each kind. Linear, where the
/// distance itself is quadratic; characters beyond ASCII share one count.
fn edit_distance_lower_bound(a: &str, b: &str) -> usize {
    let mut counts = [0i32; 128];
    let bucket = |c: char| (c as usize).min(127);
    for c in a.chars() {
        counts[bucket(c)] += 1;
    }
    for c in b.chars() {
        counts[bucket(c)] -= 1;
    }
    let surplus: i32 = counts.iter().filter(|&&n| n > 0).sum();
    let deficit: i32 = -counts.iter().filter(|&&n| n < 0).sum::<i32>();
    surplus.max(deficit) as usize
}

#[cfg(test)]
mod tests {
    use super::{did_you_mean, edit_distance_lower_bound};

    #[test]
    fn the_lower_bound_never_exceeds_the_edit_distance() {
        let words = [
            "",
            "a",
            "displayName",
            "dispalyName",
            "createdDateTime",
            "créé",
            "cree",
            "subUnit",
            "/users/{id}/messages",
            "/me/messages/{id}",
            "zzzz",
            "ééé",
        ];
        for a in words {
            for b in words {
                assert!(
                    edit_distance_lower_bound(a, b) <= strsim::levenshtein(a, b),
                    "{a} / {b}"
                );
            }
        }
        assert_eq!(edit_distance_lower_bound("abc", "xyz"), 3);
    }

    #[test]
    fn suggestions_are_near_names_only() {
        let names = ["displayName", "createdDateTime", "id"];
        assert_eq!(did_you_mean("dispalyName", names), Some("displayName"));
        assert_eq!(did_you_mean("subunit", ["subUnit"]), Some("subUnit"));
        assert_eq!(did_you_mean("completelyDifferent", names), None);
    }
}
