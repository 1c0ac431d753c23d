//! `gosleuth_pprof::decode` on arbitrary bytes: gzip detection and inflation
//! under a cap, text-format detection, protobuf decoding, then the views.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(profile) = gosleuth_pprof::decode(data, gosleuth_fuzz::LIMITS) {
        gosleuth_fuzz::exercise(profile);
    }
});
