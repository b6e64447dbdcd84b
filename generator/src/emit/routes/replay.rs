//! The replay cases: every request example of an operation page matched against its page's
//! templates, with the stub to call, the values to call it with and the request and response
//! the page documents. The generated crate's `tests/replay.rs` replays them; an example that
//! cannot be replayed is a docs defect, recorded with its kind and place.

use super::plan::{BodyPlan, OperationPlan, ResponsePlan, RoutePlan};
use crate::model::url_match::{
    argument, best_match, matches_after_odata_suffix, read_example_url, PathTemplate,
};
use crate::model::{ApiModel, DocumentedIn, Example, ExampleResponse, Payload};
use crate::page::json::JsonCheck;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// The request a stub is called with, and the one the page documents.
#[derive(Debug, Clone, Serialize)]
pub struct Case {
    /// `page:line` of the example request.
    pub at: String,
    /// `module::function`.
    pub stub: String,
    /// The path values, decoded, in parameter order.
    pub path_values: Vec<String>,
    /// The query pairs, decoded.
    pub query: Vec<(String, String)>,
    /// The JSON body, when the route takes a JSON body and the example has one.
    pub json: Option<Value>,
    /// The body as text with its content type, when the route's body is not JSON.
    pub text: Option<(String, String)>,
    /// The documented method.
    pub method: String,
    /// The documented path, as written (host and version gone).
    pub path: String,
    /// The documented response, if the example has one.
    pub response: Option<ResponseCase>,
}

/// A documented response to parse with the stub's parser.
#[derive(Debug, Clone, Serialize)]
pub struct ResponseCase {
    /// `page:line` of the status line.
    pub at: String,
    /// The status.
    pub status: u16,
    /// The body (JSON written strictly when the page wrote it leniently).
    pub body: String,
    /// Whether the page documents this status for the operation.
    pub status_documented: bool,
    /// Whether the example's annotation names another response type than the page.
    pub annotated_type_differs: bool,
    /// Why the response cannot be parsed as documented, when the generator can tell: the body
    /// is not JSON, or the example's annotation contradicts the page on whether it is a
    /// collection.
    pub defect: Option<String>,
}

/// An example that is not replayed, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Defect {
    /// `page:line`.
    pub at: String,
    /// A short stable kind (`no-template-matches`).
    pub kind: String,
    /// What is wrong, for people.
    pub message: String,
}

/// The cases of one version, with the figures of the routes.
#[derive(Debug, Clone, Serialize)]
pub struct Replay {
    /// Operation pages of the version.
    pub operations: usize,
    /// Operation pages with no request template (no stubs).
    pub operations_without_templates: usize,
    /// Request templates (the stubs emitted, one each).
    pub templates: usize,
    /// Request examples on operation pages, `ignored` ones included.
    pub request_examples: usize,
    /// Of those, how many the page marks `ignored` (replayed all the same).
    pub ignored: usize,
    /// Examples to replay.
    pub cases: Vec<Case>,
    /// Examples that cannot be replayed, each a docs defect.
    pub defects: Vec<Defect>,
}

/// The replay cases of a version's examples.
pub fn cases(model: &ApiModel, plan: &RoutePlan<'_>, version: &str) -> Replay {
    let by_name: BTreeMap<&str, &OperationPlan<'_>> = plan
        .operations
        .iter()
        .map(|op| (op.operation.name.as_str(), op))
        .collect();
    let mut replay = Replay {
        operations: model
            .operations
            .iter()
            .filter(|o| o.version == version)
            .count(),
        operations_without_templates: plan.without_templates,
        templates: plan.operations.iter().map(|o| o.stubs.len()).sum(),
        request_examples: 0,
        ignored: 0,
        cases: Vec::new(),
        defects: Vec::new(),
    };
    for example in model.examples.iter().filter(|e| e.version == version) {
        let (Some(name), Some(request)) = (&example.operation, &example.request) else {
            continue;
        };
        replay.request_examples += 1;
        if example.ignored {
            replay.ignored += 1;
        }
        let at = format!("{}:{}", example.page, request.line);
        let defect = |kind: &str, message: String| Defect {
            at: at.clone(),
            kind: kind.to_string(),
            message,
        };
        let Some(op) = by_name.get(name.as_str()) else {
            replay.defects.push(defect(
                "operation-without-templates",
                format!(
                    "the page documents no request template for `{} {}`",
                    request.method, request.url
                ),
            ));
            continue;
        };
        match case(example, op, version) {
            Ok(case) => replay.cases.push(case),
            Err((kind, message)) => replay.defects.push(defect(kind, message)),
        }
    }
    replay
}

/// The case of one example, or the kind of docs defect that keeps it from being replayed.
fn case(
    example: &Example,
    op: &OperationPlan<'_>,
    version: &str,
) -> Result<Case, (&'static str, String)> {
    let Some(request) = &example.request else {
        return Err(("no-request", "the example has no request".to_string()));
    };
    let url = read_example_url(&request.url, version).map_err(|d| {
        (
            d.kind(),
            format!("`{}` is not a Graph {version} URL", request.url),
        )
    })?;
    let templates: Vec<(&str, &PathTemplate)> = op
        .stubs
        .iter()
        .map(|s| (s.template.method.as_str(), &s.path))
        .collect();
    let matched = best_match(&request.method, &url.path, templates.iter().copied());
    if matched.is_err() && matches_after_odata_suffix(&request.method, &url.path, &templates) {
        return Err((
            "odata-suffix-not-templated",
            format!(
                "`{} {}` adds an OData segment (`$count`, a type cast) to a template; no \
                 template of the page has it",
                request.method, url.path
            ),
        ));
    }
    let (index, values) = matched.map_err(|d| {
        let documented: Vec<String> = op
            .stubs
            .iter()
            .map(|s| format!("{} {}", s.template.method, s.template.path))
            .collect();
        (
            d.kind(),
            format!(
                "`{} {}` matches none of the page's templates: {}",
                request.method,
                url.path,
                documented.join("; ")
            ),
        )
    })?;
    let stub = &op.stubs[index];
    let path_values = values
        .iter()
        .zip(stub.path.params())
        .map(|(value, (_, style))| argument(value, style))
        .collect();
    let body = request.body.as_ref().filter(|b| !b.text.trim().is_empty());
    let content_type = request
        .headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
        .map(|(_, value)| value.clone());
    let (json, text) = match (&op.body, body) {
        (_, None) => (None, None),
        (BodyPlan::None, Some(_)) => {
            return Err((
                "body-not-documented",
                "the example sends a body the page says the request does not take".to_string(),
            ))
        }
        (BodyPlan::Type(_) | BodyPlan::Array(_) | BodyPlan::Parameters, Some(body)) => {
            match body.value() {
                Some(value) => (Some(value), None),
                None => {
                    return Err((
                        "request-body-not-json",
                        "the example's body is not JSON, and the page documents a JSON body"
                            .to_string(),
                    ))
                }
            }
        }
        (BodyPlan::Raw, Some(body)) => {
            let content_type = content_type.unwrap_or_else(|| "text/plain".to_string());
            match body.value() {
                Some(value) => (Some(value.clone()), Some((content_type, value.to_string()))),
                None => (None, Some((content_type, body.text.to_string()))),
            }
        }
    };
    Ok(Case {
        at: format!("{}:{}", example.page, request.line),
        stub: stub.id.clone(),
        path_values,
        query: url.query,
        json,
        text,
        method: request.method.clone(),
        path: url.path,
        response: example.response.as_ref().map(|response| {
            let (body, defect) = response_body(response.body.as_ref());
            let defect = defect.or_else(|| collection_contradiction(response, &stub.response));
            ResponseCase {
                at: format!("{}:{}", example.page, response.line),
                status: response.status,
                body,
                annotated_type_differs: type_contradiction(response, &stub.response),
                status_documented: op
                    .operation
                    .responses
                    .iter()
                    .any(|r| r.status == response.status && r.documented_in == DocumentedIn::Prose),
                defect,
            }
        }),
    })
}

/// Whether the example's annotation names another type than the page documents for the
/// route's response (`microsoft.graph.thumbnail` where the page says a collection of
/// `thumbnailSet`).
fn type_contradiction(response: &ExampleResponse, plan: &ResponsePlan) -> bool {
    let Some(annotated) = response.odata_type.as_deref() else {
        return false;
    };
    match plan {
        ResponsePlan::Json(name)
        | ResponsePlan::JsonOrEmpty(name)
        | ResponsePlan::Collection(name)
        | ResponsePlan::Wrapped(name) => !annotated.eq_ignore_ascii_case(name),
        ResponsePlan::NoContent | ResponsePlan::Raw => false,
    }
}

/// Whether the example's annotation names the route's response type but says the opposite
/// of the page about it being a collection (`"isCollection": true` beside "returns a chat
/// object", or the reverse).
fn collection_contradiction(response: &ExampleResponse, plan: &ResponsePlan) -> Option<String> {
    let annotated = response.odata_type.as_deref()?;
    let (documented, collection) = match plan {
        ResponsePlan::Json(name) | ResponsePlan::JsonOrEmpty(name) => (name, false),
        ResponsePlan::Collection(name) => (name, true),
        _ => return None,
    };
    (annotated.eq_ignore_ascii_case(documented) && response.is_collection != collection)
        .then(|| "collection-contradicts-page".to_string())
}

/// A response body as the replay sends it to the parser, or why it cannot be.
fn response_body(body: Option<&Payload>) -> (String, Option<String>) {
    let Some(body) = body else {
        return (String::new(), None);
    };
    match (&body.json, body.value()) {
        (Some(JsonCheck::Invalid(_)), _) => (
            body.text.to_string(),
            Some("response-body-not-json".to_string()),
        ),
        (_, Some(value)) => (value.to_string(), None),
        (_, None) => (body.text.to_string(), None),
    }
}
