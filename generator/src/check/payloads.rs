//! Example payloads against the documented types: properties the type does not have, values of
//! the wrong kind or format, enum values that are no member, `@odata.type` names that are
//! unknown or not derived from the declared type, and type-name placeholders left in examples.

use super::context::{did_you_mean, Index, PageCheck};
use super::located::{self, Member, Node, Value};
use super::metadata;
use super::values::{self, Verdict};
use crate::codes;
use crate::csdl::{CsdlProperty, Schema};
use crate::diagnostics::{Diagnostic, Fix, Place};
use crate::model::typeref::{primitive, UNTYPED};
use crate::model::{Payload, Property, RequestBodyKind, TypeDef, TypeKind};
use crate::page::floor_char_boundary;
use std::cell::RefCell;

/// What a JSON object is documented to be.
#[derive(Clone, Copy)]
enum Expected<'a> {
    /// An instance of a type.
    Type(&'a TypeDef),
    /// The parameters of a Request body table.
    Parameters(&'a [Property]),
    /// Nothing known: only type-free checks run.
    Unknown,
}

/// Keys whose string value names a type on purpose (schema definitions, not placeholders).
const TYPE_NAMING_KEYS: &[&str] = &["type", "datatype", "valuetype", "propertytype", "kind"];

/// Reports payload properties and values that disagree with their documented types. With a
/// `schema` (`--metadata`), a finding's help says which side the schema takes.
pub fn check(cx: &mut PageCheck, schema: Option<&Schema>) {
    // The schema describes one version (v1.0), as the schema rules assume.
    let schema = schema.filter(|_| cx.page.version == "v1.0");
    let index = cx.index;
    let page = cx.page;
    let op = index.operation(&page.path);
    let mut seen = Vec::new();
    for e in index.examples(&page.path) {
        if let Some(request) = e.request.as_ref().filter(|_| !e.ignored) {
            if let Some(body) = &request.body {
                // A call another page documents (the URL rule found it there) sends what that
                // page's Request body says.
                let elsewhere = cx.addressed_elsewhere(request.line);
                let (op, request_type) = match elsewhere {
                    Some(other) => (Some(other), &other.request_type),
                    None => (op, &e.request_type),
                };
                // An update page's Request body table lists what may be sent: keys outside it
                // disagree with the page even when the type has them.
                let update_table = op.filter(|o| {
                    matches!(o.method.as_str(), "PATCH" | "PUT") && !o.request_parameters.is_empty()
                });
                let expected = match (op.map(|o| &o.request_body), request_type) {
                    _ if update_table.is_some() => update_table.map_or(Expected::Unknown, |o| {
                        Expected::Parameters(&o.request_parameters)
                    }),
                    (_, Some(name)) => index
                        .find_type(e.version, name)
                        .map_or(Expected::Unknown, Expected::Type),
                    (Some(RequestBodyKind::Parameters), None) => op
                        .map_or(Expected::Unknown, |o| {
                            Expected::Parameters(&o.request_parameters)
                        }),
                    _ => Expected::Unknown,
                };
                let reading = Reading {
                    expected,
                    collection: false,
                    alternative: None,
                    table_elsewhere: elsewhere.map(|o| o.page.as_str()),
                };
                check_payload(cx, body, reading, &mut seen, schema);
            }
        }
        let body = e
            .response
            .as_ref()
            .and_then(|r| r.body.as_ref())
            .or(e.standalone.as_deref());
        if let Some(body) = body {
            let declared = e
                .response_type
                .as_deref()
                .and_then(|n| index.find_type(e.version, n));
            // An annotation that declares another type than the Response section documents
            // (or, where it names none, than the Request body of a create): the body may be the
            // documented one (decided once the body is read).
            let declared_by_annotation =
                e.response.as_ref().is_some_and(|r| r.odata_type.is_some());
            let alternative = declared
                .filter(|_| declared_by_annotation)
                .and_then(|declared| {
                    let op = op?;
                    let documented = documented_response(index, op, declared)
                        .or_else(|| created_type(index, page, op, declared))?;
                    Some((declared, documented))
                });
            let expected = declared.map_or(Expected::Unknown, Expected::Type);
            let reading = Reading {
                expected,
                collection: e.response_collection,
                alternative,
                table_elsewhere: None,
            };
            check_payload(cx, body, reading, &mut seen, schema);
        }
    }
    check_annotation_types(cx);
}

/// How to read a payload: the type it is documented to be, and for a response whose
/// annotation declares a type, the other type the Response section documents (with its line).
struct Reading<'a> {
    expected: Expected<'a>,
    collection: bool,
    alternative: Option<(&'a TypeDef, Documented<'a>)>,
    /// The page whose Request body table `expected` is, when another page's.
    table_elsewhere: Option<&'a str>,
}

/// A type the page documents a response body to be, and where it says so.
#[derive(Clone, Copy)]
struct Documented<'a> {
    def: &'a TypeDef,
    /// The line that says so.
    line: usize,
    /// The section that says so (`the Response section`).
    by: &'static str,
}

/// The type the operation's Response section documents (and the line that does), when it is
/// another than `declared`.
fn documented_response<'a>(
    index: &Index<'a>,
    op: &'a crate::model::Operation,
    declared: &TypeDef,
) -> Option<Documented<'a>> {
    op.responses.iter().find_map(|r| {
        let def = index.find_type(declared.version, r.type_name.as_deref()?)?;
        (def.name != declared.name).then_some(Documented {
            def,
            line: r.line,
            by: "the Response section",
        })
    })
}

/// The type a POST creates, when its Response section names no type (a type the model took
/// from the examples' annotations does not count): the one its Request body documents
/// (`channel-post-tabs.md` posts a `teamsTab` and returns it), when another than `declared`.
fn created_type<'a>(
    index: &Index<'a>,
    page: &crate::page::Page,
    op: &'a crate::model::Operation,
    declared: &TypeDef,
) -> Option<Documented<'a>> {
    if op.method != "POST"
        || op.request_collection
        || op.responses.iter().any(|r| r.type_ref.is_some())
    {
        return None;
    }
    let def = index.find_type(declared.version, op.request_type.as_deref()?)?;
    let line = page.headings.get(page.section("Request body")?)?.line;
    (def.name != declared.name).then_some(Documented {
        def,
        line,
        by: "the Request body",
    })
}

/// The keys of `root`'s objects (the items of a collection) that `declared` lacks, when
/// `documented` has every key `declared` has, and these more: the body is of the documented type
/// (`team-get-primarychannel.md` declares `team` for the `channel` its Response documents). With the offset of the first
/// object. An object that names its type is the `@odata.type` rules' to judge.
fn keys_of_the_documented_type(
    index: &Index,
    declared: &TypeDef,
    documented: &TypeDef,
    root: &Node,
    collection: bool,
) -> Option<(Vec<String>, usize)> {
    let objects: Vec<(&[Member], usize)> = match &root.value {
        Value::Object(members)
            if collection || is_value_array(members, Expected::Type(declared), index) =>
        {
            members
                .iter()
                .filter(|m| m.key == "value")
                .flat_map(|m| match &m.node.value {
                    Value::Array(items) => items.iter().collect(),
                    _ => Vec::new(),
                })
                .filter_map(|item| match &item.value {
                    Value::Object(members) => Some((members.as_slice(), item.offset)),
                    _ => None,
                })
                .collect()
        }
        Value::Object(members) => vec![(members.as_slice(), root.offset)],
        _ => Vec::new(),
    };
    if objects
        .iter()
        .any(|(members, _)| members.iter().any(|m| m.key == "@odata.type"))
        || index.is_open(declared)
    {
        return None;
    }
    let has = |def: &TypeDef, key: &str| {
        index.property_owner(def, key).is_some() || index.descendant_has(def, key)
    };
    // The documented type explains every key the declared one does, and more. A key neither
    // has is left to the check of the body against the documented type.
    let mut unknown: Vec<String> = Vec::new();
    for (members, _) in &objects {
        for m in members.iter().filter(|m| !m.key.contains('@')) {
            match (has(declared, &m.key), has(documented, &m.key)) {
                (true, false) => return None,
                (false, true) if !unknown.iter().any(|u| *u == *m.key) => {
                    unknown.push(m.key.to_string());
                }
                _ => {}
            }
        }
    }
    let at = objects.first().map_or(0, |(_, offset)| *offset);
    (!unknown.is_empty()).then_some((unknown, at))
}

/// Reports a response annotation that declares another type than the one the Response
/// section documents and the body shows.
fn report_declared_instead(
    cx: &mut PageCheck,
    at: usize,
    declared: &TypeDef,
    documented: Documented,
    unknown: &[String],
) {
    let keys: Vec<String> = unknown.iter().take(5).map(|k| format!("`{k}`")).collect();
    let more = if unknown.len() > keys.len() {
        ", ..."
    } else {
        ""
    };
    let d = cx.at(
        at,
        codes::UNKNOWN_PAYLOAD_PROPERTY,
        format!(
            "the annotation declares `{}`, but the body is of type `{}`, as {} documents (line {}): {}{more} {} not in `{}`",
            short(&declared.name),
            short(&documented.def.name),
            documented.by,
            documented.line,
            keys.join(", "),
            if unknown.len() == 1 { "is" } else { "are" },
            short(&declared.name),
        ),
    );
    d.help = Some(format!(
        "declare `\"@odata.type\": \"{}\"` in the response's annotation",
        documented.def.name
    ));
}

fn check_payload<'a>(
    cx: &mut PageCheck<'a, '_>,
    payload: &Payload,
    reading: Reading<'a>,
    seen: &mut Vec<usize>,
    schema: Option<&Schema>,
) {
    if seen.contains(&payload.offset) {
        return;
    }
    seen.push(payload.offset);
    if payload.json.is_none() {
        return;
    }
    let Some(root) = located::read(&payload.text) else {
        return;
    };
    let first_finding = cx.findings.len();
    let walker = Walker {
        base: payload.offset,
        schema,
        placeholders: RefCell::new(Vec::new()),
        body_table: match reading.table_elsewhere {
            Some(page) => format!("the Request body table of `{page}`"),
            None => "the Request body table".to_string(),
        },
    };
    let mut expected = reading.expected;
    if let Some((declared, documented)) = reading.alternative {
        let keys = keys_of_the_documented_type(
            cx.index,
            declared,
            documented.def,
            &root,
            reading.collection,
        );
        if let Some((unknown, at)) = keys {
            let at = walker.offset(cx, at);
            report_declared_instead(cx, at, declared, documented, &unknown);
            // The rest of the body is checked against the type it is.
            expected = Expected::Type(documented.def);
        }
    }
    walker.payload(cx, &root, expected, reading.collection);
    walker.report_placeholders(cx);
    fold_repeats(&mut cx.findings, first_finding);
}

/// Folds the findings from `from` on that repeat one another (the same code and message: the
/// same key unknown on every item of a collection, say) into the first, which counts them and
/// keeps their places: one defect of the example is one finding. A finding that carries a fix
/// stays whole, so that `check --fix` still fixes every place.
fn fold_repeats(findings: &mut Vec<Diagnostic>, from: usize) {
    // Each finding kept, with how many were folded into it.
    let mut kept: Vec<(Diagnostic, usize)> = Vec::new();
    for d in findings.drain(from..) {
        let first = kept
            .iter_mut()
            .find(|(k, _)| d.fix.is_none() && k.code == d.code && k.message == d.message);
        match first {
            Some((first, folded)) => {
                *folded += 1;
                first.also_at.push(Place {
                    line: d.line,
                    column: d.column,
                });
            }
            None => kept.push((d, 0)),
        }
    }
    findings.extend(kept.into_iter().map(|(mut d, folded)| {
        if let Some(last) = d.also_at.last().filter(|_| folded > 0) {
            d.message.push_str(&format!(
                " (and {folded} more time{} in this example, down to line {})",
                if folded == 1 { "" } else { "s" },
                last.line
            ));
        }
        d
    }));
}

/// The `value` member of `{"value": {...}}` around a single object of a type that has no
/// `value` property.
fn wrapped_single<'n, 'j>(
    root: &'n Value<'j>,
    expected: Expected,
    collection: bool,
    index: &Index,
) -> Option<&'n Member<'j>> {
    let Expected::Type(def) = expected else {
        return None;
    };
    let Value::Object(members) = root else {
        return None;
    };
    let wrapper = members.iter().find(|m| m.key == "value")?;
    let only_value = members
        .iter()
        .all(|m| m.key == "value" || m.key.starts_with('@'));
    (only_value
        && !collection
        && matches!(wrapper.node.value, Value::Object(_))
        && index.property(def, "value").is_none())
    .then_some(wrapper)
}

/// A response whose body is `{"value": [...]}` though the type has no `value` property is a
/// collection, whatever the annotation says.
fn is_value_array(members: &[Member], expected: Expected, index: &Index) -> bool {
    let Some(m) = members.iter().find(|m| m.key == "value") else {
        return false;
    };
    matches!(m.node.value, Value::Array(_))
        && match expected {
            Expected::Type(def) => index.property(def, "value").is_none(),
            _ => true,
        }
}

/// Where a property is documented, and what the schema says of it.
#[derive(Clone, Copy)]
struct Source<'r> {
    /// The page and line of its table row.
    row: Option<(&'r str, usize)>,
    /// The schema's property, with `--metadata`.
    in_schema: Option<&'r CsdlProperty>,
}

struct Walker<'s> {
    /// Page offset of the payload's first byte.
    base: usize,
    /// The schema given with `--metadata`, which tells which side of a disagreement is right.
    schema: Option<&'s Schema>,
    /// The type-name placeholders found so far, reported once the payload is walked.
    placeholders: RefCell<Vec<Placeholder>>,
    /// What a finding calls the Request body table (another page's, for a call documented
    /// there).
    body_table: String,
}

/// A type-name placeholder found in a payload.
struct Placeholder {
    /// Page offset of the value.
    at: usize,
    /// What the finding says of it alone.
    message: String,
    /// What to write instead.
    help: String,
}

/// From this many placeholders on, a payload is a copied template: one finding says so.
const TEMPLATE_PLACEHOLDERS: usize = 4;

impl Walker<'_> {
    /// Checks a payload's root value against `expected` (items of a collection when
    /// `collection`).
    fn payload<'a>(
        &self,
        cx: &mut PageCheck<'a, '_>,
        root: &Node,
        expected: Expected<'a>,
        collection: bool,
    ) {
        if let Some(wrapper) = wrapped_single(&root.value, expected, collection, cx.index) {
            // The caret sits on the `value` key to remove.
            let at = self.offset(cx, wrapper.offset);
            let what = match expected {
                Expected::Type(def) => short(&def.name).to_string(),
                _ => "value".to_string(),
            };
            cx.at(
                at,
                codes::UNKNOWN_PAYLOAD_PROPERTY,
                format!("a single `{what}` is wrapped in `{{\"value\": {{...}}}}`; `value` is not a property of it"),
            )
            .help = Some("return the object itself, without the `value` wrapper".into());
            self.node(cx, &wrapper.node, expected, None);
            return;
        }
        match &root.value {
            Value::Object(members) if collection || is_value_array(members, expected, cx.index) => {
                for m in members {
                    if m.key == "value" {
                        if let Value::Array(items) = &m.node.value {
                            for item in items {
                                self.node(cx, item, expected, None);
                            }
                            continue;
                        }
                    }
                    self.member_free(cx, m);
                }
            }
            Value::Array(items) => {
                for item in items {
                    self.node(cx, item, expected, None);
                }
            }
            _ => self.node(cx, root, expected, None),
        }
    }

    fn offset(&self, cx: &PageCheck, at: usize) -> usize {
        let offset = cx.page.offset_in_block(self.base, at);
        floor_char_boundary(&cx.page.text, offset.min(cx.page.text.len()))
    }

    /// Checks a value whose documented type is `expected`; `key` is the member it belongs to.
    fn node<'a>(
        &self,
        cx: &mut PageCheck<'a, '_>,
        node: &Node,
        expected: Expected<'a>,
        key: Option<&str>,
    ) {
        match &node.value {
            Value::Object(members) => self.object(cx, node, members, expected),
            Value::Array(items) => {
                for item in items {
                    self.node(cx, item, expected, key);
                }
            }
            Value::String(s) => self.placeholder(cx, node, s, key),
            _ => {}
        }
    }

    fn member_free(&self, cx: &mut PageCheck<'_, '_>, m: &Member) {
        if m.key == "@odata.type" {
            self.odata_type(cx, &m.node, Expected::Unknown, &[]);
        } else {
            self.node(cx, &m.node, Expected::Unknown, Some(&*m.key));
        }
    }

    fn object<'a>(
        &self,
        cx: &mut PageCheck<'a, '_>,
        node: &Node,
        members: &[Member],
        expected: Expected<'a>,
    ) {
        let index = cx.index;
        // `@odata.type` narrows the declared type to a derived one.
        let mut expected = expected;
        if let Some(tag) = members.iter().find(|m| m.key == "@odata.type") {
            if let Some(found) = self.odata_type(cx, &tag.node, expected, members) {
                expected = Expected::Type(found);
            }
        }
        let mut unknown: Vec<(&Member, Option<String>)> = Vec::new();
        // Where the property's table row is (page, line): read only when an `@odata.type`
        // alternative needs its Type cell.
        let mut row: Option<(&str, usize)>;
        let mut known = 0;
        for m in members {
            if m.key == "@odata.type" {
                continue;
            }
            if m.key.contains('@') {
                self.node(cx, &m.node, Expected::Unknown, Some(&*m.key));
                continue;
            }
            if m.key.starts_with("odata.") {
                let at = self.offset(cx, m.offset);
                cx.at(
                    at,
                    codes::UNKNOWN_PAYLOAD_PROPERTY,
                    format!("`{}` lacks the `@` of an OData annotation", m.key),
                )
                .help = Some(format!("write `@{}`", m.key));
                continue;
            }
            row = None;
            let mut owner_name = None;
            let property = match expected {
                Expected::Type(def) => index.property_owner(def, &m.key).map(|(owner, p)| {
                    row = Some((owner.page.as_str(), p.line));
                    owner_name = Some(owner.name.as_str());
                    p
                }),
                Expected::Parameters(params) => {
                    params.iter().find(|p| p.name == m.key).inspect(|p| {
                        row = Some((cx.page.path.as_str(), p.line));
                    })
                }
                Expected::Unknown => {
                    self.node(cx, &m.node, Expected::Unknown, Some(&*m.key));
                    continue;
                }
            };
            match property {
                Some(p) => {
                    known += 1;
                    let in_schema = self
                        .schema
                        .zip(owner_name)
                        .and_then(|(schema, owner)| metadata::property_of(schema, owner, &m.key));
                    self.value(cx, m, p, Source { row, in_schema });
                }
                None => {
                    let tolerated = match expected {
                        Expected::Type(def) => {
                            index.is_open(def) || index.descendant_has(def, &m.key)
                        }
                        _ => false,
                    };
                    if !tolerated {
                        unknown.push((m, suggestion(index, expected, &m.key)));
                    }
                    self.node(cx, &m.node, Expected::Unknown, Some(&*m.key));
                }
            }
        }
        if unknown.is_empty() {
            return;
        }
        let what = match expected {
            Expected::Type(def) => format!("type `{}`", short(&def.name)),
            _ => self.body_table.clone(),
        };
        // Mostly unknown: the body is another type than declared; say so once.
        if unknown.len() >= 3 && unknown.len() > known {
            let names: Vec<&str> = unknown.iter().take(5).map(|(m, _)| &*m.key).collect();
            let at = self.offset(cx, node.offset);
            cx.at(
                at,
                codes::UNKNOWN_PAYLOAD_PROPERTY,
                format!(
                    "this object does not look like {what}: {} of its {} properties are not in it ({}{})",
                    unknown.len(),
                    unknown.len() + known,
                    names.join(", "),
                    if unknown.len() > names.len() { ", ..." } else { "" }
                ),
            )
            .help = Some(match expected {
                // A page that omits its base type leaves every inherited property out
                // (`swapShiftsChangeRequest` names none, and its parents document 12 of 14).
                Expected::Type(def) if names_no_base(def) => format!(
                    "if `{}` inherits them, name its base type on {} (\"Inherits from\"); else check the declared type (annotation `@odata.type` or the Response prose)",
                    short(&def.name),
                    def.page
                ),
                _ => "check the declared type (annotation `@odata.type` or the Response prose)"
                    .into(),
            });
            return;
        }
        for (m, near) in unknown {
            let at = self.offset(cx, m.offset);
            let key = &m.key;
            let case_only = near.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(key));
            // The type's JSON representation may list what its tables lack: then the table,
            // not the example, is to fix.
            let represented_by = match expected {
                Expected::Type(def) if !case_only => represented_in(index, def, key),
                _ => None,
            };
            let message = if case_only {
                format!(
                    "property `{key}` is not in {what}; `{}` differs only in case",
                    near.as_deref().unwrap_or_default()
                )
            } else if let Some(owner) = represented_by {
                format!(
                    "property `{key}` is not in the tables of `{}`, though its JSON representation lists it",
                    short(&owner.name)
                )
            } else {
                format!("property `{key}` is not in {what}")
            };
            let d = cx.at(at, codes::UNKNOWN_PAYLOAD_PROPERTY, message);
            // The schema's property as written; a key it has is no misspelling of a documented one.
            let in_schema = match expected {
                Expected::Type(def) => self
                    .schema
                    .and_then(|s| metadata::property_of(s, &def.name, key))
                    .filter(|sp| sp.name == **key),
                _ => None,
            };
            d.help = Some(match (near, represented_by) {
                (_, Some(owner)) => format!(
                    "add a `{key}` row to the Properties table at {}",
                    owner.page
                ),
                (Some(n), None) if case_only || in_schema.is_none() => {
                    format!("did you mean `{n}`?")
                }
                _ => where_to_document(key, expected, &self.body_table, self.schema, in_schema),
            });
        }
    }

    /// Checks `@odata.type`; returns the named type when it may stand for `expected`.
    fn odata_type<'a>(
        &self,
        cx: &mut PageCheck<'a, '_>,
        node: &Node,
        expected: Expected<'a>,
        members: &[Member],
    ) -> Option<&'a TypeDef> {
        let written = node.value.as_str()?;
        let name = written.trim().trim_start_matches('#');
        if !name.to_ascii_lowercase().starts_with("microsoft.graph.")
            || values::is_placeholder(name)
        {
            return None;
        }
        let index = cx.index;
        let version = cx.page.version;
        let at = self.offset(cx, node.offset);
        let Some(found) = index.find_type(version, name) else {
            let near = did_you_mean(name, index.model.types.iter().map(|t| t.name.as_str()))
                .or_else(|| only_type_ending_with(index, version, name));
            let d = cx.at(
                at,
                codes::ODATA_TYPE_UNKNOWN,
                format!("`@odata.type` names `{name}`, which no page defines"),
            );
            d.help = near.map(|n| format!("did you mean `#{n}`?"));
            return None;
        };
        report_other_case(cx, at, ("#", name), found, "`@odata.type`");
        if let Expected::Type(declared) = expected {
            // A sibling type the page itself links to ("an ipNamedLocation or a
            // countryNamedLocation object") is one the page allows here.
            if !index.derives_from(found, declared)
                && links_to(cx.page, &found.name)
                && share_a_base(index, found, declared)
            {
                return Some(found);
            }
            if !index.derives_from(found, declared) && !index.derives_from(declared, found) {
                let (message, help) = if found.base_text.is_none()
                    && found.base_annotation.is_none()
                {
                    (
                        format!(
                            "`@odata.type` names `{}` where `{}` is declared, but the page of `{0}` names no base type",
                            short(&found.name),
                            short(&declared.name)
                        ),
                        format!(
                            "if `{}` derives from `{}`, say so on its page (\"Inherits from\"); else fix the type name",
                            short(&found.name),
                            short(&declared.name)
                        ),
                    )
                } else {
                    (
                        format!(
                            "`@odata.type` names `{}`, which does not derive from the declared `{}`",
                            short(&found.name),
                            short(&declared.name)
                        ),
                        "name the declared type or one derived from it".to_string(),
                    )
                };
                cx.at(at, codes::ODATA_TYPE_NOT_DERIVED, message).help = Some(help);
                // Read the object as whichever of the two types describes more of it, so one
                // wrong type gives one finding, not one per property.
                let fits = |t: &'a TypeDef| {
                    members
                        .iter()
                        .filter(|m| index.property(t, &m.key).is_some())
                        .count()
                };
                return (fits(found) > fits(declared)).then_some(found);
            }
            if !index.derives_from(found, declared) {
                return None;
            }
        }
        Some(found)
    }

    /// Checks a member's value against its documented property.
    fn value<'a>(&self, cx: &mut PageCheck<'a, '_>, m: &Member, p: &'a Property, source: Source) {
        let Source { row, in_schema } = source;
        let index = cx.index;
        let node = &m.node;
        if matches!(node.value, Value::Null) {
            return;
        }
        if p.type_name.ends_with(".Json") {
            return;
        }
        let named = (!p.type_name.starts_with("Edm."))
            .then(|| index.find_type(cx.page.version, &p.type_name))
            .flatten();
        let element = |cx: &mut PageCheck<'a, '_>, item: &Node| {
            self.element(cx, &m.key, item, p, named, source)
        };
        let at_row = at_row(row);
        match (&node.value, p.collection) {
            (Value::Array(items), true) => {
                for item in items {
                    element(cx, item);
                }
            }
            (Value::Array(_), false)
                if !p.type_name.ends_with(".Json") && p.type_name != UNTYPED =>
            {
                let at = self.offset(cx, node.offset);
                cx.at(
                    at,
                    codes::WRONG_VALUE_KIND,
                    format!(
                        "`{}` is a single {} but the example gives an array",
                        m.key,
                        short(&p.type_name)
                    ),
                )
                .help = Some(match in_schema {
                    Some(sp) if sp.collection => format!(
                        "the schema has `{}` as a collection of {}: document it so{at_row}",
                        m.key,
                        short(&sp.type_name)
                    ),
                    Some(_) => format!("the schema has `{}` single too: give one value", m.key),
                    None => format!("give one value, or document `{}` as a collection", m.key),
                });
            }
            (value, true) if !matches!(value, Value::String(s) if values::is_placeholder(s)) => {
                let at = self.offset(cx, node.offset);
                cx.at(
                    at,
                    codes::WRONG_VALUE_KIND,
                    format!(
                        "`{}` is a collection of {} but the example gives {}",
                        m.key,
                        short(&p.type_name),
                        value.kind()
                    ),
                )
                .help = Some(match in_schema {
                    Some(sp) if !sp.collection => format!(
                        "the schema has `{}` as a single {}: document it so{at_row}",
                        m.key,
                        short(&sp.type_name)
                    ),
                    Some(_) => format!(
                        "the schema has `{}` as a collection too: wrap the value in an array",
                        m.key
                    ),
                    None => format!(
                        "wrap the value in an array, or document `{}` as a single value",
                        m.key
                    ),
                });
            }
            _ => element(cx, node),
        }
    }

    fn element<'a>(
        &self,
        cx: &mut PageCheck<'a, '_>,
        key: &str,
        node: &Node,
        p: &'a Property,
        named: Option<&'a TypeDef>,
        source: Source,
    ) {
        let Source { row, in_schema } = source;
        let at = self.offset(cx, node.offset);
        match named {
            Some(def) if def.kind == TypeKind::Enum => match &node.value {
                // A placeholder is no member to judge, but a type name left in is reported.
                Value::String(s) if values::is_placeholder(s) => {
                    let members: Vec<&str> = def.members.iter().map(|m| m.name.as_str()).collect();
                    self.placeholder_of(cx, node, s, Some(key), &members)
                }
                _ => {
                    let members: Vec<&str> = def.members.iter().map(|m| m.name.as_str()).collect();
                    self.enum_value(cx, key, node, &members, &def.name, at);
                }
            },
            Some(def) => match &node.value {
                Value::Object(_) => {
                    // A Type cell naming alternatives ("appHostedMediaConfig or
                    // serviceHostedMediaConfig") accepts each of them.
                    let alternative = node
                        .value
                        .get("@odata.type")
                        .and_then(|t| t.value.as_str())
                        .map(|t| t.trim_start_matches('#'))
                        .and_then(|t| cx.index.find_type(cx.page.version, t))
                        .filter(|t| {
                            row.and_then(|(page, line)| cx.index.line_text(page, line))
                                .is_some_and(|r| type_cell_names(r, &def.name, &t.name))
                        });
                    let expected = Expected::Type(alternative.unwrap_or(def));
                    self.node(cx, node, expected, Some(key))
                }
                Value::String(s) if values::is_placeholder(s) => {
                    self.placeholder(cx, node, s, Some(key))
                }
                Value::Null => {}
                other => {
                    cx.at(
                        at,
                        codes::WRONG_VALUE_KIND,
                        format!(
                            "`{key}` is a {} object{} but the example gives {}",
                            short(&def.name),
                            row.map(|(page, line)| format!(" (documented at {page}:{line})"))
                                .unwrap_or_default(),
                            other.kind()
                        ),
                    )
                    .help = Some(format!(
                        "give a JSON object of `{}`, or fix the documented type if the example is right",
                        short(&def.name)
                    ));
                }
            },
            None => {
                if let Value::String(s) = &node.value {
                    let possible: Vec<&str> = if p.possible_values.len() >= 2 {
                        p.possible_values.iter().map(String::as_str).collect()
                    } else {
                        Vec::new()
                    };
                    self.placeholder_of(cx, node, s, Some(key), &possible);
                    if values::is_placeholder(s) {
                        return;
                    }
                }
                match values::check(&p.type_name, &node.value) {
                    Verdict::Fits => {
                        // Values with spaces ("North America Letter") are split apart when
                        // a description lists them without code spans: not judged.
                        let judged = node.value.as_str().is_some_and(|v| !v.contains(' '));
                        if judged && p.possible_values.len() >= 2 && p.type_name == "Edm.String" {
                            let members: Vec<&str> =
                                p.possible_values.iter().map(String::as_str).collect();
                            self.enum_value(cx, key, node, &members, "the possible values", at);
                        }
                    }
                    Verdict::Unknown => {}
                    Verdict::WrongKind { expected } => {
                        cx.at(
                            at,
                            codes::WRONG_VALUE_KIND,
                            format!(
                                "`{key}` is {} but the example gives {}",
                                documented_as(p, row),
                                node.value.kind()
                            ),
                        )
                        .help = Some(kind_help(p, row, in_schema, &node.value, expected));
                    }
                    Verdict::BadFormat { expected } => {
                        let shown = match &node.value {
                            Value::String(s) => s.to_string(),
                            Value::Number(n) => n.to_string(),
                            other => other.kind().to_string(),
                        };
                        cx.at(
                            at,
                            codes::WRONG_VALUE_KIND,
                            format!(
                                "`{key}` is {} but `{shown}` is not {expected}",
                                documented_as(p, row)
                            ),
                        )
                        .help = Some(kind_help(p, row, in_schema, &node.value, expected));
                    }
                }
            }
        }
    }

    fn enum_value(
        &self,
        cx: &mut PageCheck,
        key: &str,
        node: &Node,
        members: &[&str],
        of: &str,
        at: usize,
    ) {
        let Value::String(s) = &node.value else {
            if !members.is_empty() {
                cx.at(
                    at,
                    codes::WRONG_VALUE_KIND,
                    format!(
                        "`{key}` is an enum value ({}) but the example gives {}",
                        short(of),
                        node.value.kind()
                    ),
                )
                .help = Some(format!(
                    "write one member as a string, such as `\"{}\"`; members: {}",
                    members[0],
                    member_list(members)
                ));
            }
            return;
        };
        if members.is_empty() || values::is_placeholder(s) {
            return;
        }
        let all_known = s.split(',').map(str::trim).all(|part| {
            part.eq_ignore_ascii_case("unknownFutureValue")
                || members.iter().any(|m| m.eq_ignore_ascii_case(part))
        });
        if !all_known {
            let d = cx.at(
                at,
                codes::ENUM_VALUE_UNKNOWN,
                format!("`{s}` is not a member of {}", short(of)),
            );
            d.help = match did_you_mean(s, members.iter().copied()) {
                Some(n) => Some(format!("did you mean `{n}`?")),
                None => Some(format!("members: {}", member_list(members))),
            };
        }
    }

    fn placeholder(&self, cx: &mut PageCheck, node: &Node, s: &str, key: Option<&str>) {
        self.placeholder_of(cx, node, s, key, &[]);
    }

    /// Reports a type-name placeholder; the help lists `members`, the values the property
    /// takes (an enum's members, or a String's possible values), when there are any.
    fn placeholder_of(
        &self,
        cx: &mut PageCheck,
        node: &Node,
        s: &str,
        key: Option<&str>,
        members: &[&str],
    ) {
        if !values::is_type_placeholder(s) {
            return;
        }
        let naming_key = key.is_some_and(|k| {
            TYPE_NAMING_KEYS
                .iter()
                .any(|naming| naming.eq_ignore_ascii_case(k))
        });
        if naming_key {
            return;
        }
        self.placeholders.borrow_mut().push(Placeholder {
            at: self.offset(cx, node.offset),
            message: format!(
                "`\"{s}\"` is a type-name placeholder{}",
                key.map(|k| format!(" for `{k}`")).unwrap_or_default()
            ),
            help: if members.is_empty() {
                "write a realistic value".into()
            } else {
                format!("write one of the values it takes: {}", member_list(members))
            },
        });
    }

    /// Reports the payload's placeholders: each on its own, or, when there are
    /// [`TEMPLATE_PLACEHOLDERS`] or more, as one finding on the first that counts them all
    /// (a template copied whole is one thing to fix, not a hundred).
    fn report_placeholders(&self, cx: &mut PageCheck) {
        let found = self.placeholders.take();
        let Some(first) = found.first() else {
            return;
        };
        if found.len() < TEMPLATE_PLACEHOLDERS {
            for p in found {
                cx.at(p.at, codes::PLACEHOLDER_VALUE, p.message).help = Some(p.help);
            }
            return;
        }
        let others: Vec<Place> = found[1..]
            .iter()
            .map(|p| {
                let (line, column) = cx.page.position(p.at);
                Place { line, column }
            })
            .collect();
        let last_line = others.last().map_or(0, |p| p.line);
        let d = cx.at(
            first.at,
            codes::PLACEHOLDER_VALUE,
            format!(
                "{}, and so are {} more values of this example",
                first.message,
                others.len()
            ),
        );
        d.help = Some(format!(
            "the example looks copied from a template (placeholders down to line \
             {last_line}): write a realistic value for each"
        ));
        d.also_at = others;
    }
}

/// Whether two types derive from a common base other than `entity`.
fn share_a_base(index: &Index, a: &TypeDef, b: &TypeDef) -> bool {
    let bases_of_b: Vec<&str> = index
        .chain(b)
        .iter()
        .skip(1)
        .map(|t| t.name.as_str())
        .collect();
    index
        .chain(a)
        .iter()
        .skip(1)
        .any(|t| t.name != "microsoft.graph.entity" && bases_of_b.contains(&t.name.as_str()))
}

/// Whether the page's prose or tables link to the type (by its name as link text).
fn links_to(page: &crate::page::Page, name: &str) -> bool {
    let name = short(name);
    let named = |l: &crate::page::table::Link| {
        l.text
            .trim()
            .trim_matches(['*', '`'])
            .eq_ignore_ascii_case(name)
    };
    page.paragraphs.iter().any(|p| p.links.iter().any(named))
        || page.tables.iter().any(|t| {
            t.rows
                .iter()
                .any(|r| r.cells.iter().any(|c| c.links.iter().any(named)))
        })
}

/// Whether the Type cell of a table row (the cell naming `declared`) also names `other` as a
/// whole word, as in "appHostedMediaConfig or serviceHostedMediaConfig".
fn type_cell_names(row: &str, declared: &str, other: &str) -> bool {
    let declared = short(declared).to_ascii_lowercase();
    let other = short(other).to_ascii_lowercase();
    row.split('|')
        .map(str::to_ascii_lowercase)
        .find(|cell| cell.contains(&declared))
        .is_some_and(|cell| {
            cell.split(|c: char| !c.is_ascii_alphanumeric())
                .any(|word| word == other)
        })
}

fn suggestion(index: &Index, expected: Expected, key: &str) -> Option<String> {
    let names: Vec<&str> = match expected {
        Expected::Type(def) => index.property_names(def),
        Expected::Parameters(params) => params.iter().map(|p| p.name.as_str()).collect(),
        Expected::Unknown => Vec::new(),
    };
    if let Some(same) = names.iter().find(|n| n.eq_ignore_ascii_case(key)) {
        return Some((*same).to_string());
    }
    did_you_mean(key, names.iter().copied())
        .or_else(|| camel_case_tail(key, &names))
        .map(str::to_string)
}

/// The one name that ends in `key` at a camelCase word boundary (`name` for `displayName`),
/// too far for an edit distance to suggest. A key shorter than four letters (`id`) ends too
/// many names (`languageId`) to mean one.
fn camel_case_tail<'n>(key: &str, names: &[&'n str]) -> Option<&'n str> {
    if key.chars().count() < 4 {
        return None;
    }
    let mut first = key.chars();
    let capitalised: String = first.next()?.to_uppercase().chain(first).collect();
    let mut found = names
        .iter()
        .filter(|n| n.len() > key.len() && n.ends_with(&capitalised));
    let one = found.next()?;
    found.next().is_none().then_some(*one)
}

/// The first eight members of an enum, for a help line.
fn member_list(members: &[&str]) -> String {
    let shown = members
        .iter()
        .take(8)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if members.len() > 8 {
        format!("{shown}, ...")
    } else {
        shown
    }
}

/// Whether a type's page names no base type, by an "Inherits from" sentence or a `baseType`.
fn names_no_base(def: &TypeDef) -> bool {
    def.base_text.is_none() && def.base_annotation.is_none()
}

/// The type of `def`'s chain (itself or a base) whose JSON representation lists `key` as a
/// property of its own.
fn represented_in<'a>(index: &Index<'a>, def: &'a TypeDef, key: &str) -> Option<&'a TypeDef> {
    let quoted = format!("\"{key}\"");
    index.chain(def).iter().copied().find(|t| {
        // Read as JSON only when the key is written in it.
        t.template.as_ref().is_some_and(|template| {
            template.text.contains(&quoted)
                && template.value().is_some_and(|v| v.get(key).is_some())
        })
    })
}

/// Help for an example property no table documents: the table to add it to. With the schema,
/// the side it takes: the table lacks a property the service has, or the example shows one it
/// has not.
fn where_to_document(
    key: &str,
    expected: Expected,
    body_table: &str,
    schema: Option<&Schema>,
    in_schema: Option<&CsdlProperty>,
) -> String {
    match expected {
        Expected::Type(def) => {
            let schema_type = schema.and_then(|s| s.get_ignore_case(&def.name));
            match (schema_type, in_schema) {
                (_, Some(_)) => format!(
                    "the schema has `{key}` on `{}`: document it in the table at {} (or a base type's)",
                    short(&def.name),
                    def.page
                ),
                // An open schema type takes any property: its silence settles nothing.
                (Some(t), None) if !t.open => format!(
                    "the schema has no `{key}` on `{}` either: remove it from the example",
                    short(&def.name)
                ),
                _ => format!(
                    "document `{key}` in the table at {} (or a base type's), or remove it from the example",
                    def.page
                ),
            }
        }
        _ => format!("document `{key}` in {body_table}, or remove it from the example"),
    }
}

/// Help for a value of the wrong kind or format: write the documented kind, or fix the
/// documented type. With the schema, the side it takes: its type when the example fits it.
fn kind_help(
    p: &Property,
    row: Option<(&str, usize)>,
    in_schema: Option<&CsdlProperty>,
    value: &Value,
    expected: &str,
) -> String {
    let at = at_row(row);
    match in_schema {
        Some(sp) if sp.type_name.eq_ignore_ascii_case(&p.type_name) => {
            format!(
                "the schema has {} too: write {expected}",
                short(&sp.type_name)
            )
        }
        Some(sp) if values::check(&sp.type_name, value) == Verdict::Fits => format!(
            "the schema has {}, which the example fits: fix the Type cell{at}",
            short(&sp.type_name)
        ),
        _ => format!("write {expected}, or fix the documented type if the example is right"),
    }
}

/// " at resources/x.md:12", where a property's table row is; nothing when it is not known.
fn at_row(row: Option<(&str, usize)>) -> String {
    row.map(|(page, line)| format!(" at {page}:{line}"))
        .unwrap_or_default()
}

/// How a property's type is known, and where: "documented as Int32 at resources/x.md:12", or
/// for a type read off a JSON representation's sample value, "shown as Int32 (a sample value)
/// at ...", so the reader knows which page to open and how firm the type is.
fn documented_as(p: &Property, row: Option<(&str, usize)>) -> String {
    let how = if p.guessed {
        "shown by a sample value as"
    } else {
        "documented as"
    };
    format!("{how} {}{}", short(&p.type_name), at_row(row))
}

/// `microsoft.graph.user` → `user`; `Edm.Int32` → `Int32`.
fn short(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}

/// Annotations whose `@odata.type` names a type no page defines, or a documented type in
/// another case.
fn check_annotation_types(cx: &mut PageCheck) {
    let page = cx.page;
    for a in &page.annotations {
        // A resource annotation defines its type: only its casing can be at odds with the
        // type as documented (`microsoft.graph.orgcontact` under "orgContact resource type").
        let defines = a.block_type() == Some("resource");
        if !defines && !matches!(a.block_type(), Some("response" | "example" | "request")) {
            continue;
        }
        let Some(written) = a.odata_type() else {
            continue;
        };
        let inner = written.trim();
        let inner = inner
            .get(..11)
            .filter(|p| p.eq_ignore_ascii_case("collection("))
            .map_or(inner, |_| inner[11..].trim_end_matches(')'));
        let name = inner.trim_start_matches('#');
        if primitive(name).is_some() || !name.to_ascii_lowercase().starts_with("microsoft.graph.") {
            continue;
        }
        // The name where the comment's `@odata.type` writes it (not a longer name that
        // starts alike, not the text after the comment); else the comment's start.
        let comment = &page.text[a.offset..];
        let comment = &comment[..comment.find("-->").map_or(comment.len(), |end| end + 3)];
        let offset = comment
            .find("\"@odata.type\"")
            .and_then(|key| Some(key + find_written(&comment[key..], name)?))
            .map_or(a.offset, |at| a.offset + at);
        if let Some(found) = cx.index.find_type(page.version, name) {
            report_other_case(
                cx,
                offset,
                ("", name),
                found,
                "the annotation's `@odata.type`",
            );
            continue;
        }
        if defines {
            continue;
        }
        let near = did_you_mean(name, cx.index.model.types.iter().map(|t| t.name.as_str()));
        let d = cx.at(
            offset,
            codes::ODATA_TYPE_UNKNOWN,
            format!("the annotation's `@odata.type` names `{name}`, which no page defines"),
        );
        d.help = near.map(|n| format!("did you mean `{n}`?"));
    }
}

/// Reports `name` (as written at page offset `at`, after `prefix`: `#` in a payload) when it
/// names `found`, a type of the page's own version, in another case.
fn report_other_case(
    cx: &mut PageCheck<'_, '_>,
    at: usize,
    (prefix, name): (&str, &str),
    found: &TypeDef,
    what: &str,
) {
    let other_case = found.name != name && found.name.eq_ignore_ascii_case(name);
    if other_case && found.version == cx.page.version {
        // The name as written, at `at` or just after it (a payload's offset is its quote).
        let text = &cx.page.text;
        let window =
            floor_char_boundary(text, (at + prefix.len() + name.len() + 2).min(text.len()));
        // From the byte before `at`, which opens the name when `at` is the name's own start.
        let from = floor_char_boundary(text, at.saturating_sub(1));
        // Two types whose names differ only in case leave the intended one to a person.
        let alike = cx
            .index
            .model
            .types
            .iter()
            .filter(|t| t.version == found.version && t.name.eq_ignore_ascii_case(&found.name))
            .count();
        let fix = text
            .get(from..window)
            .and_then(|w| find_written(w, name))
            .filter(|_| alike == 1)
            .and_then(|p| Fix::replace(text, from + p, from + p + name.len(), &found.name));
        let d = cx.at(
            at,
            codes::ODATA_TYPE_CASE_DIFFERS,
            format!(
                "{what} names `{name}`, but the type is documented as `{}` (at {})",
                found.name, found.source
            ),
        );
        d.help = Some(format!(
            "write `{prefix}{}`: type names are case-sensitive",
            found.name
        ));
        d.fix = fix;
    }
}

/// Where `text` writes the type name `name` as a whole JSON value or inside one: after `"`,
/// `#` or `(`, and before `"` or `)` (`"#microsoft.graph.x"`, `"Collection(microsoft.graph.x)"`),
/// so that a longer name starting alike is not taken for it.
fn find_written(text: &str, name: &str) -> Option<usize> {
    text.match_indices(name).map(|(at, _)| at).find(|&at| {
        let before = text[..at].bytes().next_back();
        let after = text.as_bytes().get(at + name.len()).copied();
        matches!(before, Some(b'"' | b'#' | b'(')) && matches!(after, Some(b'"' | b')'))
    })
}

/// The one documented type of `version` whose name ends with the short name of `name`, case
/// aside (`identityBuiltInUserFlowAttribute` for `microsoft.graph.builtInUserFlowAttribute`):
/// a name that lost a prefix is too far from its type for an edit distance.
fn only_type_ending_with<'a>(index: &Index<'a>, version: &str, name: &str) -> Option<&'a str> {
    let short = name.rsplit('.').next()?.to_ascii_lowercase();
    if short.len() < 4 {
        return None;
    }
    let mut found = index.model.types.iter().filter(|t| {
        t.version == version
            && t.name.len() > short.len()
            && t.name.to_ascii_lowercase().ends_with(&short)
    });
    let first = found.next()?;
    found.next().is_none().then_some(first.name.as_str())
}

#[cfg(test)]
mod tests {
    use super::{camel_case_tail, find_written};

    #[test]
    fn a_name_ending_in_the_unknown_key_is_suggested_only_when_it_is_the_one() {
        assert_eq!(
            camel_case_tail("name", &["id", "displayName", "version"]),
            Some("displayName")
        );
        // Two candidates: no guess; a tail inside a word is no match.
        assert_eq!(camel_case_tail("name", &["displayName", "givenName"]), None);
        assert_eq!(camel_case_tail("name", &["surname"]), None);
        assert_eq!(camel_case_tail("", &["displayName"]), None);
        assert_eq!(camel_case_tail("id", &["languageId"]), None);
    }

    #[test]
    fn a_type_name_is_found_as_written_not_inside_a_longer_name() {
        let name = "microsoft.graph.Widget";
        assert_eq!(find_written("\"#microsoft.graph.Widget\"", name), Some(2));
        assert_eq!(
            find_written(
                "\"microsoft.graph.WidgetList\", \"microsoft.graph.Widget\"",
                name
            ),
            Some(31)
        );
        assert_eq!(
            find_written("\"Collection(microsoft.graph.Widget)\"", name),
            Some(12)
        );
        assert_eq!(
            find_written("\"microsoft.graph.Widget_example\"", name),
            None
        );
        assert_eq!(find_written("`microsoft.graph.Widget`", name), None);
    }
}
