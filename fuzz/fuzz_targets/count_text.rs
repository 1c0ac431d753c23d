//! The count profile (goroutine `?debug=1`) text parser.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(profile) = gosleuth_pprof::parse_count_text(data) {
        gosleuth_fuzz::exercise(profile);
    }
});
