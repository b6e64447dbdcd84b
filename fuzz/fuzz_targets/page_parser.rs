//! The whole page parser on arbitrary bytes, then the model builder on the one page.
#![no_main]

use graph_docgen::corpus::Corpus;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let page = graph_docgen::page::parse("fuzz.md", data);
    let corpus = Corpus {
        pages: vec![page],
        failed: vec![],
    };
    let _ = graph_docgen::model::build(&corpus);
});
