//! The input gzipped, then `gosleuth_pprof::decode`: mutations land in the
//! protobuf (or text) under a valid gzip stream, the path real `.pb.gz` take.
#![no_main]

use std::io::Write as _;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(data).expect("gzip to memory");
    let bytes = gz.finish().expect("gzip to memory");
    if let Ok(profile) = gosleuth_pprof::decode(&bytes, gosleuth_fuzz::LIMITS) {
        gosleuth_fuzz::exercise(profile);
    }
});
