//! The fixtures are valid Go: `go vet ./...` over the fixture module.

use std::path::Path;
use std::process::Command;

#[test]
fn fixtures_pass_go_vet() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let out = Command::new("go")
        .args(["vet", "./..."])
        .current_dir(&dir)
        .env("GOFLAGS", "-mod=mod")
        .env("GOTOOLCHAIN", "local")
        .output()
        .expect("the go tool is required (CI installs it)");
    assert!(
        out.status.success(),
        "go vet failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
