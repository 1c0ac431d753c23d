//! The goroutine dump (`?debug=2`) parser and its conversion to a profile.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(dump) = gosleuth_pprof::parse_goroutine_dump(data) {
        gosleuth_fuzz::exercise(dump.to_profile());
    }
});
