//! The checker on arbitrary schemas (`--metadata`): the seed pages held against the schema,
//! coverage and every rule, then every output format (see `harness/check.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../harness/check.rs"]
mod harness;

fuzz_target!(|data: &[u8]| {
    harness::check_fuzzed_schema(data);
});
