//! Every rule of the catalog on arbitrary bytes: the input is written as one
//! `.go` file in a fresh directory and audited (`gosleuth audit` on a
//! stranger's repository, where files need not parse).
#![no_main]

use std::path::PathBuf;

use gosleuth_rules::{RULES, audit_files};
use libfuzzer_sys::fuzz_target;

fn dir() -> PathBuf {
    let base = if std::path::Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    base.join(format!("gosleuth-fuzz-audit-{}", std::process::id()))
}

fuzz_target!(|data: &[u8]| {
    let dir = dir();
    let _ = std::fs::remove_dir_all(&dir);
    let pkg = dir.join("p");
    std::fs::create_dir_all(&pkg).expect("temp dir");
    let file = pkg.join("a.go");
    std::fs::write(&file, data).expect("write source");
    let audit = audit_files(&pkg, vec![file], RULES);
    for f in &audit.findings {
        assert!(f.line >= 1 && f.line <= f.end_line, "finding lines {f:?}");
    }
});
