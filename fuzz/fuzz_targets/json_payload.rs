//! A JSON payload as written in the pages (strict JSON, then the lenient fallbacks), and the
//! repairs of its faults: each in place in the text, in order, none overlapping another.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let reading = graph_docgen::page::json::read(s);
    if let Some(problem) = reading.problem() {
        let mut end = 0;
        for repair in &problem.repairs {
            assert!(repair.at >= end, "repairs overlap or go back: {:?}", problem.repairs);
            end = repair.at + repair.original.len();
            assert_eq!(s.get(repair.at..end), Some(repair.original.as_str()));
        }
    }
});
