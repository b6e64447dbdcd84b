//! The page parser, specified on small fixture pages: each test names the page construct it
//! covers and what the parser must make of it.

mod common;

use common::{codes, fixture};
use graph_docgen::codes as code;
use graph_docgen::page::http::HttpBlock;
use graph_docgen::page::json::JsonReading;

fn requests(block: &graph_docgen::page::CodeBlock) -> &[graph_docgen::page::http::HttpRequest] {
    match &block.http {
        Some(HttpBlock::Requests { requests, .. }) => requests,
        other => panic!("expected requests at line {}, got {other:?}", block.line),
    }
}

#[test]
fn front_matter_headings_and_namespace_are_read() {
    let page = fixture("v1.0/api/clean-widget-get.md");
    assert_eq!(page.doc_type(), Some("apiPageType"));
    assert!(page.front_matter.pairs().contains_key("title"));
    assert_eq!(page.title().unwrap().level, 1);
    assert_eq!(page.namespace.as_deref(), Some("microsoft.graph"));
    assert!(page.section("HTTP request").is_some());
    assert!(
        codes(&page).is_empty(),
        "a clean page has no diagnostics: {:?}",
        page.diagnostics
    );
}

#[test]
fn tab_markers_are_not_headings_and_a_group_without_closer_is_harmless() {
    let page = fixture("v1.0/api/tab-group-without-closer.md");
    assert!(!page.tab_markers.is_empty());
    assert_eq!(page.tab_markers[0].tab, "http");
    assert!(page.headings.iter().all(|h| !h.text.contains("](#tab/")));
    assert_eq!(
        page.headings.iter().filter(|h| h.level == 1).count(),
        1,
        "only the title is an H1"
    );
}

#[test]
fn include_lines_are_recognised_and_not_prose() {
    let page = fixture("v1.0/api/clean-widget-get.md");
    assert!(page.includes.iter().any(|i| i.label == "sample-code"));
    assert!(page
        .paragraphs
        .iter()
        .all(|p| !p.text.contains("[!INCLUDE")));
}

#[test]
fn annotation_with_a_trailing_comma_is_repaired_and_still_binds() {
    let page = fixture("v1.0/api/annotation-trailing-comma.md");
    let diagnostic = page
        .diagnostics
        .iter()
        .find(|d| d.code == code::ANNOTATION_NOT_STRICT_JSON)
        .expect("a diagnostic for the trailing comma");
    assert!(diagnostic.message.contains("a comma after the last item"));
    assert_eq!(
        (diagnostic.line, diagnostic.column),
        (60, 26),
        "points at the comma itself, not the closing brace after it: {diagnostic}"
    );
    let annotation = page
        .annotations
        .iter()
        .find(|a| a.block_type() == Some("response"))
        .expect("the response annotation");
    let block = &page.blocks[annotation.block.expect("bound to the fence below")];
    assert!(matches!(&block.http, Some(HttpBlock::Response(r)) if r.status == 204));
}

#[test]
fn unquoted_annotation_key_is_quoted_and_kept() {
    let page = fixture("v1.0/api/unquoted-annotation-key.md");
    assert!(page
        .annotations
        .iter()
        .any(|a| a.flag("isCollection") == Some(true)));
    assert!(codes(&page).contains(&code::ANNOTATION_NOT_STRICT_JSON));
}

#[test]
fn raw_newline_in_an_annotation_string_is_accepted() {
    let page = fixture("v1.0/api/annotation-newline-in-string.md");
    assert!(page.annotations.iter().any(|a| a.is_page_annotation()));
    assert!(!codes(&page).contains(&code::ANNOTATION_UNREADABLE));
}

#[test]
fn annotation_beyond_repair_is_an_error_and_the_page_goes_on() {
    let page = fixture("v1.0/api/annotation-beyond-repair.md");
    let error = page
        .diagnostics
        .iter()
        .find(|d| d.code == code::ANNOTATION_UNREADABLE)
        .expect("an error for the broken annotation");
    assert!((65..=75).contains(&error.line), "{error}");
    assert!(
        !page.blocks.is_empty(),
        "the rest of the page is still read"
    );
    let page = fixture("v1.0/resources/annotation-missing-comma.md");
    assert!(codes(&page).contains(&code::ANNOTATION_UNREADABLE));
    assert!(page
        .annotations
        .iter()
        .any(|a| a.block_type() == Some("resource")));
}

#[test]
fn one_annotation_binds_to_the_next_fence_only() {
    let page = fixture("v1.0/api/annotation-separated-by-prose.md");
    let section = page.section("HTTP request").unwrap();
    let templates: Vec<_> = page
        .blocks
        .iter()
        .filter(|b| page.within(b.heading, section))
        .collect();
    let bound: Vec<_> = templates
        .iter()
        .filter(|b| b.annotation.is_some())
        .collect();
    assert!(templates.len() >= 2);
    assert_eq!(bound.len(), 1);
    assert_eq!(bound[0].line, templates[0].line);
}

#[test]
fn an_annotation_before_a_heading_binds_to_the_fence_after_it() {
    let page = fixture("beta/api/annotation-before-heading.md");
    let request = page
        .annotations
        .iter()
        .find(|a| a.block_type() == Some("request"))
        .expect("a request annotation");
    let block = &page.blocks[request.block.expect("bound")];
    assert!(!requests(block).is_empty());
}

#[test]
fn an_annotation_whose_fence_another_annotation_takes_says_so() {
    let text = "# t\n\n## Example\n\n<!-- { \"blockType\": \"request\", \"name\": \"a\" } -->\n\nThe request.\n\n<!-- { \"blockType\": \"ignored\" } -->\n```http\nGET /x\n```\n";
    let page = graph_docgen::page::parse("x.md", text.as_bytes());
    let unbound: Vec<(usize, &str)> = page
        .diagnostics
        .iter()
        .filter(|d| d.code == code::ANNOTATION_UNBOUND)
        .map(|d| (d.line, d.message.as_str()))
        .collect();
    assert_eq!(
        unbound,
        [(5, "this `request` annotation describes no code block: the next fence in its section has its own annotation, at line 9")]
    );
}

#[test]
fn annotations_in_list_items_without_a_fence_bind_to_nothing() {
    let page = fixture("v1.0/api/annotation-without-fence.md");
    let optional_parameters = page.section("Optional query parameters").unwrap();
    let ignored: Vec<_> = page
        .annotations
        .iter()
        .filter(|a| {
            a.block_type() == Some("ignored")
                && a.offset > page.headings[optional_parameters].offset
        })
        .collect();
    assert_eq!(ignored.len(), 3);
    assert!(ignored.iter().all(|a| a.block.is_none()));
    assert!(codes(&page).contains(&code::ANNOTATION_UNBOUND));
}

#[test]
fn an_unclosed_fence_is_reported_where_the_next_fence_seems_to_open() {
    let page = fixture("beta/api/unclosed-fence.md");
    let errors: Vec<_> = page
        .diagnostics
        .iter()
        .filter(|d| d.code == code::UNCLOSED_FENCE)
        .collect();
    assert!(!errors.is_empty());
    assert!(
        errors.iter().any(|d| d.message.contains("line 60")),
        "{errors:?}"
    );
}

#[test]
fn a_commented_out_fence_opens_no_block() {
    let page = fixture("beta/api/commented-out-fence.md");
    assert!(
        page.blocks.iter().all(|b| b.line < 74),
        "nothing after the comment on line 74"
    );
}

#[test]
fn blocks_are_classified_by_their_first_line_not_their_annotation() {
    let page = fixture("v1.0/api/response-annotation-on-request.md");
    let annotated = page.blocks.iter().find(|b| {
        b.annotation
            .is_some_and(|a| page.annotations[a].block_type() == Some("response"))
    });
    let block = annotated.expect("the response-annotated block");
    assert_eq!(requests(block)[0].method, "POST");
}

#[test]
fn status_lines_without_version_or_reason_are_responses() {
    let page = fixture("v1.0/api/response-without-version.md");
    assert!(page.blocks.iter().any(|b| matches!(&b.http, Some(HttpBlock::Response(r)) if r.status == 201 && r.version.is_none())));
    let page = fixture("v1.0/api/status-without-reason.md");
    assert!(page.blocks.iter().any(
        |b| matches!(&b.http, Some(HttpBlock::Response(r)) if r.status == 422 && r.reason.is_none())
    ));
}

#[test]
fn headers_after_a_blank_line_are_still_headers() {
    let page = fixture("v1.0/api/blank-line-before-headers.md");
    let request = page
        .blocks
        .iter()
        .filter_map(|b| match &b.http {
            Some(HttpBlock::Requests { requests, .. }) => {
                requests.iter().find(|r| r.target.starts_with("https://"))
            }
            _ => None,
        })
        .next()
        .expect("a POST example");
    assert!(request.header("Content-type").is_some());
    assert!(request
        .body
        .as_ref()
        .is_some_and(|b| b.text.starts_with('{')));
}

#[test]
fn two_request_lines_in_one_block_are_two_requests() {
    let page = fixture("v1.0/api/two-requests-one-block.md");
    let block = page
        .blocks
        .iter()
        .find(|b| matches!(&b.http, Some(HttpBlock::Requests { requests, .. }) if requests.len() == 2))
        .expect("a block with two requests");
    assert!(requests(block)
        .iter()
        .all(|r| r.method == "GET" && r.headers.is_empty() && r.body.is_none()));
}

#[test]
fn template_or_lines_and_header_lines_are_not_requests() {
    let page = fixture("v1.0/api/template-with-or-line-and-header.md");
    let section = page.section("HTTP request").unwrap();
    let template_requests: Vec<_> = page
        .blocks
        .iter()
        .filter(|b| page.within(b.heading, section))
        .flat_map(|b| requests(b).iter())
        .collect();
    assert!(template_requests.iter().all(|r| r.target.starts_with('/')));
    assert!(template_requests
        .iter()
        .any(|r| r.header("workbook-session-id").is_some()));
}

#[test]
fn table_cells_keep_text_links_and_code() {
    let page = fixture("v1.0/api/table-html-cells.md");
    let table = page
        .tables
        .iter()
        .find(|t| t.type_column().is_some())
        .expect("a typed table");
    let types: Vec<&str> = table
        .rows
        .iter()
        .map(|r| r.cells[table.type_column().unwrap()].text.as_str())
        .collect();
    assert!(
        types.iter().any(|t| t.contains("keyCredential")),
        "{types:?}"
    );
}

#[test]
fn an_unescaped_pipe_that_loses_a_cell_is_reported() {
    let page = fixture("v1.0/api/table-unescaped-pipe.md");
    let warning = page
        .diagnostics
        .iter()
        .find(|d| d.code == code::TABLE_CELL_COUNT)
        .expect("a cell-count warning");
    assert_eq!(warning.line, 48);
    assert!(warning.message.contains("drops"));
    // Shown where the dropped cell begins: at the `|` inside `(*.mobileconfig | *.xml)`.
    let row = "|payloadFileName|String|Payload file name (*.mobileconfig | *.xml).|";
    assert_eq!(warning.column, row.find(" | ").unwrap() + 2);
}

#[test]
fn an_empty_header_column_no_row_fills_is_one_finding_at_the_header() {
    let page = fixture("v1.0/resources/table-empty-header-column.md");
    let found: Vec<(usize, &str)> = page
        .diagnostics
        .iter()
        .filter(|d| d.code == code::TABLE_CELL_COUNT)
        .map(|d| (d.line, d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [(
            17,
            "the header has 1 empty column(s) at its end that no row fills"
        )]
    );
}

#[test]
fn a_row_with_too_few_cells_is_reported() {
    let page = fixture("v1.0/api/table-fewer-cells.md");
    assert!(page
        .diagnostics
        .iter()
        .any(|d| d.code == code::TABLE_CELL_COUNT && d.line == 35));
}

#[test]
fn an_escaped_pipe_is_one_cell() {
    let page = fixture("v1.0/resources/table-escaped-pipe-and-broken-link.md");
    assert!(
        !codes(&page).contains(&code::TABLE_CELL_COUNT),
        "{:?}",
        page.diagnostics
    );
}

#[test]
fn a_header_row_without_leading_pipe_is_a_table() {
    let page = fixture("v1.0/resources/table-no-leading-pipe.md");
    let methods = page
        .tables
        .iter()
        .find(|t| t.line == 19)
        .expect("the Methods table");
    assert_eq!(methods.header.cells.len(), 3);
}

#[test]
fn relaxed_json_helpers_read_comments_and_raw_newlines() {
    use graph_docgen::page::json::read;
    assert!(matches!(
        read("{\"a\": 1, // c\n \"b\": 2}"),
        JsonReading::Relaxed(..)
    ));
    assert!(matches!(
        read("{\"a\": \"x\ny\"}"),
        JsonReading::Relaxed(..)
    ));
}

#[test]
fn an_empty_page_and_invalid_utf8_give_diagnostics_not_panics() {
    let page = fixture("v1.0/api/empty.md");
    assert_eq!(codes(&page), [code::EMPTY_PAGE]);
    let page = fixture("v1.0/api/invalid-utf8.md");
    let error = page
        .diagnostics
        .iter()
        .find(|d| d.code == code::INVALID_UTF8)
        .expect("a UTF-8 error");
    assert_eq!(error.line, 17);
    assert!(page.title().is_some(), "the page is still read");
}

#[test]
fn arbitrary_bytes_never_panic() {
    let inputs: [&[u8]; 8] = [
        b"",
        b"\xff\xfe\x00",
        b"<!-- {",
        b"```http\nGET",
        b"|a|\n|-|\n|b|c|d|",
        b"---\ntitle: [\n---\n",
        b"# [HTTP](#tab/http)\n<!-- {\"blockType\": \"request\"} -->\n```http\nGET /x\n",
        b"<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 999999999999 X\n\n{[[[[",
    ];
    for input in inputs {
        let _ = graph_docgen::page::parse("x.md", input);
    }
}

#[test]
fn comment_openers_that_overlap_their_closer_are_not_comments() {
    for input in [
        "<!-->",
        "a <!--> b",
        "<!---->",
        "<!-- {\"blockType\": \"ignored\"} --->",
    ] {
        let page = graph_docgen::page::parse("x.md", input.as_bytes());
        assert!(page.annotations.len() <= 1, "{input}");
    }
}

#[test]
fn positions_and_spans_survive_multibyte_text_and_trimmed_cells() {
    let inputs: [&[u8]; 3] = [
        "é<!-- {\"blockType\": \"request\",} -->".as_bytes(),
        "# t resource type\n\n## Properties\n\n|Property|Type|Description|\n|-|-|-|\n| a | String | `possible values  ` |\n".as_bytes(),
        "<!-- {\"blockType\": \"response\"} -->\n```http\nHTTP/1.1 200 OK\n\n{\"a\": '\"', \"b\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n```\n".as_bytes(),
    ];
    for input in inputs {
        let page = graph_docgen::page::parse("x.md", input);
        let _ = graph_docgen::model::build(&graph_docgen::corpus::Corpus {
            pages: vec![page],
            failed: Vec::new(),
        });
    }
    let page = graph_docgen::page::parse(
        "x.md",
        "ééééé<!-- {\"blockType\": \"request\",} -->\n".as_bytes(),
    );
    let diagnostic = page
        .diagnostics
        .iter()
        .find(|d| d.code == code::ANNOTATION_NOT_STRICT_JSON)
        .unwrap();
    assert_eq!(
        (diagnostic.line, diagnostic.column),
        (1, 34),
        "the column of the trailing comma, in characters"
    );
}

#[test]
fn blocks_inside_blockquotes_keep_their_lines_and_close() {
    let text = "# t\n\n## HTTP request\n\n> ```http\n> GET /a\n> GET /b\n> GET /c\n> ```\n";
    let page = graph_docgen::page::parse("x.md", text.as_bytes());
    assert!(
        !codes(&page).contains(&code::UNCLOSED_FENCE),
        "{:?}",
        page.diagnostics
    );
    let block = &page.blocks[0];
    let lines: Vec<usize> = requests(block)
        .iter()
        .map(|r| page.position(block.source_offset(r.offset)).0)
        .collect();
    assert_eq!(lines, [6, 7, 8]);
}

#[test]
fn only_the_first_block_of_the_page_is_front_matter() {
    let text = "---\ntitle: \"t\"\ndoc_type: apiPageType\n---\n# t\n\n## Example\n\n---\n\n---\n#### Response\n```http\nHTTP/1.1 202 Accepted\n```\n\n---\n";
    let page = graph_docgen::page::parse("x.md", text.as_bytes());
    assert_eq!(page.doc_type(), Some("apiPageType"));
    assert!(
        page.headings.iter().any(|h| h.text == "Response"),
        "{:?}",
        page.headings
    );
    assert!(matches!(&page.blocks[0].http, Some(HttpBlock::Response(r)) if r.status == 202));
    assert!(codes(&page).is_empty(), "{:?}", page.diagnostics);
}

#[test]
fn a_line_counted_from_its_block_is_the_line_of_the_page() {
    // Blocks at the top level, in a list item and in a blockquote (whose lines lose their
    // prefix in the block's content), with requests, headers and bodies.
    for path in [
        "v1.0/api/clean-widget-get.md",
        "v1.0/api/blocks-in-containers.md",
    ] {
        let page = fixture(path);
        assert!(
            page.blocks.iter().filter(|b| b.http.is_some()).count() >= 3,
            "{path}: every block is read as HTTP"
        );
        for block in &page.blocks {
            let mut offsets = vec![block.offset, block.content_offset];
            match &block.http {
                Some(HttpBlock::Requests { requests, .. }) => {
                    offsets.extend(requests.iter().map(|r| block.source_offset(r.offset)))
                }
                Some(HttpBlock::Response(response)) => {
                    offsets.push(block.source_offset(response.offset));
                    offsets.extend(response.body.iter().map(|b| block.source_offset(b.offset)));
                }
                _ => {}
            }
            for offset in offsets {
                assert_eq!(
                    page.line_in_block(block, offset),
                    page.position(offset).0,
                    "{path}: offset {offset} of the block at line {}",
                    block.line
                );
            }
        }
    }
}

#[test]
fn a_page_with_classic_mac_line_ends_is_read_line_by_line() {
    // Bare `\r` line ends, as an old editor writes them: every piece keeps its own line.
    let text = "---\rtitle: \"gizmo resource type\"\rdoc_type: resourcePageType\r---\r\r\
                # gizmo resource type\r\rNamespace: microsoft.graph\r\r\
                <!-- { \"blockType\": \"resource\", } -->\r\r## Properties\r";
    let page = graph_docgen::page::parse("v1.0/resources/gizmo.md", text.as_bytes());
    assert_eq!(page.title().map(|h| h.line), Some(6));
    let properties = page.headings.iter().find(|h| h.text == "Properties");
    assert_eq!(properties.map(|h| h.line), Some(12));
    assert_eq!(page.doc_type(), Some("resourcePageType"));
    let repaired = page
        .diagnostics
        .iter()
        .find(|d| d.code == code::ANNOTATION_NOT_STRICT_JSON)
        .expect("the trailing comma is reported");
    assert_eq!(repaired.line, 10, "{repaired}");
    // The text keeps its length: offsets into it are the file's.
    assert_eq!(page.text.len(), text.len());
}
