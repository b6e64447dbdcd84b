//! The API model: the types, operations and examples the pages document, resolved across
//! pages. Everything downstream (bindings, route stubs, the checker) reads this.

mod addressing;
mod build;
mod classify;
mod enums;
mod examples;
mod operations;
pub(crate) mod prose;
mod resolve;
mod resources;
pub mod typeref;
pub mod url_match;

use crate::diagnostics::Diagnostic;
use crate::page::json::{self, JsonCheck};
use serde::{Serialize, Serializer};
use std::sync::Arc;
use typeref::TypeRef;

pub(crate) use build::compile_patterns;
pub use build::{
    build, build_from_files, build_from_roots, discover_compiling_patterns, extract_and_drop,
    load_and_build, load_and_build_keeping, load_and_build_keeping_alongside,
};
pub use classify::{classify, PageKind};
pub use operations::split_target;

/// How many pages of each kind a run read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PageCounts {
    /// All pages found.
    pub total: usize,
    /// Resource (entity or complex type) pages.
    pub resource: usize,
    /// Operation pages.
    pub operation: usize,
    /// Enum pages.
    #[serde(rename = "enum")]
    pub enum_: usize,
    /// Conceptual and other pages.
    pub other: usize,
    /// Pages that could not be read.
    pub failed: usize,
}

/// Entity, complex or enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TypeKind {
    /// Has an identity (a key); addressable.
    Entity,
    /// A structured value without identity.
    Complex,
    /// A set of named members.
    Enum,
}

/// A documented property (or relationship, or body parameter).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Property {
    /// Wire name.
    pub name: String,
    /// Resolved element type: an Edm primitive or a qualified name; empty when unreadable.
    #[serde(rename = "type")]
    pub type_name: String,
    /// Whether the property is a collection.
    pub collection: bool,
    /// Whether it is a relationship (navigation property).
    pub navigation: bool,
    /// The description cell.
    pub description: String,
    /// The description says read-only.
    pub read_only: bool,
    /// The description (or a Required column) says required.
    pub required: bool,
    /// `Some(false)` for "not nullable", `Some(true)` for "nullable".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nullable: Option<bool>,
    /// Values listed after "Possible values".
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub possible_values: Vec<String>,
    /// The type this row says it is inherited from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inherited_from: Option<String>,
    /// 1-based line of the table row.
    pub line: usize,
    /// The type as written, before resolution.
    #[serde(skip)]
    pub type_ref: TypeRef,
    /// Whether the type is guessed from a JSON representation's sample value (`1024`, a
    /// number) on a page with no properties table, rather than read from a table.
    #[serde(skip)]
    pub guessed: bool,
}

/// An enum member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnumMember {
    /// Wire spelling.
    pub name: String,
    /// Numeric value, when documented.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<i64>,
    /// Description, when documented.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// A payload (request or response body, resource template, standalone JSON example).
#[derive(Debug, Clone, PartialEq)]
pub struct Payload {
    /// 1-based line where the payload starts.
    pub line: usize,
    /// Byte offset in the page.
    pub offset: usize,
    /// The text as written (shared with the page's HTTP block it comes from, if any).
    pub text: Arc<str>,
    /// Whether it is JSON (strict, relaxed or invalid), when it is meant to be JSON. The value
    /// itself is read on demand by [`Payload::value`].
    pub json: Option<JsonCheck>,
}

impl Payload {
    /// Reads a payload that starts at byte `offset` (line `line`) of its page; `as_json` says
    /// whether it is meant to be JSON.
    pub fn new(text: Arc<str>, offset: usize, line: usize, as_json: bool) -> Self {
        let json = as_json.then(|| json::check(&text));
        Payload {
            line,
            offset,
            text,
            json,
        }
    }

    /// The JSON value (read leniently when it is relaxed JSON), if the payload is JSON.
    pub fn value(&self) -> Option<serde_json::Value> {
        match self.json {
            Some(JsonCheck::Strict | JsonCheck::Relaxed(_)) => {
                json::read(&self.text).value().cloned()
            }
            _ => None,
        }
    }
}

impl Serialize for Payload {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Payload", 3)?;
        s.serialize_field("line", &self.line)?;
        let status = match &self.json {
            None => "text",
            Some(JsonCheck::Strict) => "json",
            Some(JsonCheck::Relaxed(_)) => "relaxed_json",
            Some(JsonCheck::Invalid(_)) => "invalid_json",
        };
        let value = self.value();
        s.serialize_field("format", status)?;
        s.serialize_field("json", &value)?;
        s.end()
    }
}

/// A documented type.
#[derive(Debug, Clone, Serialize)]
pub struct TypeDef {
    /// Qualified name, such as `microsoft.graph.accessReviewInstance`.
    pub name: String,
    /// Entity, complex or enum.
    pub kind: TypeKind,
    /// Qualified base type.
    pub base: Option<String>,
    /// `v1.0` or `beta`.
    pub version: &'static str,
    /// Whether the pages call it abstract.
    #[serde(rename = "abstract")]
    pub is_abstract: bool,
    /// Whether the resource annotation says `openType`.
    pub open: bool,
    /// The `keyProperty` of the resource annotation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The page's description of the type.
    pub description: String,
    /// Declared properties and relationships, in table order.
    pub properties: Vec<Property>,
    /// Enum members.
    #[serde(serialize_with = "member_names", skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<EnumMember>,
    /// Whether the enum is a flags enum (comma-separated values).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub flags: bool,
    /// `path:line` of the definition.
    pub source: String,
    /// Other pages that define the same type (merged into this one).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also_defined_in: Vec<String>,
    /// The JSON representation template.
    #[serde(skip)]
    pub template: Option<Payload>,
    /// Base type as the text says it ("Inherits from"), unresolved.
    #[serde(skip)]
    pub base_text: Option<(TypeRef, usize)>,
    /// Base type as the annotation says it.
    #[serde(skip)]
    pub base_annotation: Option<(String, usize)>,
    /// Types the page names as derived from this one ("the derived types are \[a\] and \[b\]"),
    /// unresolved, each with its line.
    #[serde(skip)]
    pub derived_text: Vec<(TypeRef, usize)>,
    /// Those types, resolved.
    #[serde(skip)]
    pub derived: Vec<String>,
    /// Path of the defining page.
    #[serde(skip)]
    pub page: String,
    /// Whether the page shows the type is addressable: its Methods table links operation
    /// pages, or its `keyProperty` is one of its properties. Evidence for an entity.
    #[serde(skip)]
    pub addressable: bool,
}

impl TypeDef {
    /// The line where the type's page names its base: the "Inherits from" sentence, else the
    /// annotation's `baseType`.
    pub fn base_line(&self) -> Option<usize> {
        self.base_text
            .as_ref()
            .map(|(_, line)| *line)
            .or(self.base_annotation.as_ref().map(|(_, line)| *line))
    }
}

fn member_names<S: Serializer>(members: &[EnumMember], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(members.iter().map(|m| &m.name))
}

/// A request template under "HTTP request".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestTemplate {
    /// Method.
    pub method: String,
    /// Path as written, host and version prefix removed, leading `/` ensured.
    pub path: String,
    /// Query string as written (without `?`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// Placeholder names in order (`{id}`, `<address>`), duplicates kept.
    pub placeholders: Vec<String>,
    /// 1-based line.
    pub line: usize,
}

/// How an operation takes its request body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestBodyKind {
    /// The page says no body is supplied, or documents none.
    None,
    /// A representation of a type (`request_type`).
    Type,
    /// A table of parameters (actions).
    Parameters,
    /// Something the page describes only in prose (a stream, form data).
    Other,
}

/// A documented response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResponseDoc {
    /// Status code.
    pub status: u16,
    /// Qualified type of the body, if any.
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    /// Whether the body is a collection.
    pub collection: bool,
    /// 1-based line of the sentence (or the example's status line) that documents it.
    pub line: usize,
    /// Where the status is documented.
    pub documented_in: DocumentedIn,
    /// Type as written, before resolution.
    #[serde(skip)]
    pub type_ref: Option<TypeRef>,
}

/// Where a response is documented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentedIn {
    /// The Response section's prose states the status.
    Prose,
    /// Only a response example shows it: the Response section states no status.
    Example,
}

/// A row of the permissions table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Permission {
    /// `Delegated (work or school account)`, `Application`...
    pub kind: String,
    /// The permissions as written.
    pub permissions: String,
}

/// A documented operation (one page under `api/`).
#[derive(Debug, Clone, Serialize)]
pub struct Operation {
    /// The page's file stem, unique per version (`accessreviewinstance-stop`).
    pub name: String,
    /// The page title.
    pub title: String,
    /// `v1.0` or `beta`.
    pub version: &'static str,
    /// The method most templates have; of methods as common, the one the examples that
    /// address the operation use most, then the first (each template keeps its own).
    pub method: String,
    /// Every template path of the page (aliases included), each once, in page order.
    pub paths: Vec<String>,
    /// The templates with their methods, queries and lines.
    pub templates: Vec<RequestTemplate>,
    /// Distinct placeholder names across the templates.
    pub path_parameters: Vec<String>,
    /// Query options the page documents (`$select`, page-specific names).
    pub query_options: Vec<String>,
    /// Whether the page says it supports the OData query parameters in general.
    pub supports_odata_query: bool,
    /// Request header names documented.
    pub request_headers: Vec<String>,
    /// How the body is taken.
    pub request_body: RequestBodyKind,
    /// Qualified type of the request body, when it is a representation of a type.
    pub request_type: Option<String>,
    /// Whether the body is a JSON array of `request_type` ("supply an array of \[x\] objects").
    pub request_collection: bool,
    /// Body parameters or settable properties from the Request body table.
    pub request_parameters: Vec<Property>,
    /// Responses the page documents.
    pub responses: Vec<ResponseDoc>,
    /// Permissions table rows.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub permissions: Vec<Permission>,
    /// The page's description.
    pub description: String,
    /// `path:line` of the title.
    pub source: String,
    /// Request type as written, before resolution.
    #[serde(skip)]
    pub request_type_ref: Option<TypeRef>,
    /// Whether `request_type_ref` is only guessed: from the title ("Update x"), or from a
    /// name the Request body sentence gives without a link.
    #[serde(skip)]
    pub request_type_guessed: bool,
    /// Whether the page itself says no request body is supplied ("Do not supply a request
    /// body"), rather than the method implying none (a GET or DELETE).
    #[serde(skip)]
    pub no_body_stated: bool,
    /// Path of the page.
    #[serde(skip)]
    pub page: String,
}

/// An example request as written.
#[derive(Debug, Clone, Serialize)]
pub struct ExampleRequest {
    /// 1-based line of the request line.
    pub line: usize,
    /// Method.
    pub method: String,
    /// URL as written.
    pub url: String,
    /// Headers in order.
    pub headers: Vec<(String, String)>,
    /// Body.
    pub body: Option<Payload>,
}

/// An example response as written.
#[derive(Debug, Clone, Serialize)]
pub struct ExampleResponse {
    /// 1-based line of the status line.
    pub line: usize,
    /// Status code.
    pub status: u16,
    /// Reason phrase.
    pub reason: Option<String>,
    /// Headers in order.
    pub headers: Vec<(String, String)>,
    /// Body.
    pub body: Option<Payload>,
    /// `@odata.type` of the annotation.
    pub odata_type: Option<String>,
    /// `isCollection` of the annotation.
    pub is_collection: bool,
    /// `truncated` of the annotation.
    pub truncated: bool,
}

/// One example: a request with its response, a lone request or response, or a standalone
/// JSON example block.
#[derive(Debug, Clone, Serialize)]
pub struct Example {
    /// Page path.
    pub page: String,
    /// `v1.0` or `beta`.
    pub version: &'static str,
    /// Operation the page documents, if it is an operation page.
    pub operation: Option<String>,
    /// Names from the annotations.
    pub names: Vec<String>,
    /// Whether the request's annotation says `ignored`.
    pub ignored: bool,
    /// The request (boxed, as are the response and the standalone payload: examples are
    /// moved from page to model, and most of an example is one of these).
    pub request: Option<Box<ExampleRequest>>,
    /// The response.
    pub response: Option<Box<ExampleResponse>>,
    /// A standalone JSON example (`blockType: example`).
    pub standalone: Option<Box<Payload>>,
    /// Qualified type the response (or standalone) body should be an instance of.
    pub response_type: Option<String>,
    /// Whether that body is a collection (`value` array).
    pub response_collection: bool,
    /// Qualified type the request body should be an instance of.
    pub request_type: Option<String>,
    /// Whether the request body is a JSON array of `request_type`.
    pub request_collection: bool,
}

/// A type reference the input set does not define.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Unresolved {
    /// The qualified name it would have.
    pub name: String,
    /// The page the references point to, if linked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// How many places reference it.
    pub references: usize,
    /// The first place, `path:line`.
    pub first_reference: String,
}

/// A page that could not be read, and why.
#[derive(Debug, Clone, Serialize)]
pub struct FailedPage {
    /// Path.
    pub page: String,
    /// Why.
    pub reason: String,
}

/// The whole model of a run.
#[derive(Debug, Clone, Serialize)]
pub struct ApiModel {
    /// Page counts.
    pub pages: PageCounts,
    /// Types, sorted by (version, name).
    pub types: Vec<TypeDef>,
    /// Operations, sorted by (version, name).
    pub operations: Vec<Operation>,
    /// Examples in page order.
    #[serde(skip)]
    pub examples: Vec<Example>,
    /// Type references nothing defines.
    pub unresolved: Vec<Unresolved>,
    /// Pages that could not be read.
    pub failed_pages: Vec<FailedPage>,
    /// Every diagnostic of the run, sorted by file and position.
    #[serde(skip)]
    pub diagnostics: Vec<Diagnostic>,
}

impl ApiModel {
    /// Finds a type by version and qualified name.
    pub fn find_type(&self, version: &str, name: &str) -> Option<&TypeDef> {
        self.types
            .binary_search_by(|t| (t.version, t.name.as_str()).cmp(&(version, name)))
            .ok()
            .map(|i| &self.types[i])
    }
}
