//! `gosleuth_pprof::decode_protobuf` on arbitrary uncompressed bytes: wire
//! decoding, id and string-table resolution, then the views.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(profile) = gosleuth_pprof::decode_protobuf_limited(data, gosleuth_fuzz::LIMITS) {
        gosleuth_fuzz::exercise(profile);
    }
});
