//! What the route stubs of one docs version are: for every operation page, its module (the
//! resource the page is about), the function of each request template (aliases apart), the
//! readable argument names, the query options, the body and the response kind. Names only;
//! [`super::stubs`] turns a plan into code.

use crate::emit::models::RustNames;
use crate::emit::names::{self, Unique};
use crate::model::prose;
use crate::model::url_match::{parse_template, PathTemplate, Piece};
use crate::model::{ApiModel, Operation, RequestBodyKind, RequestTemplate, TypeDef, TypeKind};
use heck::ToUpperCamelCase;
use std::collections::BTreeMap;

/// Names every route has as methods of the runtime's `Route`: a query option may not take them.
pub const ROUTE_METHODS: &[&str] = &[
    "new",
    "query",
    "header",
    "json",
    "raw_body",
    "without_body",
    "method",
    "path",
    "query_string",
    "build",
    "build_on",
    "erase",
    "parse",
];

/// The methods a stub may have (every method the v1.0 pages use).
const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// The OData options a page that says it "supports the OData query parameters" without naming
/// them takes, on a GET.
const ODATA_OPTIONS: &[&str] = &[
    "$select", "$expand", "$filter", "$orderby", "$top", "$skip", "$count", "$search",
];

/// How a route's response reads (the runtime's `ResponseKind`s).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponsePlan {
    /// No body documented: `()`.
    NoContent,
    /// One value of the type (a qualified name or an Edm primitive).
    Json(String),
    /// One value of the type, or nothing when the page also documents a success without a
    /// body (`200 OK` with the updated object, or `204 No Content`).
    JsonOrEmpty(String),
    /// A collection page of the type.
    Collection(String),
    /// One primitive, wrapped as `{"value": …}`.
    Wrapped(String),
    /// Not JSON (a stream, a redirect): the response as it came.
    Raw,
}

/// How a route takes its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyPlan {
    /// No body.
    None,
    /// A value of this type (a qualified name; raw JSON when it is not generated).
    Type(Option<String>),
    /// Several values of this type, as a JSON array ("an array of x objects").
    Array(Option<String>),
    /// The generated parameter struct of the operation (named in [`OperationPlan::body_struct`]).
    Parameters,
    /// Bytes the caller sets with `raw_body` (a stream, form data).
    Raw,
}

/// One stub: one request template of one operation.
#[derive(Debug, Clone)]
pub struct StubPlan<'a> {
    /// The template.
    pub template: &'a RequestTemplate,
    /// Its path in pieces.
    pub path: PathTemplate,
    /// The function name within the module.
    pub function: String,
    /// The Rust argument name of each parameter, in path order.
    pub arguments: Vec<String>,
    /// `module::function`, how the replay names the stub.
    pub id: String,
    /// How its response reads: the operation's, except for a `/$value` path, which gives the
    /// raw content.
    pub response: ResponsePlan,
}

/// The stubs of one operation page.
#[derive(Debug, Clone)]
pub struct OperationPlan<'a> {
    /// The operation.
    pub operation: &'a Operation,
    /// The module the stubs sit in.
    pub module: String,
    /// One stub per template.
    pub stubs: Vec<StubPlan<'a>>,
    /// The query options it takes (wire names: `$select`, `startDateTime`), in page order.
    pub options: Vec<String>,
    /// The marker type naming those options, when there are any.
    pub options_marker: Option<String>,
    /// How it takes its body.
    pub body: BodyPlan,
    /// The parameter struct's name, when the body is a parameter table.
    pub body_struct: Option<String>,
    /// How its response reads.
    pub response: ResponsePlan,
}

/// The plan of every route of one version.
#[derive(Debug, Clone)]
pub struct RoutePlan<'a> {
    /// Operations with at least one template, sorted by module then page.
    pub operations: Vec<OperationPlan<'a>>,
    /// Operations of the version with no request template (nothing to emit).
    pub without_templates: usize,
    /// Every query option any route takes, with its builder method and marker trait names.
    pub options: BTreeMap<String, OptionNames>,
    /// The types of the version, by qualified name.
    pub types: BTreeMap<&'a str, &'a TypeDef>,
    /// The Rust names of the version's types and of their polymorphic enums, as the models
    /// name them.
    pub(crate) rust_names: RustNames,
}

/// The Rust names of one query option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionNames {
    /// The builder method (`select`, `start_date_time`).
    pub method: String,
    /// The marker trait (`Select`, `StartDateTime`).
    pub marker: String,
}

/// Plans the routes of `version`.
pub fn plan<'a>(model: &'a ApiModel, version: &str) -> RoutePlan<'a> {
    let types: Vec<&TypeDef> = model
        .types
        .iter()
        .filter(|t| t.version == version)
        .collect();
    let rust_names = RustNames::of(&types);
    let types: BTreeMap<&str, &TypeDef> = types.iter().map(|t| (t.name.as_str(), *t)).collect();
    // The resource a page stem names, by the type's lower-case simple name.
    let resources: BTreeMap<String, &str> = types
        .values()
        .map(|t| {
            let simple = t.name.rsplit('.').next().unwrap_or(&t.name);
            (simple.to_ascii_lowercase(), simple)
        })
        .collect();
    let mut operations: Vec<&Operation> = model
        .operations
        .iter()
        .filter(|o| o.version == version)
        .collect();
    // Names are claimed in this order: the reference's own page of a resource names its stubs
    // before an Intune page of the same resource does, so `user::list` is List users
    // (`user-list.md`), not `intune-devices-user-list.md`'s. The stable sort keeps page order
    // otherwise.
    operations.sort_by_key(|o| o.name.starts_with("intune-"));
    let operation_count = operations.len();

    let mut modules = Unique::default();
    for reserved in ["options", "replay"] {
        modules.claim(reserved.to_string());
    }
    let mut module_of: BTreeMap<String, String> = BTreeMap::new();
    let mut functions: BTreeMap<String, Unique> = BTreeMap::new();
    let mut type_scopes: BTreeMap<String, Unique> = BTreeMap::new();
    let mut out = Vec::new();
    for operation in operations {
        let (resource, verb) = split_stem(&operation.name);
        let module = module_of
            .entry(resource.to_string())
            .or_insert_with(|| {
                // The type's own spelling, else the title's (`accessReviewStage: stop`).
                let name = resources.get(resource).copied().unwrap_or_else(|| {
                    operation
                        .title
                        .split(|c: char| !c.is_ascii_alphanumeric())
                        .find(|word| word.eq_ignore_ascii_case(resource))
                        .unwrap_or(resource)
                });
                modules.claim(names::field(name))
            })
            .clone();
        let scope = functions.entry(module.clone()).or_default();
        // The title's spelling of the operation (`getEmailActivityUserDetail`), when it has one.
        let verb_words = verb.replace('-', "");
        let verb = operation
            .title
            .split(|c: char| !c.is_ascii_alphanumeric())
            .find(|word| word.len() > 3 && word.eq_ignore_ascii_case(&verb_words))
            .unwrap_or(verb);
        let templates: Vec<&RequestTemplate> = operation
            .templates
            .iter()
            .filter(|t| METHODS.contains(&t.method.as_str()))
            .collect();
        if templates.is_empty() {
            continue;
        }
        let suffixes = alias_suffixes(&templates);
        let stubs = templates
            .into_iter()
            .zip(suffixes)
            .map(|(template, suffix)| {
                let function = match suffix {
                    Some(suffix) => scope.claim(names::field(&format!("{verb} {suffix}"))),
                    None => scope.claim(names::field(verb)),
                };
                let path = parse_template(&template.path);
                let arguments = argument_names(&path);
                let response = if template.path.ends_with("/$value") {
                    ResponsePlan::Raw
                } else {
                    response_plan(operation)
                };
                StubPlan {
                    response,
                    id: format!(
                        "{}::{}",
                        module.trim_start_matches("r#"),
                        function.trim_start_matches("r#")
                    ),
                    template,
                    path,
                    function,
                    arguments,
                }
            })
            .collect::<Vec<_>>();
        let types_in_module = type_scopes.entry(module.clone()).or_default();
        let camel = names::type_name(&verb.to_upper_camel_case());
        let options = query_options(operation, &stubs);
        let options_marker =
            (!options.is_empty()).then(|| types_in_module.claim(format!("{camel}Options")));
        let body = body_plan(operation, &types);
        let body_struct =
            (body == BodyPlan::Parameters).then(|| types_in_module.claim(format!("{camel}Body")));
        out.push(OperationPlan {
            operation,
            module,
            stubs,
            options,
            options_marker,
            body,
            body_struct,
            response: response_plan(operation),
        });
    }
    let without_templates = operation_count - out.len();
    out.sort_by(|a, b| (&a.module, &a.operation.name).cmp(&(&b.module, &b.operation.name)));

    let mut methods = Unique::default();
    let mut markers = Unique::default();
    for reserved in ROUTE_METHODS {
        methods.claim((*reserved).to_string());
    }
    let mut options = BTreeMap::new();
    for option in out.iter().flat_map(|o| o.options.iter()) {
        if !options.contains_key(option) {
            let bare = option.trim_start_matches('$');
            options.insert(
                option.clone(),
                OptionNames {
                    method: methods.claim(names::field(bare)),
                    marker: markers.claim(names::type_name(bare)),
                },
            );
        }
    }
    RoutePlan {
        operations: out,
        without_templates,
        options,
        types,
        rust_names,
    }
}

/// Splits a page stem into the resource it is about and the operation (`user-list-events`
/// gives `user`, `list-events`); Intune stems lose their `intune-area-` prefix.
pub fn split_stem(stem: &str) -> (&str, &str) {
    let mut rest = stem;
    if let Some(after) = rest.strip_prefix("intune-") {
        // `intune-devices-manageddevice-get`: the area is the next word.
        if let Some((_, tail)) = after.split_once('-') {
            if tail.contains('-') {
                rest = tail;
            }
        }
    }
    match rest.split_once('-') {
        Some((resource, verb)) if !verb.is_empty() => (resource, verb),
        _ => (rest, "call"),
    }
}

/// The words of a template path that name things: its literal segments, function names and
/// function parameter names (`/reports/getX(period='{p}')` gives `reports`, `getX`, `period`).
fn path_words(path: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_placeholder = false;
    let mut in_quotes = false;
    for c in path.chars() {
        match c {
            '{' | '<' => in_placeholder = true,
            '}' | '>' => in_placeholder = false,
            '\'' if !in_placeholder => in_quotes = !in_quotes,
            _ if in_placeholder || in_quotes => {}
            c if c.is_ascii_alphanumeric() || c == '$' => word.push(c),
            _ => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// For each template of a page, what tells its function from the other aliases: `None` for a
/// page with one template, otherwise the words of its path that not every template of the page
/// has (`me`, `users`, `users calendar`, `period`).
fn alias_suffixes(templates: &[&RequestTemplate]) -> Vec<Option<String>> {
    if templates.len() == 1 {
        return vec![None];
    }
    let methods_differ = templates.iter().any(|t| t.method != templates[0].method);
    let words: Vec<Vec<String>> = templates
        .iter()
        .map(|t| {
            let mut words = path_words(&t.path);
            if methods_differ {
                words.insert(0, t.method.to_ascii_lowercase());
            }
            words
        })
        .collect();
    words
        .iter()
        .map(|mine| {
            let distinct: Vec<&str> = mine
                .iter()
                .filter(|w| !words.iter().all(|other| other.contains(w)))
                .map(String::as_str)
                .collect();
            Some(match (distinct.is_empty(), mine.first()) {
                (false, _) => distinct.join(" "),
                (true, Some(first)) => first.clone(),
                (true, None) => "root".to_string(),
            })
        })
        .collect()
}

/// Readable argument names for the parameters of a path: snake case of the placeholder,
/// `a_or_b` for `{a | b}`, and `{id}` named after the segment before it (`/users/{id}` gives
/// `user_id`), kept apart within the stub.
pub fn argument_names(path: &PathTemplate) -> Vec<String> {
    let mut scope = Unique::default();
    scope.claim("body".to_string());
    let mut previous_literal = "";
    let mut out = Vec::new();
    for piece in &path.pieces {
        match piece {
            Piece::Literal(text) => previous_literal = text,
            Piece::Param { name, .. } => {
                let base = names::field(&name.replace('|', " or "));
                let base = if base == "id" {
                    match previous_literal
                        .trim_end_matches('/')
                        .rsplit('/')
                        .next()
                        .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphabetic()))
                    {
                        Some(segment) => names::field(&format!("{} id", prose::singular(segment))),
                        None => base,
                    }
                } else {
                    base
                };
                out.push(scope.claim(base));
            }
        }
    }
    out
}

/// Whether a documented query option name is usable (`$select`, `startDateTime`), not a stray
/// word of a table cell.
fn usable_option(name: &str) -> bool {
    let bare = name.strip_prefix('$').unwrap_or(name);
    bare.starts_with(|c: char| c.is_ascii_alphabetic())
        && bare
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// The query options of an operation: those its page documents, those its templates write
/// in their query (`?startDateTime={start}`) or in optional parts, and the common OData
/// options for a GET page that supports them without naming them.
fn query_options(operation: &Operation, stubs: &[StubPlan<'_>]) -> Vec<String> {
    fn add(out: &mut Vec<String>, name: &str) {
        let name = name.trim();
        if usable_option(name) && !out.iter().any(|o| o == name) {
            out.push(name.to_string());
        }
    }
    let mut out: Vec<String> = Vec::new();
    for name in &operation.query_options {
        add(&mut out, name);
    }
    for stub in stubs {
        for (name, _) in stub
            .template
            .query
            .as_deref()
            .map(crate::model::url_match::query_pairs)
            .unwrap_or_default()
        {
            add(&mut out, &name);
        }
        for name in &stub.path.optional_query {
            add(&mut out, name);
        }
    }
    if operation.supports_odata_query
        && operation.method == "GET"
        && !out.iter().any(|o| o.starts_with('$'))
    {
        for name in ODATA_OPTIONS {
            add(&mut out, name);
        }
    }
    out
}

/// How an operation takes its body.
fn body_plan(operation: &Operation, types: &BTreeMap<&str, &TypeDef>) -> BodyPlan {
    match operation.request_body {
        RequestBodyKind::None => BodyPlan::None,
        RequestBodyKind::Type => {
            let name = operation.request_type.clone().filter(|t| {
                types
                    .get(t.as_str())
                    .is_some_and(|d| d.kind != TypeKind::Enum)
            });
            if operation.request_collection {
                BodyPlan::Array(name)
            } else {
                BodyPlan::Type(name)
            }
        }
        RequestBodyKind::Parameters => BodyPlan::Parameters,
        RequestBodyKind::Other => BodyPlan::Raw,
    }
}

/// How an operation's response reads: the first documented 2xx with a type; a stream, a
/// redirect or an untyped body as it came; no documented body as `()`.
pub fn response_plan(operation: &Operation) -> ResponsePlan {
    let typed = operation
        .responses
        .iter()
        .find(|r| (200..300).contains(&r.status) && r.type_name.is_some());
    if let Some(doc) = typed {
        let name = doc.type_name.clone().unwrap_or_default();
        return if name == "Edm.Stream" {
            ResponsePlan::Raw
        } else if doc.collection {
            ResponsePlan::Collection(name)
        } else if name.starts_with("Edm.") {
            ResponsePlan::Wrapped(name)
        } else if operation
            .responses
            .iter()
            .any(|r| matches!(r.status, 202 | 204) && r.type_name.is_none())
        {
            ResponsePlan::JsonOrEmpty(name)
        } else {
            ResponsePlan::Json(name)
        };
    }
    let body_status = |status: u16| matches!(status, 200 | 201 | 203 | 206 | 300..=399);
    if operation.responses.iter().any(|r| body_status(r.status))
        || (operation.responses.is_empty() && operation.method == "GET")
    {
        ResponsePlan::Raw
    } else {
        ResponsePlan::NoContent
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(method: &str, path: &str) -> RequestTemplate {
        RequestTemplate {
            method: method.to_string(),
            path: path.to_string(),
            query: None,
            placeholders: Vec::new(),
            line: 1,
        }
    }

    #[test]
    fn a_stem_names_resource_and_operation() {
        assert_eq!(
            split_stem("accessreviewinstance-stop"),
            ("accessreviewinstance", "stop")
        );
        assert_eq!(split_stem("user-list-events"), ("user", "list-events"));
        assert_eq!(
            split_stem("intune-devices-manageddevice-get"),
            ("manageddevice", "get")
        );
        assert_eq!(split_stem("delta"), ("delta", "call"));
    }

    #[test]
    fn aliases_are_told_apart_by_their_leading_segments() {
        let templates = [
            template("GET", "/me/events"),
            template("GET", "/users/{id}/events"),
            template("GET", "/groups/{id}/events"),
            template("GET", "/groups/{id}/calendar/events"),
        ];
        let templates: Vec<&RequestTemplate> = templates.iter().collect();
        assert_eq!(
            alias_suffixes(&templates),
            [
                Some("me".to_string()),
                Some("users".to_string()),
                Some("groups".to_string()),
                Some("groups calendar".to_string()),
            ]
        );
        let functions = [
            template("GET", "/reports/getX(period='{period_value}')"),
            template("GET", "/reports/getX(date={date_value})"),
        ];
        let functions: Vec<&RequestTemplate> = functions.iter().collect();
        assert_eq!(
            alias_suffixes(&functions),
            [Some("period".to_string()), Some("date".to_string())]
        );
        assert_eq!(alias_suffixes(&templates[..1]), [None]);
    }

    #[test]
    fn arguments_are_readable_and_distinct() {
        let path =
            parse_template("/users/{id | userPrincipalName}/calendarGroups/{id}/calendars/{id}");
        assert_eq!(
            argument_names(&path),
            [
                "id_or_user_principal_name",
                "calendar_group_id",
                "calendar_id"
            ]
        );
        let path = parse_template("/policies/{id}/x/{id}");
        assert_eq!(argument_names(&path), ["policy_id", "x_id"]);
        let path = parse_template("/a/{id}/a/{id}");
        assert_eq!(argument_names(&path), ["a_id", "a_id_2"]);
        // A sample GUID in the template is an argument like any id.
        let path = parse_template(
            "/education/classes/72a7baec-c3e9-4213-a850-f62de0adad5f/assignments/{id}/rubric",
        );
        assert_eq!(argument_names(&path), ["class_id", "assignment_id"]);
    }
}
