// Copied by graph-docgen from its `runtime/http.rs`: edit it there and run `cargo run`.
//! Sans-IO routes: what a generated route stub builds and reads. Hand-written; the generated
//! `routes` module fills these types in, one tiny function per documented request template.
//!
//! - [`Route`]: one request to Graph in the making: method, path, query, headers, body, and
//!   (as type parameters) how its response reads and which query options it takes.
//!   [`Route::build`] gives an [`http::Request`]; [`Route::parse`] reads an [`http::Response`].
//! - [`Path`]: a path built from the template's literal pieces and the caller's values. Every
//!   value is percent-encoded as data, so no value can change which resource is addressed.
//! - [`NoContent`], [`Json`], [`JsonOrEmpty`], [`Collection`], [`Wrapped`] and [`Raw`]: how a
//!   response reads
//!   ([`ResponseKind`]). A collection reads as a [`Page`].
//! - [`Error`] and [`GraphError`]: a response that is not the documented success, with Graph's
//!   `{"error": {"code", "message", "innerError"}}` body read when there is one.
//!
//! No HTTP client is involved: send the request with any client and hand the response back.

use http::{Method, Request, Response, StatusCode};
use percent_encoding::{
    percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS, NON_ALPHANUMERIC,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::marker::PhantomData;

/// The service root requests are built against unless [`Route::build_on`] names another
/// (a national cloud, a test server).
pub const GRAPH_V1: &str = "https://graph.microsoft.com/v1.0";

/// What a path value may keep unencoded: the unreserved characters of RFC 3986 alone. Every
/// delimiter of a URL (`/ ? # %`) and of OData (`( ) ' , = : $ @`) is encoded.
const VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// What a query name or value may keep unencoded: the characters that cannot end the pair or
/// the query (`& = # ;`), change meaning under form decoding (`+`) or escape (`%`) are encoded,
/// with spaces, controls, non-ASCII and the characters a URI may not hold. OData's own syntax
/// (`$ ' ( ) , / : @`) stays readable.
const QUERY: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'+')
    .add(b';')
    .add(b'<')
    .add(b'=')
    .add(b'>')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// What a literal piece of a template may keep: the pieces come from the docs and are trusted
/// to address the resource they say, but a stray space or brace must not make the URI invalid.
const LITERAL: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Encodes `value` as data inside one path segment. A value that is all dots (`.` or `..`)
/// has its dots encoded too, so no normalisation can read it as a step up the path.
fn encode_value(value: &str, out: &mut String) {
    if !value.is_empty() && value.bytes().all(|b| b == b'.') {
        for _ in 0..value.len() {
            out.push_str("%2E");
        }
        return;
    }
    out.extend(utf8_percent_encode(value, VALUE));
}

/// Encodes a query name or value.
fn encode_query(text: &str) -> String {
    utf8_percent_encode(text, QUERY).to_string()
}

/// A request path: the template's literal pieces with the caller's values between them.
///
/// ```
/// use graph_models::runtime::http::Path;
/// let path = Path::new()
///     .literal("/users/")
///     .segment("id", "a/b?c")
///     .literal("/drive/root:/")
///     .item_path("item-path", "Reports/Q1 plan.docx")
///     .literal(":/content");
/// assert_eq!(
///     path.as_str(),
///     "/users/a%2Fb%3Fc/drive/root:/Reports/Q1%20plan.docx:/content"
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Path {
    text: String,
    /// The first parameter given an empty value, which would address another resource.
    empty: Option<&'static str>,
    /// The first item path with an empty folder or file name (`a//b`).
    empty_name: Option<&'static str>,
}

impl Path {
    /// An empty path.
    pub fn new() -> Self {
        Path::default()
    }

    /// Appends a literal piece of the template (`/users/`, `/stop`, `/range(address='`).
    pub fn literal(mut self, piece: &str) -> Self {
        self.text.extend(utf8_percent_encode(piece, LITERAL));
        self
    }

    /// Appends the value of the parameter `name` as data inside a path segment (`{id}`):
    /// `/`, `?`, `#`, `%`, quotes, parentheses, spaces and non-ASCII are all percent-encoded.
    pub fn segment(mut self, name: &'static str, value: &str) -> Self {
        self.note_empty(name, value);
        encode_value(value, &mut self.text);
        self
    }

    /// Appends the value of `name` inside an OData string literal (`getX(period='{period}')`):
    /// a quote is doubled, as OData escapes it, and the result encoded as [`Path::segment`]
    /// does.
    pub fn quoted(mut self, name: &'static str, value: &str) -> Self {
        self.note_empty(name, value);
        encode_value(&value.replace('\'', "''"), &mut self.text);
        self
    }

    /// Appends an item path after a colon (`root:/{item-path}:`): its `/` separate folders
    /// and are kept; every folder and file name is encoded as [`Path::segment`] encodes a
    /// value, so `..`, `:` (which would end the item path), `?` and `#` stay data. A `/` at
    /// either end is dropped (`/Reports/Q1.docx` is written from the root, which the template
    /// already names); an empty name inside (`Reports//Q1.docx`) is refused when the request
    /// is built.
    pub fn item_path(mut self, name: &'static str, value: &str) -> Self {
        let value = value.trim_matches('/');
        self.note_empty(name, value);
        for (i, part) in value.split('/').enumerate() {
            if i > 0 {
                self.text.push('/');
            }
            if part.is_empty() && !value.is_empty() && self.empty_name.is_none() {
                self.empty_name = Some(name);
            }
            encode_value(part, &mut self.text);
        }
        self
    }

    fn note_empty(&mut self, name: &'static str, value: &str) {
        if value.is_empty() && self.empty.is_none() {
            self.empty = Some(name);
        }
    }

    /// The path as built, encoded.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// Why a request could not be built.
#[derive(Debug)]
pub enum BuildError {
    /// A path parameter was empty: `/users//messages` is not the resource the caller meant.
    EmptyPathParameter(&'static str),
    /// An item path had an empty folder or file name (`Reports//Q1.docx`).
    EmptyItemName(&'static str),
    /// The service root given to [`Route::build_on`] has a query or a fragment, which the
    /// path would be appended to.
    Root(String),
    /// The body could not be written as JSON.
    Body(serde_json::Error),
    /// `http` refused the request (an invalid header name or value, an invalid base URL).
    Http(http::Error),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::EmptyPathParameter(name) => {
                write!(f, "the path parameter `{name}` is empty")
            }
            BuildError::EmptyItemName(name) => {
                write!(f, "the item path `{name}` has an empty folder or file name")
            }
            BuildError::Root(root) => {
                write!(f, "the service root `{root}` has a query or a fragment")
            }
            BuildError::Body(error) => write!(f, "the body cannot be written as JSON: {error}"),
            BuildError::Http(error) => write!(f, "invalid request: {error}"),
        }
    }
}

impl std::error::Error for BuildError {}

/// A request body, written when it was given.
#[derive(Debug, Clone)]
struct Body {
    content_type: String,
    bytes: Vec<u8>,
}

/// One request to Graph in the making. `R` says how its response reads ([`ResponseKind`]);
/// `Q` says which documented query options it takes (the generated `routes` module gives each
/// option a builder method on the routes whose pages document it).
///
/// Build it with a generated stub, add query options and headers, then [`Route::build`] the
/// [`http::Request`], send it with any client, and [`Route::parse`] the [`http::Response`].
#[derive(Debug)]
pub struct Route<R, Q = NoQuery> {
    method: Method,
    path: Path,
    /// A link the service gave (`@odata.nextLink`), sent to in place of the path and query.
    link: Option<String>,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Option<Result<Body, String>>,
    _kinds: PhantomData<fn() -> (R, Q)>,
}

impl<R, Q> Clone for Route<R, Q> {
    fn clone(&self) -> Self {
        Route {
            method: self.method.clone(),
            path: self.path.clone(),
            link: self.link.clone(),
            query: self.query.clone(),
            headers: self.headers.clone(),
            body: self.body.clone(),
            _kinds: PhantomData,
        }
    }
}

/// The query options of a route whose page documents none.
#[derive(Debug, Clone, Copy)]
pub struct NoQuery;

impl<R, Q> Route<R, Q> {
    /// A route with this method and path, no query, headers or body.
    pub fn new(method: Method, path: Path) -> Self {
        Route {
            method,
            path,
            link: None,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            _kinds: PhantomData,
        }
    }

    /// Adds the query pair `name=value`, both encoded. The generated builder methods
    /// (`select`, `filter`, `top`...) call this; call it directly for an option the page does
    /// not document.
    pub fn query(mut self, name: &str, value: impl fmt::Display) -> Self {
        self.query.push((name.to_string(), value.to_string()));
        self
    }

    /// Adds a request header (`ConsistencyLevel: eventual`, `Prefer`, `If-Match`).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// Sets the body to `body` written as JSON (`Content-Type: application/json`). The
    /// generated stubs call this with the documented body type.
    pub fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Self {
        self.body = Some(
            serde_json::to_vec(body)
                .map(|bytes| Body {
                    content_type: "application/json".to_string(),
                    bytes,
                })
                .map_err(|e| e.to_string()),
        );
        self
    }

    /// Sets the body to `bytes` with this content type (file contents, form data).
    pub fn raw_body(mut self, content_type: &str, bytes: Vec<u8>) -> Self {
        self.body = Some(Ok(Body {
            content_type: content_type.to_string(),
            bytes,
        }));
        self
    }

    /// Drops the body (for an action whose parameters are all optional).
    pub fn without_body(mut self) -> Self {
        self.body = None;
        self
    }

    /// The method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The path, encoded, without the service root (empty for a route that follows a link).
    pub fn path(&self) -> &str {
        self.path.as_str()
    }

    /// The link the service gave that this route follows ([`Route::next_page`]), if any.
    pub fn link(&self) -> Option<&str> {
        self.link.as_deref()
    }

    /// The query string, encoded, without `?` (empty when there is no query).
    pub fn query_string(&self) -> String {
        self.query
            .iter()
            .map(|(name, value)| format!("{}={}", encode_query(name), encode_query(value)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The request against the Graph v1.0 service root ([`GRAPH_V1`]).
    pub fn build(&self) -> Result<Request<Vec<u8>>, BuildError> {
        self.build_on(GRAPH_V1)
    }

    /// The request against another service root (`https://graph.microsoft.us/v1.0`,
    /// `http://127.0.0.1:8080`); a trailing `/` on the root is ignored.
    pub fn build_on(&self, root: &str) -> Result<Request<Vec<u8>>, BuildError> {
        if let Some(name) = self.path.empty {
            return Err(BuildError::EmptyPathParameter(name));
        }
        if let Some(name) = self.path.empty_name {
            return Err(BuildError::EmptyItemName(name));
        }
        if root.contains(['?', '#']) {
            return Err(BuildError::Root(root.to_string()));
        }
        let uri = match &self.link {
            Some(link) => resolve_link(root, link),
            None => {
                let mut uri = format!("{}{}", root.trim_end_matches('/'), self.path.as_str());
                let query = self.query_string();
                if !query.is_empty() {
                    uri.push('?');
                    uri.push_str(&query);
                }
                uri
            }
        };
        let mut builder = Request::builder().method(self.method.clone()).uri(uri);
        for (name, value) in &self.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        let bytes = match &self.body {
            None => Vec::new(),
            Some(Ok(body)) => {
                builder = builder.header(http::header::CONTENT_TYPE, body.content_type.as_str());
                body.bytes.clone()
            }
            Some(Err(message)) => return Err(BuildError::Body(serde::ser::Error::custom(message))),
        };
        builder.body(bytes).map_err(BuildError::Http)
    }

    /// Forgets how the response reads and which options the route takes: the same request,
    /// as a route whose response reads [`Raw`].
    pub fn erase(self) -> Route<Raw, NoQuery> {
        Route {
            method: self.method,
            path: self.path,
            link: self.link,
            query: self.query,
            headers: self.headers,
            body: self.body,
            _kinds: PhantomData,
        }
    }
}

impl<T, Q> Route<Collection<T>, Q> {
    /// The route that reads the page after `page`: a `GET` of the page's `@odata.nextLink`,
    /// as the service wrote it (its query already holds the options and the skip token, so
    /// the route takes no more), with this route's headers (`ConsistencyLevel`, `Prefer`).
    /// `None` on the last page.
    ///
    /// ```
    /// use graph_models::runtime::http::{Collection, Path, Route};
    /// # fn send(request: ::http::Request<Vec<u8>>) -> ::http::Response<Vec<u8>> {
    /// #     let body: &[u8] = if request.uri().query().is_some_and(|q| q.contains("skiptoken")) {
    /// #         br#"{"value": [3]}"#
    /// #     } else {
    /// #         br#"{"value": [1, 2], "@odata.nextLink": "https://graph.microsoft.com/v1.0/items?$skiptoken=b"}"#
    /// #     };
    /// #     ::http::Response::new(body.to_vec())
    /// # }
    /// let first: Route<Collection<u32>> = Route::new(::http::Method::GET, Path::new().literal("/items"));
    /// let mut page = first.parse(send(first.build()?))?;
    /// let mut items = page.value.clone();
    /// let mut next = first.next_page(&page);
    /// while let Some(route) = next {
    ///     page = route.parse(send(route.build()?))?;
    ///     items.extend(page.value.iter().copied());
    ///     next = route.next_page(&page);
    /// }
    /// assert_eq!(items, [1, 2, 3]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn next_page(&self, page: &Page<T>) -> Option<Route<Collection<T>, NoQuery>> {
        page.next_link.as_deref().map(|link| self.follow(link))
    }

    /// The route that reads the changes since `page` (a delta query's last page): a `GET` of
    /// its `@odata.deltaLink`, with this route's headers. `None` when the page has no delta
    /// link.
    pub fn delta(&self, page: &Page<T>) -> Option<Route<Collection<T>, NoQuery>> {
        page.delta_link.as_deref().map(|link| self.follow(link))
    }

    fn follow(&self, link: &str) -> Route<Collection<T>, NoQuery> {
        Route {
            method: Method::GET,
            path: Path::new(),
            link: Some(link.to_string()),
            query: Vec::new(),
            headers: self.headers.clone(),
            body: None,
            _kinds: PhantomData,
        }
    }
}

/// The URL a link of the service points to. Graph writes absolute links, sent as they are; a
/// relative one is read as OData reads it, against the service root (`users?$skiptoken=x`)
/// or, when it starts with `/`, against the root's scheme and host.
fn resolve_link(root: &str, link: &str) -> String {
    if link.contains("://") {
        return link.to_string();
    }
    if link.starts_with('/') {
        let host_end = root
            .find("://")
            .and_then(|scheme| root[scheme + 3..].find('/').map(|at| scheme + 3 + at))
            .unwrap_or(root.len());
        return format!("{}{link}", &root[..host_end]);
    }
    format!("{}/{link}", root.trim_end_matches('/'))
}

impl<R: ResponseKind, Q> Route<R, Q> {
    /// Reads the response to this route: the documented success as `R` says, anything else
    /// as an [`Error`] (with Graph's error body when there is one).
    pub fn parse<B: AsRef<[u8]>>(&self, response: Response<B>) -> Result<R::Output, Error> {
        read::<R, B>(response)
    }
}

/// Reads `response` as the route kind `R` does: [`Route::parse`] without a route.
pub fn read<R: ResponseKind, B: AsRef<[u8]>>(response: Response<B>) -> Result<R::Output, Error> {
    let (parts, body) = response.into_parts();
    let body = body.as_ref();
    if R::accepts(parts.status) {
        return R::read(Response::from_parts(parts, body.to_vec()));
    }
    Err(Error::from_status(parts.status, body))
}

/// How a route's response reads.
pub trait ResponseKind {
    /// What a successful response gives.
    type Output;

    /// Whether a response with this status is the documented success (any 2xx by default).
    fn accepts(status: StatusCode) -> bool {
        status.is_success()
    }

    /// Reads an accepted response.
    fn read(response: Response<Vec<u8>>) -> Result<Self::Output, Error>;
}

/// No body is documented (`204 No Content`, `202 Accepted`): the response reads as `()`, and
/// a body sent anyway is ignored.
#[derive(Debug, Clone, Copy)]
pub struct NoContent;

impl ResponseKind for NoContent {
    type Output = ();

    fn read(_: Response<Vec<u8>>) -> Result<(), Error> {
        Ok(())
    }
}

/// The body is one `T`, as JSON.
#[derive(Debug, Clone, Copy)]
pub struct Json<T>(PhantomData<fn() -> T>);

impl<T: DeserializeOwned> ResponseKind for Json<T> {
    type Output = T;

    fn read(response: Response<Vec<u8>>) -> Result<T, Error> {
        decode(response.status(), response.body())
    }
}

/// The body is one `T`, or nothing: the page documents a success with the object and one
/// without a body (`204 No Content`, `202 Accepted`). An empty body or a 204 reads as `None`.
#[derive(Debug, Clone, Copy)]
pub struct JsonOrEmpty<T>(PhantomData<fn() -> T>);

impl<T: DeserializeOwned> ResponseKind for JsonOrEmpty<T> {
    type Output = Option<T>;

    fn read(response: Response<Vec<u8>>) -> Result<Option<T>, Error> {
        if response.status() == StatusCode::NO_CONTENT
            || response.body().iter().all(u8::is_ascii_whitespace)
        {
            return Ok(None);
        }
        decode(response.status(), response.body()).map(Some)
    }
}

/// The body is a collection of `T`: a [`Page`] of `value` with its `@odata.nextLink`.
#[derive(Debug, Clone, Copy)]
pub struct Collection<T>(PhantomData<fn() -> T>);

impl<T: DeserializeOwned> ResponseKind for Collection<T> {
    type Output = Page<T>;

    fn read(response: Response<Vec<u8>>) -> Result<Page<T>, Error> {
        decode(response.status(), response.body())
    }
}

/// The body is one primitive `T` wrapped as OData wraps it: `{"value": T}`.
#[derive(Debug, Clone, Copy)]
pub struct Wrapped<T>(PhantomData<fn() -> T>);

impl<T: DeserializeOwned> ResponseKind for Wrapped<T> {
    type Output = T;

    fn read(response: Response<Vec<u8>>) -> Result<T, Error> {
        #[derive(Deserialize)]
        struct Value<T> {
            value: T,
        }
        decode::<Value<T>>(response.status(), response.body()).map(|v| v.value)
    }
}

/// The body is not JSON (a file's contents, a report as CSV) or the response is a redirect to
/// it (`302 Found` with `Location`): the response is handed back as it came. Accepts 2xx and
/// 3xx.
#[derive(Debug, Clone, Copy)]
pub struct Raw;

impl ResponseKind for Raw {
    type Output = Response<Vec<u8>>;

    fn accepts(status: StatusCode) -> bool {
        status.is_success() || status.is_redirection()
    }

    fn read(response: Response<Vec<u8>>) -> Result<Response<Vec<u8>>, Error> {
        Ok(response)
    }
}

fn decode<T: DeserializeOwned>(status: StatusCode, body: &[u8]) -> Result<T, Error> {
    serde_json::from_slice(body).map_err(|source| Error::Decode { status, source })
}

/// A page of a collection: its items and, when there are more, the link to the next page.
///
/// The three annotations Graph pages with are read into their fields when they carry a
/// value of their kind (a link as a string, a count as an integer). Anything else, an
/// explicit `null` included, stays in [`Page::additional`] as it came, so a page is written
/// back exactly as it was read. A field that holds a value is written in place of an entry of
/// the same name in `additional`.
///
/// [`Route::next_page`] turns the next link into the request for the next page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The items of this page.
    pub value: Vec<T>,
    /// The URL of the next page (`@odata.nextLink`); `None` on the last page.
    pub next_link: Option<String>,
    /// The URL that reads the changes since this page (`@odata.deltaLink`, delta queries).
    pub delta_link: Option<String>,
    /// The total count (`@odata.count`), when `$count=true` asked for it.
    pub count: Option<i64>,
    /// Other annotations (`@odata.context`), kept as they came.
    pub additional: serde_json::Map<String, serde_json::Value>,
}

const NEXT_LINK: &str = "@odata.nextLink";
const DELTA_LINK: &str = "@odata.deltaLink";
const COUNT: &str = "@odata.count";

impl<T: Serialize> Serialize for Page<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let typed = [
            (NEXT_LINK, self.next_link.is_some()),
            (DELTA_LINK, self.delta_link.is_some()),
            (COUNT, self.count.is_some()),
        ];
        let shadowed = |key: &str| typed.iter().any(|(name, set)| *set && *name == key);
        let mut map = serializer.serialize_map(None)?;
        for (key, value) in &self.additional {
            if key != "value" && !shadowed(key) {
                map.serialize_entry(key, value)?;
            }
        }
        if let Some(count) = self.count {
            map.serialize_entry(COUNT, &count)?;
        }
        map.serialize_entry("value", &self.value)?;
        if let Some(link) = &self.next_link {
            map.serialize_entry(NEXT_LINK, link)?;
        }
        if let Some(link) = &self.delta_link {
            map.serialize_entry(DELTA_LINK, link)?;
        }
        map.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Page<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(bound(deserialize = "T: Deserialize<'de>"))]
        struct Wire<T> {
            value: Vec<T>,
            #[serde(flatten)]
            additional: serde_json::Map<String, serde_json::Value>,
        }
        let Wire {
            value,
            mut additional,
        } = Wire::deserialize(deserializer)?;
        Ok(Page {
            value,
            next_link: take_as(&mut additional, NEXT_LINK),
            delta_link: take_as(&mut additional, DELTA_LINK),
            count: take_as(&mut additional, COUNT),
            additional,
        })
    }
}

/// Removes `key` from `map` when its value reads as a `V`, and gives that; leaves it otherwise.
fn take_as<V: DeserializeOwned>(
    map: &mut serde_json::Map<String, serde_json::Value>,
    key: &str,
) -> Option<V> {
    let value = V::deserialize(map.get(key)?).ok()?;
    map.remove(key);
    Some(value)
}

/// Graph's error body: `{"error": {"code", "message", "innerError"}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphError {
    /// The error code (`Request_ResourceNotFound`, `itemNotFound`).
    pub code: String,
    /// The message for people.
    #[serde(default)]
    pub message: String,
    /// The service's details (`request-id`, `date`, nested codes), as they came.
    #[serde(
        rename = "innerError",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub inner_error: Option<serde_json::Value>,
    /// Other members (`details`, `target`), kept as they came.
    #[serde(flatten)]
    pub additional: serde_json::Map<String, serde_json::Value>,
}

/// A response that is not the route's documented success, or a success that does not read.
#[derive(Debug)]
pub enum Error {
    /// Graph answered with an error body.
    Graph {
        /// The status.
        status: StatusCode,
        /// The error.
        error: GraphError,
    },
    /// A status the route does not accept, without a readable Graph error body.
    Status {
        /// The status.
        status: StatusCode,
        /// The body as it came.
        body: Vec<u8>,
    },
    /// A success whose body is not the documented type.
    Decode {
        /// The status.
        status: StatusCode,
        /// Why it does not read.
        source: serde_json::Error,
    },
}

impl Error {
    fn from_status(status: StatusCode, body: &[u8]) -> Self {
        #[derive(Deserialize)]
        struct Envelope {
            error: GraphError,
        }
        match serde_json::from_slice::<Envelope>(body) {
            Ok(envelope) => Error::Graph {
                status,
                error: envelope.error,
            },
            Err(_) => Error::Status {
                status,
                body: body.to_vec(),
            },
        }
    }

    /// The status of the response.
    pub fn status(&self) -> StatusCode {
        match self {
            Error::Graph { status, .. }
            | Error::Status { status, .. }
            | Error::Decode { status, .. } => *status,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Graph { status, error } => {
                write!(f, "Graph error {status}: {}: {}", error.code, error.message)
            }
            Error::Status { status, .. } => write!(f, "unexpected status {status}"),
            Error::Decode { status, source } => {
                write!(
                    f,
                    "the {status} response does not read as documented: {source}"
                )
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Decode { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Percent-decodes a path or query piece (invalid UTF-8 is replaced), as a server reads it.
/// The replay tests compare built and documented requests through it.
pub fn decode_piece(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}
