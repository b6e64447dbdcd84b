//! The contents of an ```http fenced block: request line / status line, headers, body.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let _ = graph_docgen::page::http::parse(s);
});
