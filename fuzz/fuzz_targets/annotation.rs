//! The body of an HTML comment (`<!-- { ... } -->`) as the annotation reader sees it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let _ = graph_docgen::page::annotation::read_comment(s);
});
