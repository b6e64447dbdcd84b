//! Route stubs, specified: what a stub builds, how values are encoded, how responses read,
//! and how the generator names and shapes the stubs of real pages (function calls, colon
//! paths, aliases). The stubs called here are the checked-in ones generated from
//! `docs-input/`; the naming specifications read real pages kept under
//! `tests/fixtures/routes/`.

mod common;

use graph_docgen::emit::routes::plan::{self, BodyPlan, ResponsePlan};
use graph_docgen::emit::routes::{replay, stubs};
use graph_docgen::model::url_match::ParamStyle;
use graph_docgen::model::{self, ApiModel};
use graph_models::models::AccessReviewInstance;
use graph_models::routes::access_review_instance;
use graph_models::runtime::http::{
    self, decode_piece, BuildError, Collection, Error, Page, Path, Raw, Route, Wrapped,
};
use graph_models::runtime::Field;
use proptest::prelude::*;
use std::sync::OnceLock;

const DEFINITION: &str = "8564a649-4f67-4e09-88e7-55def6530e88";
const INSTANCE: &str = "1234a649-4f67-1234-88e7-55def6530e88";

fn response(status: u16, body: &str) -> ::http::Response<Vec<u8>> {
    ::http::Response::builder()
        .status(status)
        .body(body.as_bytes().to_vec())
        .expect("a valid status")
}

// What a stub builds.

#[test]
fn a_stub_builds_the_documented_request() {
    let request = access_review_instance::stop(DEFINITION, INSTANCE)
        .build()
        .unwrap();
    assert_eq!(request.method(), ::http::Method::POST);
    assert_eq!(
        request.uri().to_string(),
        format!(
            "https://graph.microsoft.com/v1.0/identityGovernance/accessReviews/definitions/{DEFINITION}/instances/{INSTANCE}/stop"
        )
    );
    assert!(request.body().is_empty());
    assert!(request.headers().get("content-type").is_none());
}

#[test]
fn a_stub_with_a_documented_body_sends_it_as_json() {
    let body = AccessReviewInstance {
        id: Field::Value("x".to_string()),
        ..Default::default()
    };
    let request = access_review_instance::update(DEFINITION, INSTANCE, &body)
        .build()
        .unwrap();
    assert_eq!(request.method(), ::http::Method::PUT);
    assert_eq!(request.headers()["content-type"], "application/json");
    assert_eq!(request.body().as_slice(), br#"{"id":"x"}"#);
}

#[test]
fn an_item_path_written_from_the_root_is_the_same_path() {
    let path = |value: &str| {
        Path::new()
            .literal("/me/drive/root:/")
            .item_path("item-path", value)
            .literal(":/content")
            .as_str()
            .to_string()
    };
    assert_eq!(path("/Reports/Q1.docx"), path("Reports/Q1.docx"));
    assert_eq!(path("Reports/"), "/me/drive/root:/Reports:/content");
    let route: Route<Raw> = Route::new(
        ::http::Method::GET,
        Path::new()
            .literal("/me/drive/root:/")
            .item_path("item-path", "Reports//Q1.docx")
            .literal(":/content"),
    );
    assert_eq!(
        route.build().unwrap_err().to_string(),
        "the item path `item-path` has an empty folder or file name"
    );
}

#[test]
fn a_service_root_with_a_query_is_refused() {
    let error = access_review_instance::stop("a", "b")
        .build_on("https://proxy.example/graph?x=1")
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "the service root `https://proxy.example/graph?x=1` has a query or a fragment"
    );
}

#[test]
fn a_route_can_be_built_against_another_service_root() {
    let request = access_review_instance::stop("a", "b")
        .build_on("http://127.0.0.1:8080/")
        .unwrap();
    assert_eq!(
        request.uri().to_string(),
        "http://127.0.0.1:8080/identityGovernance/accessReviews/definitions/a/instances/b/stop"
    );
}

#[test]
fn query_options_and_headers_are_added_to_the_route() {
    let request = access_review_instance::stop("a", "b")
        .query("$select", "id,status")
        .header("ConsistencyLevel", "eventual")
        .build()
        .unwrap();
    assert_eq!(request.uri().query(), Some("$select=id,status"));
    assert_eq!(request.headers()["consistencylevel"], "eventual");
}

// Encoding: no value can change which resource is addressed.

#[test]
fn path_values_are_data_inside_their_segment() {
    let cases = [
        ("../users", "..%2Fusers"),
        ("..", "%2E%2E"),
        ("a/b", "a%2Fb"),
        ("x?y#z", "x%3Fy%23z"),
        ("two words", "two%20words"),
        ("é€", "%C3%A9%E2%82%AC"),
        ("100%", "100%25"),
        ("it's(1)", "it%27s%281%29"),
        ("user@contoso.com", "user%40contoso.com"),
    ];
    for (value, encoded) in cases {
        let route = access_review_instance::stop(value, "b");
        assert_eq!(
            route.path(),
            format!("/identityGovernance/accessReviews/definitions/{encoded}/instances/b/stop"),
            "{value}"
        );
        assert!(route.build().is_ok(), "{value}");
    }
}

#[test]
fn an_empty_path_value_is_refused() {
    let error = access_review_instance::stop(DEFINITION, "")
        .build()
        .unwrap_err();
    assert!(matches!(
        error,
        BuildError::EmptyPathParameter("accessReviewInstanceId")
    ));
}

#[test]
fn function_arguments_double_their_quotes() {
    let path = Path::new()
        .literal("/reports/getEmailActivityUserDetail(period='")
        .quoted("period_value", "D7') or ('x")
        .literal("')");
    assert_eq!(
        path.as_str(),
        "/reports/getEmailActivityUserDetail(period='D7%27%27%29%20or%20%28%27%27x')"
    );
}

#[test]
fn item_paths_keep_their_folders_and_nothing_else() {
    let path = Path::new()
        .literal("/me/drive/root:/")
        .item_path("item-path", "Reports/../Q1: plan?.docx")
        .literal(":/content");
    assert_eq!(
        path.as_str(),
        "/me/drive/root:/Reports/%2E%2E/Q1%3A%20plan%3F.docx:/content"
    );
}

#[test]
fn query_values_cannot_end_their_pair_or_the_query() {
    let route = access_review_instance::stop("a", "b").query("$filter", "name eq 'a&b=c' + d#e");
    assert_eq!(
        route.query_string(),
        "$filter=name%20eq%20'a%26b%3Dc'%20%2B%20d%23e"
    );
}

// Responses.

#[test]
fn no_content_reads_as_unit() {
    let route = access_review_instance::stop("a", "b");
    assert!(matches!(route.parse(response(204, "")), Ok(())));
}

#[test]
fn a_documented_type_reads_into_its_model() {
    let route = access_review_instance::update("a", "b", &AccessReviewInstance::default());
    let instance = route
        .parse(response(200, r#"{"id": "x", "status": "Completed"}"#))
        .unwrap();
    assert_eq!(instance.id, Field::Value("x".to_string()));
}

#[test]
fn a_collection_reads_as_a_page_with_its_next_link() {
    let body = r#"{
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#x",
        "@odata.nextLink": "https://graph.microsoft.com/v1.0/x?$skiptoken=abc",
        "value": [{"id": "a"}, {"id": "b"}]
    }"#;
    let page = http::read::<Collection<AccessReviewInstance>, _>(response(200, body)).unwrap();
    assert_eq!(page.value.len(), 2);
    assert_eq!(
        page.next_link.as_deref(),
        Some("https://graph.microsoft.com/v1.0/x?$skiptoken=abc")
    );
    assert!(page.additional.contains_key("@odata.context"));
    let last = http::read::<Collection<AccessReviewInstance>, _>(response(200, r#"{"value": []}"#))
        .unwrap();
    assert_eq!(last.next_link, None);
}

#[test]
fn a_page_is_written_back_as_it_was_read() {
    // An explicit `null` link and a count sent as a string (`IEEE754Compatible=true`) are not
    // values of their fields' kinds: they stay as they came instead of being dropped.
    let body = serde_json::json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#x",
        "@odata.count": "2",
        "@odata.nextLink": null,
        "value": [{"id": "a"}, {"id": "b", "futureProperty": 1}]
    });
    let page: Page<AccessReviewInstance> = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(page.next_link, None);
    assert_eq!(page.count, None);
    assert_eq!(serde_json::to_value(&page).unwrap(), body);

    let typed = serde_json::json!({"@odata.count": 2, "value": [], "@odata.deltaLink": "d"});
    let page: Page<AccessReviewInstance> = serde_json::from_value(typed.clone()).unwrap();
    assert_eq!(
        (page.count, page.delta_link.as_deref()),
        (Some(2), Some("d"))
    );
    assert!(page.additional.is_empty());
    assert_eq!(serde_json::to_value(&page).unwrap(), typed);
}

#[test]
fn a_link_set_in_code_is_written_once() {
    let mut page: Page<u32> =
        serde_json::from_value(serde_json::json!({"value": [], "@odata.nextLink": null})).unwrap();
    page.next_link = Some("https://graph.microsoft.com/v1.0/x?$skiptoken=b".to_string());
    let written = serde_json::to_string(&page).unwrap();
    assert_eq!(written.matches("@odata.nextLink").count(), 1, "{written}");
    assert!(written.contains("skiptoken=b"), "{written}");
}

fn page_with_links(next: Option<&str>, delta: Option<&str>) -> Page<u32> {
    let mut body = serde_json::json!({"value": [1]});
    if let Some(link) = next {
        body["@odata.nextLink"] = link.into();
    }
    if let Some(link) = delta {
        body["@odata.deltaLink"] = link.into();
    }
    serde_json::from_value(body).unwrap()
}

fn list_users() -> Route<Collection<u32>> {
    Route::new(::http::Method::GET, Path::new().literal("/users"))
        .query("$filter", "startswith(displayName,'a')")
        .header("ConsistencyLevel", "eventual")
}

#[test]
fn the_next_page_is_a_get_of_the_next_link_as_the_service_wrote_it() {
    let link = "https://graph.microsoft.com/v1.0/users?$filter=startswith(displayName,%27a%27)&$skiptoken=X%27a";
    let next = list_users()
        .next_page(&page_with_links(Some(link), None))
        .expect("a next page");
    let request = next.build().unwrap();
    assert_eq!(request.method(), ::http::Method::GET);
    assert_eq!(request.uri().to_string(), link);
    assert_eq!(request.headers()["consistencylevel"], "eventual");
    assert!(request.body().is_empty());
    assert_eq!(next.link(), Some(link));
    // The next page reads as the first did, and the last page has no next.
    let last = next.parse(response(200, r#"{"value": [2]}"#)).unwrap();
    assert_eq!(last.value, [2]);
    assert!(next.next_page(&last).is_none());
}

#[test]
fn a_next_page_after_a_post_is_read_with_get_and_no_body() {
    let first: Route<Collection<u32>> = Route::new(
        ::http::Method::POST,
        Path::new().literal("/directoryObjects/getByIds"),
    )
    .json(&serde_json::json!({"ids": ["a"]}));
    let next = first
        .next_page(&page_with_links(
            Some("https://graph.microsoft.com/v1.0/n"),
            None,
        ))
        .unwrap()
        .build()
        .unwrap();
    assert_eq!(next.method(), ::http::Method::GET);
    assert!(next.body().is_empty());
    assert!(next.headers().get("content-type").is_none());
}

#[test]
fn a_delta_link_gives_the_route_that_reads_the_changes() {
    let page = page_with_links(
        None,
        Some("https://graph.microsoft.com/v1.0/users/delta?$deltatoken=t"),
    );
    assert!(list_users().next_page(&page).is_none());
    let delta = list_users().delta(&page).unwrap().build().unwrap();
    assert_eq!(
        delta.uri().to_string(),
        "https://graph.microsoft.com/v1.0/users/delta?$deltatoken=t"
    );
}

#[test]
fn a_relative_link_is_read_against_the_service_root() {
    let sent_to = |link: &str| {
        let route = list_users()
            .next_page(&page_with_links(Some(link), None))
            .unwrap();
        let request = route.build_on("http://127.0.0.1:8080/v1.0/").unwrap();
        request.uri().to_string()
    };
    let expected = "http://127.0.0.1:8080/v1.0/users?$skiptoken=a";
    assert_eq!(sent_to("users?$skiptoken=a"), expected);
    assert_eq!(sent_to("/v1.0/users?$skiptoken=a"), expected);
    // An absolute link is the service's word: the root does not replace it.
    let national = "https://graph.microsoft.us/v1.0/users?$skiptoken=a";
    assert_eq!(sent_to(national), national);
}

#[test]
fn a_primitive_reads_out_of_its_value_wrapper() {
    let value = http::read::<Wrapped<bool>, _>(response(200, r#"{"value": true}"#)).unwrap();
    assert!(value);
}

#[test]
fn a_redirect_or_stream_comes_back_as_it_came() {
    let redirect = ::http::Response::builder()
        .status(302)
        .header("Location", "https://example.com/file")
        .body(Vec::new())
        .unwrap();
    let raw = http::read::<Raw, _>(redirect).unwrap();
    assert_eq!(raw.headers()["location"], "https://example.com/file");
}

#[test]
fn graph_errors_read_as_graph_errors() {
    let body = r#"{"error": {"code": "Request_ResourceNotFound", "message": "Not found.",
        "innerError": {"request-id": "1", "date": "2021-07-16T00:00:00"}}}"#;
    let route = access_review_instance::stop("a", "b");
    match route.parse(response(404, body)) {
        Err(Error::Graph { status, error }) => {
            assert_eq!(status, 404);
            assert_eq!(error.code, "Request_ResourceNotFound");
            assert_eq!(error.message, "Not found.");
            assert_eq!(error.inner_error.unwrap()["request-id"], "1");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_error_without_graph_error_body_keeps_status_and_body() {
    let route = access_review_instance::stop("a", "b");
    match route.parse(response(503, "busy")) {
        Err(Error::Status { status, body }) => {
            assert_eq!(status, 503);
            assert_eq!(body, b"busy");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_success_that_is_not_the_documented_type_is_a_decode_error() {
    let route = access_review_instance::update("a", "b", &AccessReviewInstance::default());
    assert!(matches!(
        route.parse(response(200, "[1, 2]")),
        Err(Error::Decode { .. })
    ));
}

// Naming and shape, from real pages.

fn fixtures() -> &'static ApiModel {
    static MODEL: OnceLock<ApiModel> = OnceLock::new();
    MODEL.get_or_init(|| {
        model::build_from_roots(&[common::workspace().join("tests/fixtures/routes")])
    })
}

fn operation<'a>(plan: &'a plan::RoutePlan<'a>, name: &str) -> &'a plan::OperationPlan<'a> {
    plan.operations
        .iter()
        .find(|o| o.operation.name == name)
        .unwrap_or_else(|| panic!("no plan for {name}"))
}

#[test]
fn function_call_templates_take_their_arguments_as_quoted_values() {
    let plan = plan::plan(fixtures(), "v1.0");
    let op = operation(&plan, "reportroot-getemailactivityuserdetail");
    assert_eq!(op.module, "report_root");
    let functions: Vec<&str> = op.stubs.iter().map(|s| s.function.as_str()).collect();
    assert_eq!(
        functions,
        [
            "get_email_activity_user_detail_period",
            "get_email_activity_user_detail_date"
        ]
    );
    assert_eq!(op.stubs[0].arguments, ["period_value"]);
    assert_eq!(
        op.stubs[0].path.params().collect::<Vec<_>>(),
        [("period_value", ParamStyle::Quoted)]
    );
    // `(date={date_value})` is not quoted: the value is a segment's data.
    assert_eq!(
        op.stubs[1].path.params().collect::<Vec<_>>(),
        [("date_value", ParamStyle::Segment)]
    );
    // The report is a redirect to a CSV file.
    assert_eq!(op.response, ResponsePlan::Raw);
    let code = stubs::routes_file(&plan);
    assert!(code.contains(".quoted(\"period_value\", period_value)"));
}

#[test]
fn colon_paths_take_an_item_path() {
    let plan = plan::plan(fixtures(), "v1.0");
    let op = operation(&plan, "driveitem-get-content");
    let by_path = op
        .stubs
        .iter()
        .find(|s| s.template.path == "/me/drive/root:/{item-path}:/content")
        .unwrap();
    assert_eq!(by_path.function, "get_content_me_drive_root");
    assert_eq!(by_path.arguments, ["item_path"]);
    assert_eq!(
        by_path.path.params().collect::<Vec<_>>(),
        [("item-path", ParamStyle::ItemPath)]
    );
    assert_eq!(op.body, BodyPlan::None);
    let code = stubs::routes_file(&plan);
    assert!(code.contains(".item_path(\"item-path\", item_path)"));
}

#[test]
fn aliases_are_functions_of_their_own_named_by_their_path() {
    let plan = plan::plan(fixtures(), "v1.0");
    let op = operation(&plan, "user-list-events");
    let functions: Vec<&str> = op.stubs.iter().map(|s| s.function.as_str()).collect();
    assert_eq!(
        &functions[..4],
        [
            "list_events_me",
            "list_events_users",
            "list_events_me_calendar",
            "list_events_users_calendar",
        ]
    );
    assert_eq!(op.stubs[1].arguments, ["id_or_user_principal_name"]);
    // Collections read as pages.
    assert_eq!(
        op.response,
        ResponsePlan::Collection("microsoft.graph.event".to_string())
    );
    // The page documents OData options: each is a builder method.
    assert!(op.options.iter().any(|o| o == "$select"));
    assert_eq!(plan.options["$select"].method, "select");
    let code = stubs::routes_file(&plan);
    assert!(code.contains("pub fn list_events_me("));
    assert!(code.contains("pub fn select(self, items: &[&str]) -> Self"));
}

#[test]
fn stub_docs_carry_description_permissions_and_source() {
    let plan = plan::plan(fixtures(), "v1.0");
    let code = stubs::routes_file(&plan);
    let doc = code
        .split("pub fn list_events_me(")
        .next()
        .and_then(|before| before.rsplit("pub fn ").next())
        .unwrap();
    assert!(doc.contains("`GET /me/events`"), "{doc}");
    assert!(doc.contains("Calendars.Read"), "{doc}");
    assert!(
        doc.contains("Documented at `v1.0/api/user-list-events.md:"),
        "{doc}"
    );
}

#[test]
fn examples_are_matched_to_their_stub_with_their_values() {
    let plan = plan::plan(fixtures(), "v1.0");
    let cases = replay::cases(fixtures(), &plan, "v1.0");
    let report = cases
        .cases
        .iter()
        .find(|c| c.stub.starts_with("report_root::"))
        .unwrap();
    assert_eq!(
        report.stub,
        "report_root::get_email_activity_user_detail_period"
    );
    assert_eq!(report.path_values, ["D7"]);
    let events = cases
        .cases
        .iter()
        .find(|c| c.stub == "user::list_events_me")
        .unwrap();
    assert!(events.query.iter().any(|(name, _)| name == "$select"));
    // The drive example downloads from a file host: not a Graph URL, a docs defect.
    assert!(cases.defects.iter().any(|d| d.kind == "url-other-host"));
}

// Encoding safety, for any value.

fn segments(route: &Route<Raw>) -> Vec<String> {
    let request = route.build().expect("any value builds");
    request
        .uri()
        .path()
        .split('/')
        .map(str::to_string)
        .collect()
}

proptest! {
    #[test]
    fn any_segment_value_stays_one_segment(value in "\\PC+|[./?#%:@' ]{1,8}") {
        let route: Route<Raw> = Route::new(
            ::http::Method::GET,
            Path::new().literal("/users/").segment("id", &value).literal("/messages"),
        );
        let segments = segments(&route);
        prop_assert_eq!(segments.len(), 5, "{:?}", segments);
        prop_assert_eq!(&segments[..3], &["", "v1.0", "users"]);
        prop_assert_eq!(&segments[4], "messages");
        prop_assert_eq!(decode_piece(&segments[3]), value);
        prop_assert!(segments[3] != "." && segments[3] != "..");
    }

    #[test]
    fn any_quoted_value_stays_inside_its_literal(value in "\\PC*") {
        let value = if value.is_empty() { "x".to_string() } else { value };
        let route: Route<Raw> = Route::new(
            ::http::Method::GET,
            Path::new().literal("/reports/getX(period='").quoted("p", &value).literal("')"),
        );
        let segments = segments(&route);
        prop_assert_eq!(segments.len(), 4);
        let decoded = decode_piece(&segments[3]);
        let inner = decoded
            .strip_prefix("getX(period='")
            .and_then(|s| s.strip_suffix("')"))
            .expect("the literal is kept");
        // No lone quote: the value cannot close the literal.
        prop_assert!(!inner.replace("''", "").contains('\''));
        prop_assert_eq!(inner.replace("''", "'"), value);
    }

    #[test]
    fn any_item_path_stays_between_its_colons(value in "[a-z./: ?#%]{1,16}") {
        let route: Route<Raw> = Route::new(
            ::http::Method::GET,
            Path::new().literal("/me/drive/root:/").item_path("p", &value).literal(":/content"),
        );
        // A `/` at either end is the root's or the folder's own; an empty name is refused.
        let value = value.trim_matches('/');
        if value.is_empty() || value.contains("//") {
            prop_assert!(route.build().is_err());
            return Ok(());
        }
        let request = route.build().expect("any other value builds");
        let path = request.uri().path().to_string();
        let inner = path
            .strip_prefix("/v1.0/me/drive/root:/")
            .and_then(|s| s.strip_suffix(":/content"))
            .expect("the template is kept");
        prop_assert!(!inner.contains(':'));
        prop_assert!(inner.split('/').all(|part| part != ".." && part != "."));
        prop_assert_eq!(decode_piece(inner), value);
    }

    #[test]
    fn any_query_value_stays_one_pair(name in "\\$?[a-z]{1,8}", value in "\\PC*") {
        let route: Route<Raw> = Route::new(::http::Method::GET, Path::new().literal("/me"))
            .query(&name, &value);
        let request = route.build().expect("any value builds");
        let query = request.uri().query().unwrap_or_default().to_string();
        let pairs: Vec<&str> = query.split('&').collect();
        prop_assert_eq!(pairs.len(), 1);
        let (built_name, built_value) = pairs[0].split_once('=').expect("one `=`");
        prop_assert!(!built_value.contains('='));
        prop_assert_eq!(decode_piece(built_name), name);
        prop_assert_eq!(decode_piece(built_value), value);
    }
}
