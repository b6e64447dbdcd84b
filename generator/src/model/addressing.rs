//! Which of an operation page's examples address the operation. A page may go on past its
//! operation to the endpoints its response leads to (`createUploadSession` uploads the bytes
//! to the URL it returns; a download is resumed at the file's own URL): what those examples
//! show says nothing of the operation.

use super::url_match::{self, PathTemplate, UrlDefect};
use super::{Example, ExampleRequest, ExampleResponse, Operation};

/// What an example addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Addressed {
    /// The operation: a template matches its request (OData's `/$count` or a cast after it
    /// included).
    Operation,
    /// Another endpoint: another host's, or one of a method no template has.
    OtherEndpoint,
    /// Perhaps the operation: a Graph URL of a documented method that no template matches
    /// (the page is inconsistent), a URL of the other version, a page without templates, or
    /// no request shown yet.
    Unknown,
}

/// What each example addresses, in page order. A response shown without a request of its
/// own answers the request shown last before it.
pub(super) fn addressing(op: &Operation, examples: &[Example]) -> Vec<Addressed> {
    let parsed: Vec<(&str, PathTemplate)> = op
        .templates
        .iter()
        .map(|t| (t.method.as_str(), url_match::parse_template(&t.path)))
        .collect();
    let templates: Vec<(&str, &PathTemplate)> = parsed.iter().map(|(m, t)| (*m, t)).collect();
    let addressed_by = |request: &ExampleRequest| {
        if templates.is_empty() {
            return Addressed::Unknown;
        }
        let url = match url_match::read_example_url(&request.url, op.version) {
            Ok(url) => url,
            Err(UrlDefect::OtherHost) => return Addressed::OtherEndpoint,
            Err(_) => return Addressed::Unknown,
        };
        match url_match::best_match(&request.method, &url.path, templates.iter().copied()) {
            Ok(_) => Addressed::Operation,
            Err(UrlDefect::MethodNotDocumented) => Addressed::OtherEndpoint,
            Err(_)
                if url_match::matches_after_odata_suffix(
                    &request.method,
                    &url.path,
                    &templates,
                ) =>
            {
                Addressed::Operation
            }
            Err(_) => Addressed::Unknown,
        }
    };
    let mut last_request = Addressed::Unknown;
    examples
        .iter()
        .map(|e| {
            if let Some(request) = e.request.as_deref() {
                last_request = addressed_by(request);
            }
            last_request
        })
        .collect()
}

/// The responses of the examples that address the operation, in page order. When no
/// example's request matches a template (every example URL differs from the templates,
/// say), those that may address it count too; those of other endpoints never do.
pub(super) fn responses_to_the_operation<'e>(
    op: &Operation,
    examples: &'e [Example],
) -> Vec<&'e ExampleResponse> {
    let addressed = addressing(op, examples);
    let any_matched = addressed.contains(&Addressed::Operation);
    examples
        .iter()
        .zip(addressed)
        .filter(|(_, addressed)| match addressed {
            Addressed::Operation => true,
            Addressed::Unknown => !any_matched,
            Addressed::OtherEndpoint => false,
        })
        .filter_map(|(e, _)| e.response.as_deref())
        .collect()
}
