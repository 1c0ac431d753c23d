//! The heap `?debug=1` text parser (with its `# runtime.MemStats` block).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok((profile, _memstats)) = gosleuth_pprof::parse_heap_text(data) {
        gosleuth_fuzz::exercise(profile);
    }
});
