//! A scratch Go package for the source fuzz targets: the input is written as
//! one file of package directory `p` under a fresh per-process directory.

use std::path::{Path, PathBuf};

/// Writes `data` as `p/<file>` under a fresh directory named for `target`
/// (in /dev/shm when there is one) and returns that directory.
pub fn scratch_package(target: &str, file: &str, data: &[u8]) -> PathBuf {
    let base = if Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    let dir = base.join(format!("gosleuth-fuzz-{target}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let pkg = dir.join("p");
    std::fs::create_dir_all(&pkg).expect("temp dir");
    std::fs::write(pkg.join(file), data).expect("write source");
    dir
}
