//! `webizpay_codegen::generate` on arbitrary UTF-8: Ok (and every generated
//! file parses with `syn`) or positioned errors; never a panic. Seeds: the
//! real spec, the codegen fixtures and small YAML documents.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "spec_common.rs"]
mod spec_common;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        spec_common::check(text);
    }
});
