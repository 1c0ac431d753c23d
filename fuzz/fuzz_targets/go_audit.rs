//! Every rule of the catalog on arbitrary bytes: the input is written as one
//! `.go` file in a fresh directory and audited (`gosleuth audit` on a
//! stranger's repository, where files need not parse).
#![no_main]

use gosleuth_rules::{RULES, audit_files};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let pkg = gosleuth_fuzz::scratch_package("audit", "a.go", data).join("p");
    let file = pkg.join("a.go");
    let audit = audit_files(&pkg, vec![file], RULES);
    for f in &audit.findings {
        assert!(f.line >= 1 && f.line <= f.end_line, "finding lines {f:?}");
    }
});
