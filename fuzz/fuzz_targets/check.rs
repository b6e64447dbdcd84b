//! The checker on arbitrary pages: one page beside the seed pages through every rule and
//! every output format (see `harness/check.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../harness/check.rs"]
mod harness;

fuzz_target!(|data: &[u8]| {
    harness::check_fuzzed_page(data);
});
