//! The code of the routes module: a module per resource holding one small function per
//! request template, the option marker traits with their builder methods, the parameter
//! structs of actions, and the replay dispatcher the generated tests call stubs through.

use super::plan::{BodyPlan, OperationPlan, ResponsePlan, RoutePlan, StubPlan};
use crate::emit::models::{ident, primitive, HEADER};
use crate::emit::names::{self, Unique};
use crate::model::url_match::{ParamStyle, Piece};
use crate::model::{Property, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// The runtime module the stubs build on.
fn rt() -> TokenStream {
    quote!(crate::runtime::http)
}

/// Escapes what rustdoc would read as a link, an HTML tag or emphasis in docs text; a bare
/// URL becomes an autolink (`<https://…>`), as rustdoc asks.
fn doc_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if word.starts_with("https://") || word.starts_with("http://") {
            let url = word.trim_end_matches(['.', ',', ';', ')', ']']);
            if !url.contains(['<', '>', '`']) {
                out.push('<');
                out.push_str(url);
                out.push('>');
                escape(&word[url.len()..], &mut out);
                continue;
            }
        }
        escape(word, &mut out);
    }
    out
}

fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        if matches!(c, '[' | ']' | '<' | '>' | '*' | '_' | '`' | '\\' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
}

/// `#[doc]` attributes, one per line.
fn doc(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|l| format!(" {l}"));
    quote!(#(#[doc = #lines])*)
}

impl RoutePlan<'_> {
    /// The Rust type of a value of the documented type `name` (an Edm primitive or a
    /// qualified name), as the models read one: the polymorphic enum of a type with derived
    /// types, so that the value's `@odata.type` picks the derived type; raw JSON when nothing
    /// is generated for it.
    fn value_type(&self, name: &str) -> TokenStream {
        if let Some(tokens) = primitive(name) {
            return tokens;
        }
        match self.rust_names.value(name) {
            Some(rust) => {
                let rust = ident(rust);
                quote!(crate::models::#rust)
            }
            None => quote!(serde_json::Value),
        }
    }

    /// The response kind of a route.
    fn response_kind(&self, plan: &ResponsePlan) -> TokenStream {
        let rt = rt();
        match plan {
            ResponsePlan::NoContent => quote!(#rt::NoContent),
            ResponsePlan::Raw => quote!(#rt::Raw),
            ResponsePlan::Json(name) => {
                let ty = self.value_type(name);
                quote!(#rt::Json<#ty>)
            }
            ResponsePlan::JsonOrEmpty(name) => {
                let ty = self.value_type(name);
                quote!(#rt::JsonOrEmpty<#ty>)
            }
            ResponsePlan::Collection(name) => {
                let ty = self.value_type(name);
                quote!(#rt::Collection<#ty>)
            }
            ResponsePlan::Wrapped(name) => {
                let ty = self.value_type(name);
                quote!(#rt::Wrapped<#ty>)
            }
        }
    }

    /// The type of a parameter struct's field: a struct is boxed, as in the models (a
    /// polymorphic enum boxes its variants itself).
    fn field_type(&self, property: &Property) -> TokenStream {
        let name = property.type_name.as_str();
        let element = match self.types.get(name) {
            Some(def)
                if def.kind != TypeKind::Enum
                    && !self.rust_names.polymorphic.contains_key(name) =>
            {
                let ty = self.value_type(&property.type_name);
                quote!(Box<#ty>)
            }
            _ => self.value_type(&property.type_name),
        };
        if property.collection {
            quote!(Vec<#element>)
        } else {
            element
        }
    }

    /// The Rust type a route's body argument has, if it takes one.
    fn body_type(&self, op: &OperationPlan<'_>) -> Option<TokenStream> {
        match &op.body {
            BodyPlan::None | BodyPlan::Raw => None,
            BodyPlan::Type(Some(name)) => Some(self.value_type(name)),
            BodyPlan::Type(None) => Some(quote!(serde_json::Value)),
            BodyPlan::Array(Some(name)) => {
                let ty = self.value_type(name);
                Some(quote!(Vec<#ty>))
            }
            BodyPlan::Array(None) => Some(quote!(Vec<serde_json::Value>)),
            BodyPlan::Parameters => {
                let name = ident(op.body_struct.as_deref().unwrap_or("Body"));
                let module = ident(&op.module);
                Some(quote!(crate::routes::#module::#name))
            }
        }
    }
}

/// The option traits and their builder methods.
fn options(plan: &RoutePlan<'_>) -> TokenStream {
    let rt = rt();
    let traits = plan.options.iter().map(|(wire, names)| {
        let marker = ident(&names.marker);
        let text = format!(" The `{wire}` query option.");
        quote! {
            #[doc = #text]
            pub trait #marker {}
        }
    });
    let methods = plan.options.iter().map(|(wire, names)| {
        let marker = ident(&names.marker);
        let method = ident(&names.method);
        let (argument, value, what) = match wire.as_str() {
            "$select" | "$expand" | "$orderby" => (
                quote!(items: &[&str]),
                quote!(items.join(",")),
                "the items, joined by commas",
            ),
            "$top" | "$skip" => (quote!(n: u64), quote!(n), "a count"),
            "$count" => (quote!(count: bool), quote!(count), "`true` or `false`"),
            _ => (
                quote!(value: impl std::fmt::Display),
                quote!(value),
                "a value",
            ),
        };
        let text = format!(" Adds the `{wire}` query option ({what}); encoded.");
        quote! {
            impl<R, Q: options::#marker> #rt::Route<R, Q> {
                #[doc = #text]
                pub fn #method(self, #argument) -> Self {
                    self.query(#wire, #value)
                }
            }
        }
    });
    quote! {
        pub mod options {
            //! The query options the pages document, one marker trait each. A route has the
            //! builder method of an option (`.select(&["id"])`, `.top(5)`) when its page
            //! documents the option.
            #(#traits)*
        }
        #(#methods)*
    }
}

/// The documentation of a stub.
fn stub_doc(op: &OperationPlan<'_>, stub: &StubPlan<'_>) -> TokenStream {
    let operation = op.operation;
    let mut lines = Vec::new();
    lines.push(format!(
        "{}.",
        doc_text(operation.title.trim_end_matches('.'))
    ));
    lines.push(String::new());
    if !operation.description.trim().is_empty() {
        lines.push(doc_text(&operation.description));
        lines.push(String::new());
    }
    let mut template = format!("{} {}", stub.template.method, stub.template.path);
    if let Some(query) = &stub.template.query {
        template.push('?');
        template.push_str(query);
    }
    lines.push(format!("`{}`", template.replace('`', "'")));
    if op.stubs.len() > 1 {
        let others: Vec<String> = op
            .stubs
            .iter()
            .filter(|s| s.function != stub.function)
            .map(|s| format!("[`{}`]", s.function.trim_start_matches("r#")))
            .collect();
        lines.push(String::new());
        lines.push(format!("The same operation: {}.", others.join(", ")));
    }
    if !op.options.is_empty() {
        let options: Vec<String> = op.options.iter().map(|o| format!("`{o}`")).collect();
        lines.push(String::new());
        lines.push(format!("Query options: {}.", options.join(", ")));
    }
    if !operation.permissions.is_empty() {
        lines.push(String::new());
        lines.push("Permissions:".to_string());
        lines.push(String::new());
        for permission in &operation.permissions {
            lines.push(format!(
                "- {}: {}",
                doc_text(&permission.kind),
                doc_text(&permission.permissions)
            ));
        }
    }
    if op.body == BodyPlan::Raw {
        lines.push(String::new());
        lines.push("The body is not JSON: set it with `raw_body`.".to_string());
    }
    lines.push(String::new());
    lines.push(format!("Documented at `{}`.", operation.source));
    doc(&lines)
}

/// One stub function.
fn stub(plan: &RoutePlan<'_>, op: &OperationPlan<'_>, stub: &StubPlan<'_>) -> TokenStream {
    let rt = rt();
    let function = ident(&stub.function);
    let doc = stub_doc(op, stub);
    let arguments: Vec<_> = stub.arguments.iter().map(|a| ident(a)).collect();
    let mut index = 0;
    let calls = stub.path.pieces.iter().map(|piece| match piece {
        Piece::Literal(text) => quote!(.literal(#text)),
        Piece::Param { name, style } => {
            let argument = &arguments[index.min(arguments.len().saturating_sub(1))];
            index += 1;
            match style {
                ParamStyle::Segment => quote!(.segment(#name, #argument)),
                ParamStyle::Quoted => quote!(.quoted(#name, #argument)),
                ParamStyle::ItemPath => quote!(.item_path(#name, #argument)),
            }
        }
    });
    let calls: Vec<_> = calls.collect();
    let method = method(&stub.template.method);
    let kind = plan.response_kind(&stub.response);
    let options = match &op.options_marker {
        Some(marker) => {
            let marker = ident(marker);
            quote!(#marker)
        }
        None => quote!(#rt::NoQuery),
    };
    let mut parameters: Vec<TokenStream> = arguments.iter().map(|a| quote!(#a: &str)).collect();
    let body_call = match (&op.body, plan.body_type(op)) {
        (BodyPlan::Array(name), _) => {
            let ty = match name {
                Some(name) => plan.value_type(name),
                None => quote!(serde_json::Value),
            };
            parameters.push(quote!(body: &[#ty]));
            quote!(.json(body))
        }
        (_, Some(ty)) => {
            parameters.push(quote!(body: &#ty));
            quote!(.json(body))
        }
        (_, None) => quote!(),
    };
    // rustdoc's search finds the stub by its page's name (`user-list`).
    let page = doc_alias(&op.operation.name);
    quote! {
        #doc
        #[doc(alias = #page)]
        pub fn #function(#(#parameters),*) -> #rt::Route<#kind, #options> {
            #rt::Route::new(#method, #rt::Path::new() #(#calls)*) #body_call
        }
    }
}

/// A page name as a rustdoc search alias: rustdoc takes letters, digits, `-`, `_` and `.`,
/// so anything else becomes `-`.
fn doc_alias(page: &str) -> String {
    page.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// The `http::Method` of a template's method (the planner keeps only these).
fn method(name: &str) -> TokenStream {
    match name {
        "POST" => quote!(::http::Method::POST),
        "PUT" => quote!(::http::Method::PUT),
        "PATCH" => quote!(::http::Method::PATCH),
        "DELETE" => quote!(::http::Method::DELETE),
        "HEAD" => quote!(::http::Method::HEAD),
        "OPTIONS" => quote!(::http::Method::OPTIONS),
        _ => quote!(::http::Method::GET),
    }
}

/// The parameter struct of an action.
fn body_struct(plan: &RoutePlan<'_>, op: &OperationPlan<'_>) -> TokenStream {
    let Some(name) = &op.body_struct else {
        return quote!();
    };
    let name = ident(name);
    let text = format!(
        " The body parameters of `{}` ({}).",
        op.operation.title.replace('`', "'"),
        op.operation.source
    );
    let mut scope = Unique::default();
    scope.claim("additional".to_string());
    let mut seen = Vec::new();
    let fields = op
        .operation
        .request_parameters
        .iter()
        .filter(|p| {
            let fresh = !seen.contains(&p.name);
            seen.push(p.name.clone());
            fresh
        })
        .map(|property| {
            let field = ident(&scope.claim(names::field(&property.name)));
            let wire = &property.name;
            let ty = plan.field_type(property);
            let text = match doc_text(&property.description) {
                text if text.is_empty() => format!("The `{wire}` parameter."),
                text => text,
            };
            let doc = doc(&[text]);
            quote! {
                #doc
                #[serde(rename = #wire, default, skip_serializing_if = "crate::runtime::Field::is_absent")]
                pub #field: crate::runtime::Field<#ty>,
            }
        });
    quote! {
        #[doc = #text]
        #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
        pub struct #name {
            #(#fields)*
            /// Parameters the docs do not list, kept as they came.
            #[serde(flatten)]
            pub additional: serde_json::Map<String, serde_json::Value>,
        }
    }
}

/// One resource module.
fn module(plan: &RoutePlan<'_>, name: &str, operations: &[&OperationPlan<'_>]) -> TokenStream {
    let module = ident(name);
    let resource = operations
        .first()
        .map(|op| super::plan::split_stem(&op.operation.name).0)
        .unwrap_or(name);
    let text = format!(" Routes of the `{resource}` pages.");
    let items = operations.iter().map(|op| {
        let marker = op.options_marker.as_ref().map(|marker| {
            let marker_ident = ident(marker);
            let impls = op
                .options
                .iter()
                .filter_map(|o| plan.options.get(o))
                .map(|names| {
                    let trait_ident = ident(&names.marker);
                    quote!(impl super::options::#trait_ident for #marker_ident {})
                });
            let text = format!(
                " The query options of `{}`: {}.",
                op.operation.name,
                op.options
                    .iter()
                    .map(|o| format!("`{o}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            quote! {
                #[doc = #text]
                #[derive(Debug, Clone, Copy)]
                pub struct #marker_ident;
                #(#impls)*
            }
        });
        let body = body_struct(plan, op);
        let stubs = op.stubs.iter().map(|s| stub(plan, op, s));
        quote!(#marker #body #(#stubs)*)
    });
    quote! {
        #[doc = #text]
        pub mod #module {
            #(#items)*
        }
    }
}

/// The replay dispatcher: any stub by its id.
fn replay(plan: &RoutePlan<'_>) -> TokenStream {
    let rt = rt();
    let request_arms = plan.operations.iter().flat_map(|op| {
        op.stubs.iter().map(move |s| {
            let id = &s.id;
            let module = ident(&op.module);
            let function = ident(&s.function);
            let arguments = (0..s.arguments.len()).map(|i| quote!(arg(#i)));
            let call = quote!(super::#module::#function);
            let arm = match plan.body_type(op) {
                Some(ty) => {
                    let arguments: Vec<_> = arguments.clone().collect();
                    // An array body is passed as a slice: the closure coerces `&Vec<T>`.
                    let array = matches!(op.body, BodyPlan::Array(_));
                    let make = if arguments.is_empty() && !array {
                        quote!(#call)
                    } else {
                        quote!(|b| #call(#(#arguments,)* b))
                    };
                    quote! {
                        match typed::<#ty>(json) {
                            Ok(body) => with_body(#make, body),
                            Err(error) => return Some(Err(error)),
                        }
                    }
                }
                None if op.body == BodyPlan::Raw => {
                    quote!(raw(#call(#(#arguments),*).erase(), text))
                }
                None => quote!(#call(#(#arguments),*).erase()),
            };
            quote!(#id => #arm,)
        })
    });
    let mut by_kind: BTreeMap<String, (TokenStream, Vec<&str>)> = BTreeMap::new();
    for stub in plan.operations.iter().flat_map(|op| &op.stubs) {
        let kind = plan.response_kind(&stub.response);
        let entry = by_kind
            .entry(kind.to_string())
            .or_insert_with(|| (kind, Vec::new()));
        entry.1.push(stub.id.as_str());
    }
    let response_arms = by_kind
        .values()
        .map(|(kind, ids)| quote!(#(#ids)|* => check::<#kind>(response),));
    quote! {
        #[doc(hidden)]
        pub mod replay {
            //! Any stub by its id (`module::function`), for the replay tests the generator
            //! emits beside this crate's sources. Not an interface to build on.

            use #rt::{Raw, ResponseKind, Route};

            /// Calls the stub `stub` with the path values in order and the body: `json` read
            /// as the stub's body type (absent: no body), or `text` (content type, text) for a
            /// stub whose body is not JSON. `None` when no stub has that id; `Err` when the
            /// JSON does not read as the body type.
            #[allow(unused_variables)]
            pub fn request(
                stub: &str,
                path: &[&str],
                json: Option<&serde_json::Value>,
                text: Option<(&str, &str)>,
            ) -> Option<Result<Route<Raw>, String>> {
                let arg = |i: usize| path.get(i).copied().unwrap_or_default();
                Some(Ok(match stub {
                    #(#request_arms)*
                    _ => return None,
                }))
            }

            /// Reads `response` as the stub `stub` reads its responses. `None` when no stub
            /// has that id.
            pub fn response(
                stub: &str,
                response: ::http::Response<Vec<u8>>,
            ) -> Option<Result<(), #rt::Error>> {
                Some(match stub {
                    #(#response_arms)*
                    _ => return None,
                })
            }

            #[allow(dead_code)]
            fn typed<T: serde::de::DeserializeOwned>(
                json: Option<&serde_json::Value>,
            ) -> Result<Option<T>, String> {
                json.map(|j| serde_json::from_value::<T>(j.clone()).map_err(|e| e.to_string()))
                    .transpose()
            }

            #[allow(dead_code)]
            fn with_body<T: Default, R, Q>(
                make: impl FnOnce(&T) -> Route<R, Q>,
                body: Option<T>,
            ) -> Route<Raw> {
                match body {
                    Some(body) => make(&body).erase(),
                    None => make(&T::default()).erase().without_body(),
                }
            }

            #[allow(dead_code)]
            fn raw(route: Route<Raw>, text: Option<(&str, &str)>) -> Route<Raw> {
                match text {
                    Some((content_type, text)) => route.raw_body(content_type, text.as_bytes().to_vec()),
                    None => route,
                }
            }

            #[allow(dead_code)]
            fn check<R: ResponseKind>(
                response: ::http::Response<Vec<u8>>,
            ) -> Result<(), #rt::Error> {
                #rt::read::<R, Vec<u8>>(response).map(|_| ())
            }
        }
    }
}

/// The source of the routes module, formatted.
pub fn routes_file(plan: &RoutePlan<'_>) -> String {
    let mut modules: BTreeMap<&str, Vec<&OperationPlan<'_>>> = BTreeMap::new();
    for op in &plan.operations {
        modules.entry(op.module.as_str()).or_default().push(op);
    }
    let modules = modules
        .iter()
        .map(|(name, operations)| module(plan, name, operations));
    let options = options(plan);
    let replay = replay(plan);
    let file = quote! {
        //! Route stubs: one function per request template the pages document, in a module per
        //! resource (the page `accessreviewinstance-stop` gives
        //! `access_review_instance::stop`). Aliases of one operation (`/me/...` beside
        //! `/users/{id}/...`) are functions of their own, named by the path they take.
        //!
        //! A stub takes the path values and the body, and returns a
        //! [`Route`](crate::runtime::http::Route): add query options and headers, build the
        //! `http::Request`, send it with any client, and parse the `http::Response`.
        #![allow(clippy::too_many_arguments)]
        #options
        #(#modules)*
        #replay
    };
    let text = file.to_string();
    let formatted = match syn::parse2::<syn::File>(file) {
        Ok(parsed) => prettyplease::unparse(&parsed),
        Err(error) => format!(
            "compile_error!({:?});\n/*DEBUG {text} */",
            error.to_string()
        ),
    };
    format!("{HEADER}{formatted}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n";

    /// A resource page: `name`, its properties, and the type it inherits from.
    fn resource(name: &str, base: Option<&str>, rows: &str) -> String {
        let inherits = base
            .map(|b| format!("Inherits from [{b}]({b}.md).\n\n"))
            .unwrap_or_default();
        format!("# {name} resource type\n\nA {name}.\n\n{inherits}{TABLE}{rows}")
    }

    /// An operation page: its title, template, request body section and response sentence.
    fn operation(title: &str, template: &str, body: &str, response: &str) -> String {
        format!(
            "# {title}\n\n## HTTP request\n\n```http\n{template}\n```\n\n## Request body\n\n{body}\n\n## Response\n\nIf successful, this method returns {response}.\n"
        )
    }

    /// The routes module of pages where `shape` has a derived type (`circle`) and `widget` has
    /// none, with operations that take and return each.
    fn routes() -> String {
        let (shape, circle, widget) = (
            "[shape](../resources/shape.md)",
            "[circle](../resources/circle.md)",
            "[widget](../resources/widget.md)",
        );
        let no_body = "Do not supply a request body for this method.";
        let no_content = "a `204 No Content` response code";
        let parameters = format!(
            "In the request body, supply the following parameters.\n\n\
             |Parameter|Type|Description|\n|:--|:--|:--|\n\
             |shapes|{shape} collection|The shapes.|\n|anchor|{circle}|The anchor.|\n"
        );
        let pages = [
            (
                "resources/shape.md",
                resource("shape", None, "|label|String|The label.|\n"),
            ),
            (
                "resources/circle.md",
                resource("circle", Some("shape"), "|radius|Double|The radius.|\n"),
            ),
            (
                "resources/widget.md",
                resource("widget", None, "|name|String|The name.|\n"),
            ),
            (
                "api/shape-list.md",
                operation(
                    "List shapes",
                    "GET /shapes",
                    no_body,
                    &format!("a `200 OK` response code and a collection of {shape} objects"),
                ),
            ),
            (
                "api/shape-create.md",
                operation(
                    "Create shape",
                    "POST /shapes",
                    &format!(
                        "In the request body, supply a JSON representation of a {shape} object."
                    ),
                    &format!("a `201 Created` response code and a {shape} object"),
                ),
            ),
            (
                "api/shape-import.md",
                operation(
                    "Import shapes",
                    "POST /shapes/import",
                    &format!("In the request body, supply an array of {shape} objects."),
                    no_content,
                ),
            ),
            (
                "api/shape-arrange.md",
                operation(
                    "Arrange shapes",
                    "POST /shapes/arrange",
                    &parameters,
                    no_content,
                ),
            ),
            (
                "api/circle-get.md",
                operation(
                    "Get circle",
                    "GET /circles/{id}",
                    no_body,
                    &format!("a `200 OK` response code and a {circle} object"),
                ),
            ),
            (
                "api/widget-update.md",
                operation(
                    "Update widget",
                    "PATCH /widgets/{id}",
                    &format!(
                        "In the request body, supply a JSON representation of a {widget} object."
                    ),
                    &format!(
                        "a `200 OK` response code and an updated {widget} object, or {no_content}"
                    ),
                ),
            ),
        ];
        routes_of(&pages)
    }

    /// The routes module of the v1.0 pages `pages` (path, text).
    fn routes_of(pages: &[(&str, String)]) -> String {
        let corpus = crate::corpus::Corpus {
            pages: pages
                .iter()
                .map(|(path, text)| crate::page::parse(path, text.as_bytes()))
                .collect(),
            failed: Vec::new(),
        };
        let model = crate::model::build(&corpus);
        routes_file(&super::super::plan::plan(&model, "v1.0"))
    }

    /// The text of `module` in `routes` from the item that starts with `item` to the first
    /// `until` after it, on one line without spaces (empty when there is no such item).
    fn item_text(routes: &str, module: &str, item: &str, until: char) -> String {
        let module_start = routes
            .find(&format!("pub mod {module} {{"))
            .unwrap_or(routes.len());
        let rest = &routes[module_start..];
        let rest = &rest[rest.find(item).unwrap_or(rest.len())..];
        let end = rest.find(until).unwrap_or(rest.len());
        rest[..end].split_whitespace().collect()
    }

    /// The signature of `module::function` in `routes`, on one line without spaces or trailing
    /// commas (empty when there is no such function).
    fn signature(routes: &str, module: &str, function: &str) -> String {
        item_text(routes, module, &format!("pub fn {function}("), '{')
            .replace(",)", ")")
            .replace(",>", ">")
    }

    /// The text of the parameter struct `name` of `module`, on one line without spaces.
    fn parameter_struct(routes: &str, module: &str, name: &str) -> String {
        item_text(routes, module, &format!("pub struct {name} {{"), '}')
    }

    #[test]
    fn the_references_own_page_names_its_stub_before_an_intune_page_and_search_finds_both() {
        let list = |title: &str| {
            operation(
                title,
                "GET /shapes",
                "Do not supply a request body.",
                "a `200 OK` response code",
            )
        };
        // In page order the Intune page comes first.
        let routes = routes_of(&[
            (
                "api/intune-devices-shape-list.md",
                list("List shapes (Intune)"),
            ),
            ("api/shape-list.md", list("List shapes")),
        ]);
        let compact: String = routes.split_whitespace().collect();
        assert!(
            compact.contains("#[doc(alias=\"shape-list\")]pubfnlist("),
            "{routes}"
        );
        assert!(
            compact.contains("#[doc(alias=\"intune-devices-shape-list\")]pubfnlist_2("),
            "{routes}"
        );
    }

    #[test]
    fn a_type_with_derived_types_is_taken_and_returned_as_its_polymorphic_enum() {
        let routes = routes();
        let http = "crate::runtime::http::";
        assert_eq!(
            signature(&routes, "shape", "list"),
            format!(
                "pubfnlist()->{http}Route<{http}Collection<crate::models::AnyShape>,{http}NoQuery>"
            ),
            "a collection of shapes holds circles too"
        );
        assert_eq!(
            signature(&routes, "shape", "create"),
            format!("pubfncreate(body:&crate::models::AnyShape)->{http}Route<{http}Json<crate::models::AnyShape>,{http}NoQuery>"),
        );
        assert_eq!(
            signature(&routes, "shape", "import"),
            format!("pubfnimport(body:&[crate::models::AnyShape])->{http}Route<{http}NoContent,{http}NoQuery>"),
            "an array body is an array of the polymorphic enum"
        );
        assert!(
            parameter_struct(&routes, "shape", "ArrangeBody")
                .contains("pubshapes:crate::runtime::Field<Vec<crate::models::AnyShape>>,"),
            "a parameter holds the polymorphic enum, unboxed as in the models: {routes}"
        );
    }

    #[test]
    fn a_type_without_derived_types_is_taken_and_returned_as_itself() {
        let routes = routes();
        let http = "crate::runtime::http::";
        assert_eq!(
            signature(&routes, "circle", "get"),
            format!("pubfnget(circle_id:&str)->{http}Route<{http}Json<crate::models::Circle>,{http}NoQuery>"),
            "a derived type with no derived types of its own is itself"
        );
        assert_eq!(
            signature(&routes, "widget", "update"),
            format!("pubfnupdate(widget_id:&str,body:&crate::models::Widget)->{http}Route<{http}JsonOrEmpty<crate::models::Widget>,{http}NoQuery>"),
        );
        assert!(
            parameter_struct(&routes, "shape", "ArrangeBody")
                .contains("pubanchor:crate::runtime::Field<Box<crate::models::Circle>>,"),
            "{routes}"
        );
    }

    #[test]
    fn docs_text_cannot_become_links_or_tags() {
        assert_eq!(
            doc_text("See [user](user.md) <br>"),
            "See \\[user\\](user.md) \\<br\\>"
        );
        assert_eq!(
            doc_text("Go to https://aka.ms/x. Then\nstop."),
            "Go to <https://aka.ms/x>. Then stop."
        );
    }
}
