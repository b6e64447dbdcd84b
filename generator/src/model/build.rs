//! Builds the [`ApiModel`] from parsed pages: per-page extraction in parallel, then a merge
//! across pages in page order, and the resolution of references (in parallel, tallied in model
//! order, so the result is the same whatever the threads did).

use super::classify::{classify, PageKind};
use super::resolve::{self, Miss, Resolver};
use super::typeref::{TypeName, TypeRef, UNTYPED};
use super::{
    enums, examples, operations, resources, ApiModel, EnumMember, Example, FailedPage, Operation,
    PageCounts, Property, RequestBodyKind, ResponseDoc, TypeDef, TypeKind,
};
use crate::codes;
use crate::corpus::{self, Corpus, FailedPage as FailedCorpusPage};
use crate::diagnostics::{Diagnostic, Severity};
use crate::page::Page;
use foldhash::{HashMap, HashSet};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What one page contributes.
struct PageFacts {
    path: String,
    empty_reason: Option<String>,
    page_diagnostics: Vec<Diagnostic>,
    kind: PageKind,
    types: Vec<TypeDef>,
    /// Boxed: the facts of every page are moved twice on their way to the model, and the
    /// operation would be most of them.
    operation: Option<Box<Operation>>,
    examples: Vec<Example>,
    diagnostics: Vec<Diagnostic>,
}

fn extract(page: &Page) -> PageFacts {
    let kind = classify(page);
    let mut diagnostics = Vec::new();
    let mut types = Vec::new();
    let mut operation = None;
    match kind {
        PageKind::Operation => {
            let op = operations::operation(page, &mut diagnostics);
            // A resource block inside an API page still defines a type.
            types.extend(
                resources::resource_types(page, &mut diagnostics)
                    .into_iter()
                    .filter(|t| t.template.is_some()),
            );
            operation = Some(Box::new(op));
        }
        PageKind::Resource => {
            let mut defined = resources::resource_types(page, &mut diagnostics);
            let enums = enums::enum_types(page);
            // "x values" tables of a String property list its values; they are no enum.
            for e in enums {
                if !resources::attach_values_to_string_property(&mut defined, &e) {
                    defined.push(e);
                }
            }
            types.extend(defined);
        }
        PageKind::Enum => types.extend(enums::enum_types(page)),
        PageKind::Other => {}
    }
    let examples = examples::examples(
        page,
        operation.as_ref().map(|o| o.name.as_str()),
        &mut diagnostics,
    );
    if let Some(op) = operation.as_deref_mut() {
        operations::settle_method(op, &examples);
        operations::complete_responses(op, &examples);
    }
    PageFacts {
        path: page.path.clone(),
        empty_reason: page
            .diagnostics
            .iter()
            .find(|d| d.code == codes::EMPTY_PAGE)
            .map(|d| d.message.clone()),
        page_diagnostics: page.diagnostics.clone(),
        kind,
        types,
        operation,
        examples,
        diagnostics,
    }
}

/// Builds the model of parsed pages.
pub fn build(corpus: &Corpus) -> ApiModel {
    let facts: Vec<PageFacts> = corpus
        .pages
        .par_iter()
        .with_max_len(corpus::PAGES_PER_TASK)
        .map(extract)
        .collect();
    assemble(facts, &corpus.failed)
}

/// Reads, parses and extracts every page under `roots` in parallel, keeping only what the
/// model needs (each page is dropped once extracted). Same result as
/// `build(&corpus::load(roots))`, in less time and memory.
pub fn build_from_roots(roots: &[PathBuf]) -> ApiModel {
    let (files, failed) = discover_compiling_patterns(roots);
    build_from_files(&files, failed)
}

/// Finds the pages under `roots`, as [`corpus::discover`] does, while another thread compiles
/// the patterns that reading and extracting them use. Finding the files keeps one core busy
/// and leaves the other idle; compiled on first use instead, each pattern would hold up the
/// pages that wait for it.
pub fn discover_compiling_patterns(
    roots: &[PathBuf],
) -> (Vec<corpus::PageFile>, Vec<FailedCorpusPage>) {
    rayon::join(|| corpus::discover(roots), compile_patterns).0
}

/// Compiles every pattern that reading and extracting a page uses.
pub(crate) fn compile_patterns() {
    crate::page::compile_patterns();
    super::prose::compile_patterns();
    super::typeref::compile_patterns();
    operations::compile_patterns();
}

/// Reads, parses and extracts every file in parallel, dropping each page and its facts on its
/// thread, and returns how many types the pages define: the extraction layer without the
/// assembly, so that the benchmark can tell the two apart.
#[doc(hidden)]
pub fn extract_and_drop(files: &[corpus::PageFile]) -> usize {
    let (types, _) = read_and_extract(files, Vec::new(), |_page, facts| facts.types.len());
    types.into_iter().sum()
}

/// Like [`build_from_roots`], for files already found by [`corpus::discover`].
pub fn build_from_files(files: &[corpus::PageFile], failed: Vec<FailedCorpusPage>) -> ApiModel {
    // Each page is dropped once extracted, on the thread that read it.
    let (facts, failed) = read_and_extract(files, failed, |_page, facts| facts);
    assemble(facts, &failed)
}

/// Reads, parses and extracts every file in one parallel pass, keeping the pages too (the
/// checker needs both): the same pages as [`corpus::load`] and the same model as [`build`],
/// with each page extracted while it is still in cache.
pub fn load_and_build(
    files: &[corpus::PageFile],
    failed: Vec<FailedCorpusPage>,
) -> (Corpus, ApiModel) {
    let (pages, failed, model) = load_and_build_keeping(files, failed, |page| page);
    (Corpus { pages, failed }, model)
}

/// Like [`load_and_build`], keeping of each page what `keep` makes of it once its facts are
/// extracted (in file order), so that a caller that needs only some pages whole holds only
/// those. Also returns the files that could not be read, sorted by path.
pub fn load_and_build_keeping<T: Send>(
    files: &[corpus::PageFile],
    failed: Vec<FailedCorpusPage>,
    keep: impl Fn(Page) -> T + Sync,
) -> (Vec<T>, Vec<FailedCorpusPage>, ApiModel) {
    load_and_build_keeping_alongside(files, failed, keep, |kept| kept)
}

/// Like [`load_and_build_keeping`], handing what was kept to `alongside` while the model is
/// assembled, and returning what it makes of it. Much of the assembly runs on one core: work
/// that needs the pages but not the model fills the other.
pub fn load_and_build_keeping_alongside<T: Send, R: Send>(
    files: &[corpus::PageFile],
    failed: Vec<FailedCorpusPage>,
    keep: impl Fn(Page) -> T + Sync,
    alongside: impl FnOnce(Vec<T>) -> R + Send,
) -> (R, Vec<FailedCorpusPage>, ApiModel) {
    let (read, failed) = read_and_extract(files, failed, |page, facts| (keep(page), facts));
    let (kept, facts): (Vec<T>, Vec<PageFacts>) = read.into_iter().unzip();
    let (model, made) = rayon::join(|| assemble(facts, &failed), || alongside(kept));
    (made, failed, model)
}

/// Reads, parses and extracts every file in parallel, and hands each page with its facts to
/// `keep`; results come back in file order. Files that cannot be read join `failed`, which
/// comes back sorted by path.
fn read_and_extract<T: Send>(
    files: &[corpus::PageFile],
    mut failed: Vec<FailedCorpusPage>,
    keep: impl Fn(Page, PageFacts) -> T + Sync,
) -> (Vec<T>, Vec<FailedCorpusPage>) {
    let progress = corpus::progress_bar(files.len());
    let results: Vec<Result<T, Box<FailedCorpusPage>>> = files
        .par_iter()
        .with_max_len(corpus::PAGES_PER_TASK)
        .map(|file| {
            let kept = corpus::read_page(file).map(|page| {
                let facts = extract(&page);
                keep(page, facts)
            });
            progress.inc(1);
            kept
        })
        .collect();
    progress.finish_and_clear();
    let kept = corpus::separate_failures(results, &mut failed);
    (kept, failed)
}

/// What the pages contribute, taken apart by kind (each page's lists moved whole, their items
/// not yet).
struct Gathered {
    counts: PageCounts,
    failed_pages: Vec<FailedPage>,
    diagnostics: Vec<Diagnostic>,
    page_paths: Vec<String>,
    /// Types defined on resource and enum pages, page by page.
    definitions: Vec<Vec<TypeDef>>,
    /// Types defined inside operation pages (a request body's type), page by page: they only
    /// add to the definitions above.
    operation_page_definitions: Vec<Vec<TypeDef>>,
    operations: Vec<Operation>,
    examples: Vec<Vec<Example>>,
}

/// Takes the pages' facts apart, in page order.
fn gather(facts: Vec<PageFacts>, failed: &[FailedCorpusPage]) -> Gathered {
    let mut gathered = Gathered {
        counts: PageCounts {
            total: facts.len() + failed.len(),
            failed: failed.len(),
            ..PageCounts::default()
        },
        failed_pages: failed
            .iter()
            .map(|f| FailedPage {
                page: f.relative.clone(),
                reason: f.diagnostic.message.clone(),
            })
            .collect(),
        diagnostics: failed.iter().map(|f| f.diagnostic.clone()).collect(),
        page_paths: Vec::with_capacity(facts.len()),
        definitions: Vec::with_capacity(facts.len()),
        operation_page_definitions: Vec::new(),
        // Sized up front: an operation is large, and growing would copy them again.
        operations: Vec::with_capacity(facts.iter().filter(|f| f.operation.is_some()).count()),
        examples: Vec::with_capacity(facts.len()),
    };
    for facts in facts {
        gathered.diagnostics.extend(facts.page_diagnostics);
        gathered.diagnostics.extend(facts.diagnostics);
        if let Some(reason) = facts.empty_reason {
            gathered.counts.failed += 1;
            gathered.failed_pages.push(FailedPage {
                page: facts.path.clone(),
                reason,
            });
            gathered.page_paths.push(facts.path);
            continue;
        }
        gathered.page_paths.push(facts.path);
        let counts = &mut gathered.counts;
        match facts.kind {
            PageKind::Operation => counts.operation += 1,
            PageKind::Resource => counts.resource += 1,
            PageKind::Enum => counts.enum_ += 1,
            PageKind::Other => counts.other += 1,
        }
        if facts.kind == PageKind::Operation {
            gathered.operation_page_definitions.push(facts.types);
        } else {
            gathered.definitions.push(facts.types);
        }
        gathered.operations.extend(facts.operation.map(|op| *op));
        gathered.examples.push(facts.examples);
    }
    gathered
}

/// Merges the definitions of every page, in page order (definitions on resource and enum pages
/// first), into one type per name.
fn merge_definitions(
    definitions: Vec<Vec<TypeDef>>,
    operation_page_definitions: Vec<Vec<TypeDef>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<(&'static str, String), TypeDef> {
    let mut types = BTreeMap::new();
    for def in definitions
        .into_iter()
        .chain(operation_page_definitions)
        .flatten()
    {
        merge_type(&mut types, def, diagnostics);
    }
    types
}

/// Merges the pages' facts into the model. Steps that touch different parts of the model run
/// side by side (types on one side, operations and examples on the other); the result is the
/// same as in sequence.
fn assemble(facts: Vec<PageFacts>, failed: &[FailedCorpusPage]) -> ApiModel {
    let Gathered {
        counts,
        mut failed_pages,
        mut diagnostics,
        page_paths,
        definitions,
        operation_page_definitions,
        mut operations,
        examples,
    } = gather(facts, failed);
    let mut merge_diagnostics = Vec::new();
    let ((mut types, resolver), mut examples) = rayon::join(
        || {
            let types = merge_definitions(
                definitions,
                operation_page_definitions,
                &mut merge_diagnostics,
            );
            let resolver = Resolver::new(&types, &page_paths);
            let types: Vec<TypeDef> = types.into_values().collect();
            (types, resolver)
        },
        || examples.into_iter().flatten().collect::<Vec<Example>>(),
    );
    diagnostics.append(&mut merge_diagnostics);
    // References resolve in parallel; the misses are tallied in model order after.
    let type_misses: Vec<(Vec<Miss>, Option<Diagnostic>)> = types
        .par_iter_mut()
        .map(|def| {
            let mut misses = Vec::new();
            let ns = def
                .name
                .rsplit_once('.')
                .map_or("microsoft.graph", |(ns, _)| ns)
                .to_string();
            for property in &mut def.properties {
                let (page, line) = (&def.page, property.line);
                property.type_name = resolver.resolve(
                    &property.type_ref,
                    def.version,
                    &ns,
                    || format!("{page}:{line}"),
                    &mut misses,
                );
            }
            let disagreement = resolve_base(def, &resolver, &ns, &mut misses);
            // A derived type the base page names but no page defines is the link rules' to
            // report, not an unresolved reference of the model.
            let mut unreported = Vec::new();
            def.derived = std::mem::take(&mut def.derived_text)
                .into_iter()
                .map(|(type_ref, _)| {
                    resolver.resolve(&type_ref, def.version, &ns, String::new, &mut unreported)
                })
                .collect();
            (misses, disagreement)
        })
        .collect();
    let mut misses = Vec::new();
    for (type_misses, disagreement) in type_misses {
        misses.extend(type_misses);
        diagnostics.extend(disagreement);
    }
    // The types' base cycles and kinds, beside the operations' resolution and order.
    let mut cycle_diagnostics = Vec::new();
    let ((), operation_misses) = rayon::join(
        || {
            break_base_cycles(&mut types, &mut cycle_diagnostics);
            adopt_bases_named_by_base_pages(&mut types);
            infer_kinds(&mut types);
            drop_guessed_inherited_properties(&mut types);
        },
        || {
            let operation_misses: Vec<Vec<Miss>> = operations
                .par_iter_mut()
                .map(|op| resolve_operation(op, &resolver))
                .collect();
            operations.sort_by(|a, b| (a.version, &a.name).cmp(&(b.version, &b.name)));
            operation_misses
        },
    );
    diagnostics.append(&mut cycle_diagnostics);
    misses.extend(operation_misses.into_iter().flatten());
    let op_index: HashMap<(&str, &str), usize> = operations
        .iter()
        .enumerate()
        .map(|(i, o)| ((o.version, o.page.as_str()), i))
        .collect();
    examples.par_iter_mut().for_each(|example| {
        let op = op_index
            .get(&(example.version, example.page.as_str()))
            .map(|&i| &operations[i]);
        fill_example_types(example, op, &resolver);
    });
    let unresolved = resolve::tally(misses);
    diagnostics.sort();
    diagnostics.dedup();
    failed_pages.sort_by(|a, b| a.page.cmp(&b.page));
    ApiModel {
        pages: counts,
        types,
        operations,
        examples,
        unresolved,
        failed_pages,
        diagnostics,
    }
}

/// Adds a definition, merging it into an earlier one of the same name (`deviceManagement`
/// is split over 16 pages). The type's own page (the file named after it) is the primary
/// definition, which the others merge into, wherever it comes in page order (`user.md`, not
/// the Intune page `intune-devices-user.md`).
fn merge_type(
    types: &mut BTreeMap<(&'static str, String), TypeDef>,
    mut def: TypeDef,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let key = (def.version, def.name.clone());
    let Some(existing) = types.get_mut(&key) else {
        types.insert(key, def);
        return;
    };
    if is_own_page(&def) && !is_own_page(existing) {
        std::mem::swap(existing, &mut def);
        // The definitions merged so far stay merged.
        existing.also_defined_in = std::mem::take(&mut def.also_defined_in);
    }
    if existing.kind == TypeKind::Enum && def.kind == TypeKind::Enum {
        let differs = existing
            .members
            .iter()
            .map(|m| &m.name)
            .ne(def.members.iter().map(|m| &m.name));
        if differs {
            diagnostics.push(Diagnostic {
                file: def.page.clone(),
                line: def
                    .source
                    .rsplit(':')
                    .next()
                    .and_then(|l| l.parse().ok())
                    .unwrap_or(1),
                column: 1,
                code: codes::CONFLICTING_DEFINITION,
                severity: Severity::Warning,
                message: format!(
                    "enum `{}` is also defined at {} with other members{}",
                    def.name,
                    existing.source,
                    member_difference(&def.members, &existing.members)
                ),
                help: Some("list the same members on every page that defines the enum".into()),
                fix: None,
                also_at: Vec::new(),
            });
        }
        for member in def.members {
            if !existing.members.iter().any(|m| m.name == member.name) {
                existing.members.push(member);
            }
        }
        existing.also_defined_in.push(def.source);
        return;
    }
    let mut by_name: HashMap<String, usize> = existing
        .properties
        .iter()
        .enumerate()
        .map(|(i, p)| (p.name.clone(), i))
        .collect();
    for property in def.properties {
        match by_name
            .get(&property.name)
            .map(|&i| &mut existing.properties[i])
        {
            Some(p) => {
                // A type guessed from a sample value conflicts only in kind (`12` where a
                // String is documented, not `1024` for an Int64), and gives way to a table's.
                let conflicts = if p.guessed || property.guessed {
                    p.collection != property.collection
                        || !same_json_kind(&p.type_ref.name, &property.type_ref.name)
                } else {
                    p.type_ref.name != property.type_ref.name || p.collection != property.collection
                };
                if conflicts {
                    diagnostics.push(type_conflict(
                        &def.page,
                        &def.name,
                        &property,
                        p,
                        &existing.source,
                    ));
                }
                if p.guessed && !property.guessed {
                    *p = property;
                }
            }
            None => {
                by_name.insert(property.name.clone(), existing.properties.len());
                existing.properties.push(property);
            }
        }
    }
    existing.key = existing.key.take().or(def.key);
    existing.addressable |= def.addressable;
    existing.base_text = existing.base_text.take().or(def.base_text);
    existing.base_annotation = existing.base_annotation.take().or(def.base_annotation);
    existing.derived_text.extend(def.derived_text);
    existing.template = existing.template.take().or(def.template);
    if existing.description.is_empty() {
        existing.description = def.description;
    }
    existing.also_defined_in.push(def.source);
}

/// GD0502 for a property that `page` documents with another type than `other`, documented
/// at `other_source`.
fn type_conflict(
    page: &str,
    type_name: &str,
    property: &Property,
    other: &Property,
    other_source: &str,
) -> Diagnostic {
    Diagnostic {
        file: page.to_string(),
        line: property.line,
        column: 1,
        code: codes::CONFLICTING_DEFINITION,
        severity: Severity::Warning,
        message: format!(
            "property `{}` of `{type_name}` is {} here, but {} at {other_source}",
            property.name,
            written(property),
            written(other),
        ),
        help: Some("give the property one type on every page that documents it".into()),
        fix: None,
        also_at: Vec::new(),
    }
}

/// How two member lists differ, for a message: `` (`a` only here; `b` only there) ``, or
/// nothing when only the order differs.
fn member_difference(here: &[EnumMember], there: &[EnumMember]) -> String {
    let missing_from = |members: &[EnumMember], others: &[EnumMember]| -> Vec<String> {
        members
            .iter()
            .filter(|m| !others.iter().any(|o| o.name == m.name))
            .map(|m| format!("`{}`", m.name))
            .collect()
    };
    let only_here = missing_from(here, there);
    let only_there = missing_from(there, here);
    let mut parts = Vec::new();
    if !only_here.is_empty() {
        parts.push(format!("{} only here", only_here.join(", ")));
    }
    if !only_there.is_empty() {
        parts.push(format!("{} only there", only_there.join(", ")));
    }
    if parts.is_empty() {
        " (in another order)".into()
    } else {
        format!(" ({})", parts.join("; "))
    }
}

/// A property's type as its page gives it, for a message: `` `Int64` ``, `` `String`
/// collection ``, or for a type guessed from a sample value, `a number in a sample`.
fn written(property: &Property) -> String {
    let type_ref = &property.type_ref;
    let name = match (&type_ref.name, property.guessed) {
        (name, true) => {
            let kind = match json_kind(name) {
                Some(JsonKind::Number) => "a number",
                Some(JsonKind::Text) => "a string",
                Some(JsonKind::Boolean) => "a Boolean",
                _ => "an object",
            };
            let each = if type_ref.collection { " list" } else { "" };
            return format!("{kind}{each} in a sample");
        }
        (TypeName::Primitive { name }, _) => name.trim_start_matches("Edm."),
        (TypeName::Named { name, .. }, _) => name.rsplit('.').next().unwrap_or(name),
        (TypeName::Unreadable { text }, _) => text,
    };
    if type_ref.collection {
        format!("`{name}` collection")
    } else {
        format!("`{name}`")
    }
}

/// The kind of JSON value a documented type takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum JsonKind {
    Number,
    Text,
    Boolean,
    /// A named type: an object, or a string for an enum, which the merge cannot yet tell.
    Named,
}

/// The JSON kind of a value of `name`; `None` for a type cell that names no type.
fn json_kind(name: &TypeName) -> Option<JsonKind> {
    match name {
        TypeName::Primitive { name } => Some(match *name {
            "Edm.Boolean" => JsonKind::Boolean,
            edm if super::typeref::is_number(edm) => JsonKind::Number,
            _ => JsonKind::Text,
        }),
        TypeName::Named { .. } => Some(JsonKind::Named),
        TypeName::Unreadable { .. } => None,
    }
}

/// Whether values of two types can look alike in JSON: the same kind, or a named type beside
/// a string or another named type. An unreadable type is like any.
fn same_json_kind(a: &TypeName, b: &TypeName) -> bool {
    match (json_kind(a), json_kind(b)) {
        (Some(a), Some(b)) => {
            a == b
                || matches!(
                    (a, b),
                    (JsonKind::Named, JsonKind::Text) | (JsonKind::Text, JsonKind::Named)
                )
        }
        _ => true,
    }
}

/// Whether `def` comes from the page named after it (`resources/user.md` for `user`).
fn is_own_page(def: &TypeDef) -> bool {
    let stem = def.page.rsplit('/').next().unwrap_or("");
    let stem = stem.strip_suffix(".md").unwrap_or(stem);
    let short = def.name.rsplit('.').next().unwrap_or("");
    stem.eq_ignore_ascii_case(short)
}

/// Resolves the base type of `def`, from the "Inherits from" text and the annotation's
/// `baseType`; returns the diagnostic for when the two disagree.
fn resolve_base(
    def: &mut TypeDef,
    resolver: &Resolver,
    ns: &str,
    misses: &mut Vec<Miss>,
) -> Option<Diagnostic> {
    let from_text = def.base_text.as_ref().map(|(type_ref, line)| {
        let at = || format!("{}:{line}", def.page);
        (
            resolver.resolve(type_ref, def.version, ns, at, misses),
            *line,
        )
    });
    let from_annotation = def.base_annotation.as_ref().map(|(name, line)| {
        let type_ref = TypeRef {
            name: TypeName::Named {
                name: name.clone(),
                target: None,
            },
            collection: false,
            remark: None,
        };
        let at = || def.source.clone();
        (
            resolver.resolve(&type_ref, def.version, ns, at, misses),
            *line,
        )
    });
    let mut disagreement = None;
    if let (Some((text, line)), Some((annotation, annotation_line))) =
        (&from_text, &from_annotation)
    {
        if !text.eq_ignore_ascii_case(annotation) {
            disagreement = Some(Diagnostic {
                file: def.page.clone(),
                line: *line,
                column: 1,
                code: codes::BASE_TYPE_DISAGREEMENT,
                severity: Severity::Warning,
                message: format!(
                    "the text says `{}` inherits from `{text}`, but the annotation at line {annotation_line} says `baseType` is `{annotation}`",
                    def.name
                ),
                help: Some("make the text and the annotation name the same base type".into()),
                fix: None,
                also_at: Vec::new(),
            });
        }
    }
    def.base = from_text
        .or(from_annotation)
        .map(|(name, _)| name)
        .filter(|name| name != UNTYPED);
    disagreement
}

/// Resolves the request, parameter and response types of an operation; returns the
/// references that name no defined type, in page order.
fn resolve_operation(op: &mut Operation, resolver: &Resolver) -> Vec<Miss> {
    let ns = "microsoft.graph";
    let mut misses = Vec::new();
    if let Some(type_ref) = &op.request_type_ref {
        op.request_type = if op.request_type_guessed {
            // A guess from the title ("Update chartAxis") counts only when it names a
            // documented type, by name or by the page of that name; so does a name a
            // Request body sentence gives without a link.
            let guess = match &type_ref.name {
                TypeName::Named { name, .. } => {
                    let page = op.page.replace("api/", "resources/");
                    let page = format!(
                        "{}{}.md",
                        page.rsplit_once('/').map_or("", |(dir, _)| dir).to_string() + "/",
                        name.to_ascii_lowercase()
                    );
                    resolver
                        .lookup_in(name, ns, op.version)
                        .or_else(|| resolver.page_type(&page.to_ascii_lowercase()).cloned())
                }
                _ => None,
            };
            // A sentence's unlinked name that names nothing leaves a POST's body as the page
            // has it: its parameters table, or something else.
            if guess.is_none() && !matches!(op.method.as_str(), "PATCH" | "PUT") {
                op.request_body = if op.request_parameters.is_empty() {
                    RequestBodyKind::Other
                } else {
                    RequestBodyKind::Parameters
                };
            }
            guess
        } else {
            let source = &op.source;
            let name = resolver.resolve(type_ref, op.version, ns, || source.clone(), &mut misses);
            (name != UNTYPED).then_some(name)
        };
    }
    for parameter in &mut op.request_parameters {
        let (page, line) = (&op.page, parameter.line);
        let at = || format!("{page}:{line}");
        parameter.type_name =
            resolver.resolve(&parameter.type_ref, op.version, ns, at, &mut misses);
    }
    for response in &mut op.responses {
        if let Some(type_ref) = &response.type_ref {
            let (page, line) = (&op.page, response.line);
            let at = || format!("{page}:{line}");
            let name = resolver.resolve(type_ref, op.version, ns, at, &mut misses);
            response.type_name = (name != UNTYPED).then_some(name);
        } else if let Some(name) = response
            .type_name
            .as_mut()
            .filter(|n| !n.starts_with("Edm."))
        {
            // A type taken from a response example's annotation, looked up as the examples'
            // own are: the documented spelling when a page defines it, else as written.
            if let Some(found) = resolver.lookup(name, op.version) {
                *name = found;
            }
        }
    }
    misses
}

/// Each type's position, by version and qualified name.
fn type_positions(types: &[TypeDef]) -> HashMap<(&str, &str), usize> {
    types
        .iter()
        .enumerate()
        .map(|(i, t)| ((t.version, t.name.as_str()), i))
        .collect()
}

/// The base of each type, as a position; a base that is not defined ends the chain.
fn base_positions(types: &[TypeDef], index: &HashMap<(&str, &str), usize>) -> Vec<Option<usize>> {
    types
        .iter()
        .map(|t| index.get(&(t.version, t.base.as_deref()?)).copied())
        .collect()
}

/// Removes the base of a type whose base chain comes back to itself.
fn break_base_cycles(types: &mut [TypeDef], diagnostics: &mut Vec<Diagnostic>) {
    let index = type_positions(types);
    let mut base_of = base_positions(types, &index);
    // Types are visited in name order; the first type found on a cycle loses its base at once,
    // which breaks the cycle for the types after it. Each cycle is kept, first type first.
    let mut cycles: Vec<Vec<usize>> = Vec::new();
    for start in 0..types.len() {
        let mut seen = HashSet::default();
        seen.insert(start);
        let mut cycle = vec![start];
        let mut current = start;
        while let Some(next) = base_of[current] {
            if next == start {
                base_of[start] = None;
                cycles.push(cycle);
                break;
            }
            if !seen.insert(next) {
                break;
            }
            cycle.push(next);
            current = next;
        }
    }
    for cycle in cycles {
        let names: Vec<&str> = cycle
            .iter()
            .chain(cycle.first())
            .map(|&i| types[i].name.rsplit('.').next().unwrap_or_default())
            .collect();
        let cut = names[0];
        // Every type on the cycle is told, each where its page names its base: checking any
        // one of their pages reports the cycle.
        for &i in &cycle {
            let def = &types[i];
            let (file, source_line) = def
                .source
                .rsplit_once(':')
                .map_or((def.page.clone(), 1), |(f, l)| {
                    (f.to_string(), l.parse().unwrap_or(1))
                });
            let line = def
                .base_line()
                .filter(|_| file == def.page)
                .unwrap_or(source_line);
            diagnostics.push(Diagnostic {
                file,
                line,
                column: 1,
                code: codes::BASE_TYPE_CYCLE,
                severity: Severity::Error,
                message: format!(
                    "the base types of `{}` form a cycle ({}); the base of `{cut}` is ignored",
                    names[cycle.iter().position(|&j| j == i).unwrap_or(0)],
                    names.join(" → ")
                ),
                help: Some(
                    "a type cannot inherit from itself, directly or through other types".into(),
                ),
                fix: None,
                also_at: Vec::new(),
            });
        }
        types[cycle[0]].base = None;
    }
}

/// A type whose own page names no base takes the base whose page names it among its derived
/// types ("This is a base class; the derived types are [educationPointsOutcome](...)"), unless
/// that would close a cycle. Where several base pages name it, the first in name order wins.
fn adopt_bases_named_by_base_pages(types: &mut [TypeDef]) {
    let index = type_positions(types);
    let mut base_of = base_positions(types, &index);
    let mut adopted: Vec<(usize, usize)> = Vec::new();
    for (base, def) in types.iter().enumerate() {
        for name in &def.derived {
            let Some(&derived) = index.get(&(def.version, name.as_str())) else {
                continue;
            };
            let own = &types[derived];
            let names_no_base =
                own.base.is_none() && own.base_text.is_none() && own.base_annotation.is_none();
            if !names_no_base || adopted.iter().any(|&(d, _)| d == derived) {
                continue;
            }
            // The base's own chain must not lead back to the derived type.
            let mut current = Some(base);
            let mut closes_a_cycle = false;
            for _ in 0..=types.len() {
                let Some(at) = current else { break };
                if at == derived {
                    closes_a_cycle = true;
                    break;
                }
                current = base_of[at];
            }
            if !closes_a_cycle {
                base_of[derived] = Some(base);
                adopted.push((derived, base));
            }
        }
    }
    drop(index);
    for (derived, base) in adopted {
        types[derived].base = Some(types[base].name.clone());
    }
}

/// Entity or complex: the pages rarely say. A type is an entity when it is addressable (its
/// page lists operations, or its key is a property), when another type's relationship points
/// at it, or when its base chain reaches an entity. An entity whose page names no base derives
/// from `microsoft.graph.entity`, as every Graph entity does.
fn infer_kinds(types: &mut [TypeDef]) {
    const ENTITY: &str = "microsoft.graph.entity";
    let index = type_positions(types);
    let mut direct: Vec<bool> = types
        .iter()
        .map(|t| t.kind != TypeKind::Enum && (t.addressable || t.name == ENTITY))
        .collect();
    for def in types.iter() {
        for property in def.properties.iter().filter(|p| p.navigation) {
            if let Some(&target) = index.get(&(def.version, property.type_name.as_str())) {
                if types[target].kind != TypeKind::Enum {
                    direct[target] = true;
                }
            }
        }
    }
    let mut entity = direct.clone();
    for (i, def) in types.iter().enumerate() {
        if entity[i] || def.kind == TypeKind::Enum {
            continue;
        }
        let mut current = def;
        for _ in 0..64 {
            let Some(base) = &current.base else { break };
            if base == ENTITY {
                entity[i] = true;
                break;
            }
            let Some(&next) = index.get(&(current.version, base.as_str())) else {
                break;
            };
            if direct[next] {
                entity[i] = true;
                break;
            }
            current = &types[next];
        }
    }
    for (def, is_entity) in types.iter_mut().zip(entity) {
        if def.kind == TypeKind::Enum {
            continue;
        }
        def.kind = if is_entity {
            TypeKind::Entity
        } else {
            TypeKind::Complex
        };
        if is_entity && def.base.is_none() && def.name != ENTITY {
            def.base = Some(ENTITY.to_string());
        }
    }
}

/// A derived type's page with no properties table shows its inherited properties in its JSON
/// representation too, where only a sample value hints at their type (`12` for a Double): the
/// base type documents them, so the guesses are dropped and the base's table speaks for them.
fn drop_guessed_inherited_properties(types: &mut [TypeDef]) {
    let index = type_positions(types);
    let inherited: Vec<(usize, HashSet<String>)> = types
        .iter()
        .enumerate()
        .filter(|(_, t)| t.properties.iter().any(|p| p.guessed))
        .map(|(i, def)| {
            let mut names = HashSet::default();
            let mut current = def;
            // The chain is acyclic by now; the bound only guards the walk.
            for _ in 0..64 {
                let Some(next) = current
                    .base
                    .as_deref()
                    .and_then(|base| index.get(&(current.version, base)))
                else {
                    break;
                };
                current = &types[*next];
                names.extend(current.properties.iter().map(|p| p.name.clone()));
            }
            (i, names)
        })
        .filter(|(_, names)| !names.is_empty())
        .collect();
    for (i, names) in inherited {
        types[i]
            .properties
            .retain(|p| !(p.guessed && names.contains(&p.name)));
    }
}

fn fill_example_types(example: &mut Example, op: Option<&Operation>, resolver: &Resolver) {
    if let Some(op) = op {
        example.request_type = op.request_type.clone();
        example.request_collection = op.request_collection;
    }
    if example.standalone.is_some() {
        if let Some(name) = &example.response_type {
            example.response_type = resolver
                .lookup(name, example.version)
                .or(Some(name.clone()));
        }
        return;
    }
    let Some(response) = &example.response else {
        return;
    };
    if let Some(name) = &response.odata_type {
        example.response_type = resolver
            .lookup(name, example.version)
            .or(Some(name.clone()));
        example.response_collection = response.is_collection;
        return;
    }
    let documented: Option<&ResponseDoc> = op.and_then(|op| {
        op.responses
            .iter()
            .find(|r| r.status == response.status && r.type_name.is_some())
    });
    if let Some(doc) = documented {
        example.response_type = doc.type_name.clone();
        example.response_collection = doc.collection;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model_of(pages: &[(&str, &str)]) -> ApiModel {
        let corpus = Corpus {
            pages: pages
                .iter()
                .map(|(path, text)| crate::page::parse(path, text.as_bytes()))
                .collect(),
            failed: Vec::new(),
        };
        build(&corpus)
    }

    const TABLE: &str = "## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n";

    #[test]
    fn a_type_is_sourced_at_its_own_page_whatever_the_page_order() {
        let stub = format!("# user resource type\n\nNot yet documented\n\n{TABLE}|id|String|Unique identifier of the user.|\n");
        let own = format!("# user resource type\n\nRepresents a user account.\n\n{TABLE}|id|String|The unique identifier. Read-only.|\n|mail|String|The mail address.|\n");
        let model = model_of(&[
            ("resources/intune-devices-user.md", &stub),
            ("resources/user.md", &own),
        ]);
        let user = model
            .find_type("v1.0", "microsoft.graph.user")
            .expect("user is defined");
        assert_eq!(user.source, "resources/user.md:1");
        assert_eq!(user.also_defined_in, ["resources/intune-devices-user.md:1"]);
        assert_eq!(user.description, "Represents a user account.");
        let names: Vec<&str> = user.properties.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["id", "mail"]);
        assert!(user.properties[0].read_only, "the own page's row wins");
    }

    #[test]
    fn a_request_body_sentence_names_its_type_without_a_link() {
        let create = |name: &str| {
            format!("# Create {name}\n\n## HTTP request\n\n```http\nPOST /deviceManagement/deviceConfigurations\n```\n\n## Request body\n\nIn the request body, supply a JSON representation for the {name} object.\n\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|Key of the entity.|\n")
        };
        let resource = format!("# iosCustomConfiguration resource type\n\nA custom configuration.\n\n{TABLE}|id|String|Key of the entity.|\n");
        let model = model_of(&[
            (
                "api/ioscustomconfiguration-create.md",
                &create("iosCustomConfiguration"),
            ),
            ("api/gadget-create.md", &create("gadget")),
            (
                "resources/intune-deviceconfig-ioscustomconfiguration.md",
                &resource,
            ),
        ]);
        let op = |name: &str| {
            model
                .operations
                .iter()
                .find(|o| o.name == name)
                .expect("the operation is in the model")
        };
        let typed = op("ioscustomconfiguration-create");
        assert_eq!(typed.request_body, RequestBodyKind::Type);
        assert_eq!(
            typed.request_type.as_deref(),
            Some("microsoft.graph.iosCustomConfiguration")
        );
        // A name no page defines is no type, and no unresolved reference either.
        let untyped = op("gadget-create");
        assert_eq!(untyped.request_type, None);
        assert_eq!(untyped.request_body, RequestBodyKind::Parameters);
        assert!(model.unresolved.is_empty());
    }

    #[test]
    fn a_derived_page_without_a_table_inherits_what_its_sample_shows_of_the_base() {
        let base = format!("# mediaQuality resource type\n\nMedia quality.\n\n{TABLE}|lossRate|Double|The loss rate.|\n");
        let derived = "# audioQuality resource type\n\nAudio quality.\n\n## Properties\n\n**audioQuality** inherits all the properties of the [mediaQuality](mediaquality.md) resource.\n\n## JSON representation\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.audioQuality\", \"baseType\": \"microsoft.graph.mediaQuality\" } -->\n```json\n{ \"lossRate\": 12, \"codec\": \"String\" }\n```\n";
        let model = model_of(&[
            ("resources/audioquality.md", derived),
            ("resources/mediaquality.md", &base),
        ]);
        let audio = model
            .find_type("v1.0", "microsoft.graph.audioQuality")
            .expect("audioQuality is defined");
        assert_eq!(audio.base.as_deref(), Some("microsoft.graph.mediaQuality"));
        // `12` is no Int32 of the derived type: the base's table documents a Double.
        let names: Vec<&str> = audio.properties.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["codec"]);
    }

    /// The model of a resource page documenting `size` in a table, beside an operation page
    /// whose JSON representation of the same type shows `size` with the sample `sample`.
    fn size_documented_and_shown(documented: &str, sample: &str) -> ApiModel {
        let resource =
            format!("# twice resource type\n\nA type.\n\n{TABLE}|size|{documented}|The size.|\n");
        let operation = format!("# Get twice\n\n## Response\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.twice\" }} -->\n```json\n{{ \"size\": {sample} }}\n```\n");
        model_of(&[
            ("api/twice-get.md", &operation),
            ("resources/twice.md", &resource),
        ])
    }

    fn conflicts(model: &ApiModel) -> Vec<&str> {
        model
            .diagnostics
            .iter()
            .filter(|d| d.code == codes::CONFLICTING_DEFINITION)
            .map(|d| d.message.as_str())
            .collect()
    }

    #[test]
    fn a_sample_value_of_the_documented_kind_is_no_conflict() {
        for (documented, sample) in [
            ("Int64", "1024"),
            ("DateTimeOffset", "\"2021-01-01T00:00:00Z\""),
        ] {
            let model = size_documented_and_shown(documented, sample);
            assert_eq!(conflicts(&model), Vec::<&str>::new(), "{documented}");
            let twice = model.find_type("v1.0", "microsoft.graph.twice").unwrap();
            assert_eq!(twice.properties[0].type_name, format!("Edm.{documented}"));
        }
    }

    #[test]
    fn a_sample_value_of_another_kind_is_a_conflict_that_names_both() {
        let model = size_documented_and_shown("String", "12");
        assert_eq!(
            conflicts(&model),
            ["property `size` of `microsoft.graph.twice` is a number in a sample here, but `String` at resources/twice.md:1"]
        );
    }

    #[test]
    fn an_enum_defined_twice_names_the_members_that_differ() {
        let page = |members: &str| {
            format!("# color enum type\n\nNamespace: microsoft.graph\n\nA color.\n\n## Members\n|Member|Value|Description|\n|:--|:--|:--|\n{members}")
        };
        let model = model_of(&[
            (
                "resources/color.md",
                &page("|red|0|Red.|\n|blue|1|Blue.|\n"),
            ),
            (
                "resources/enums.md",
                &page("|red|0|Red.|\n|green|1|Green.|\n"),
            ),
        ]);
        let found = conflicts(&model);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].ends_with("(`green` only here; `blue` only there)"),
            "{}",
            found[0]
        );
    }

    #[test]
    fn a_base_page_that_names_its_derived_types_gives_them_their_base() {
        let outcome = format!("# outcome resource type\n\nA result. This is a base class; the derived types are [pointsOutcome](pointsoutcome.md) and [rubricOutcome](rubricoutcome.md).\n\n{TABLE}|id|String|The id.|\n");
        let info = format!("# info resource type\n\nA base class for details of the [outcome](outcome.md). Supported derived types:\n\n- [tokenInfo](tokeninfo.md) is a derived type of info.\n\n- [organizerInfo](organizerinfo.md) is another.\n\n- [meeting](meeting.md) as well.\n\nNot an item: see [outcome](outcome.md).\n\n{TABLE}|kind|String|The kind.|\n");
        let meeting = format!("# meeting resource type\n\nA meeting.\n\n## Derived types\n\n|Type|Description|\n|:--|:--|\n|[tokenMeeting](tokenmeeting.md)|By token.|\n\n- [joinedMeeting](joinedmeeting.md)\n- [info](info.md)\n\n{TABLE}|id|String|The id.|\n");
        let derived = |name: &str, sentence: &str| {
            format!("# {name} resource type\n\n{sentence}\n\n{TABLE}|extra|String|More.|\n")
        };
        let points = derived("pointsOutcome", "An outcome with points.");
        let rubric = derived(
            "rubricOutcome",
            "A rubric. Inherits from [info](info.md), as its own page says.",
        );
        let token = derived("tokenInfo", "A token.");
        let organizer = derived("organizerInfo", "An organizer.");
        let token_meeting = derived("tokenMeeting", "By token.");
        let joined_meeting = derived("joinedMeeting", "Joined.");
        let model = model_of(&[
            ("resources/meeting.md", &meeting),
            ("resources/tokenmeeting.md", &token_meeting),
            ("resources/joinedmeeting.md", &joined_meeting),
            ("resources/outcome.md", &outcome),
            ("resources/info.md", &info),
            ("resources/pointsoutcome.md", &points),
            ("resources/rubricoutcome.md", &rubric),
            ("resources/tokeninfo.md", &token),
            ("resources/organizerinfo.md", &organizer),
        ]);
        let base_of = |name: &str| {
            let def = model.find_type("v1.0", &format!("microsoft.graph.{name}"));
            def.expect("the type is defined").base.clone()
        };
        let named = |base: &str| Some(format!("microsoft.graph.{base}"));
        assert_eq!(base_of("pointsOutcome"), named("outcome"));
        // A type's own page wins over the base page that lists it.
        assert_eq!(base_of("rubricOutcome"), named("info"));
        // The items of a list the page announces, each by its first link.
        assert_eq!(base_of("tokenInfo"), named("info"));
        assert_eq!(base_of("organizerInfo"), named("info"));
        // "A base class for details of the [outcome]" names no derived type, and a link in
        // a paragraph after the list is no item of it.
        assert_eq!(base_of("outcome"), None);
        // A "Derived types" section, by its table and by its (tight) list.
        assert_eq!(base_of("tokenMeeting"), named("meeting"));
        assert_eq!(base_of("joinedMeeting"), named("meeting"));
        // `info` and `meeting` name each other: the first in name order gives its base,
        // and the other adoption, which would close a cycle, is not made.
        assert_eq!(base_of("meeting"), named("info"));
        assert_eq!(base_of("info"), None);
    }

    #[test]
    fn a_type_that_inherits_from_itself_is_a_reported_cycle() {
        let page = format!("# gadget resource type\n\nA gadget. Inherits from [gadget](gadget.md).\n\n{TABLE}|name|String|The name.|\n");
        let model = model_of(&[("resources/gadget.md", &page)]);
        let gadget = model
            .find_type("v1.0", "microsoft.graph.gadget")
            .expect("gadget is defined");
        assert_eq!(gadget.base, None);
        let cycles: Vec<_> = model
            .diagnostics
            .iter()
            .filter(|d| d.code == codes::BASE_TYPE_CYCLE)
            .map(|d| (d.file.as_str(), d.line))
            .collect();
        // At its "Inherits from" line.
        assert_eq!(cycles, [("resources/gadget.md", 3)]);
    }
}
