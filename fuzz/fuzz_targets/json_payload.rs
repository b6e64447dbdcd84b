//! A JSON payload as written in the pages (strict JSON, then the lenient fallbacks).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let _ = graph_docgen::page::json::read(s);
});
