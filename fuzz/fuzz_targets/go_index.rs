//! The Go source index on arbitrary bytes: the input is written as one `.go`
//! (or, if it starts with `;`, `.s`) file in a fresh directory and indexed,
//! then a few frames are resolved against it.
#![no_main]

use std::path::PathBuf;

use gosleuth_go::{BuildContext, Frame, Index, Resolver, SourceRoots};
use libfuzzer_sys::fuzz_target;

fn dir() -> PathBuf {
    let base = if std::path::Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    base.join(format!("gosleuth-fuzz-go-{}", std::process::id()))
}

fuzz_target!(|data: &[u8]| {
    let dir = dir();
    let _ = std::fs::remove_dir_all(&dir);
    let pkg = dir.join("p");
    std::fs::create_dir_all(&pkg).expect("temp dir");
    let name = if data.starts_with(b";") {
        "a_amd64.s"
    } else {
        "a.go"
    };
    std::fs::write(pkg.join(name), data).expect("write source");
    let index = Index::index_tree(&dir, BuildContext::default()).expect("index");
    for p in index.packages() {
        for (r, f) in p.functions() {
            let _ = (r, &f.name, f.span);
        }
    }
    let roots = SourceRoots {
        src: vec![dir.clone()],
        goroot: None,
    };
    let mut resolver = Resolver::new(&roots, BuildContext::default()).expect("resolver");
    let frames: Vec<Frame> = ["p.F", "p.(*T).M.func1", "main.main", "p.init.0"]
        .iter()
        .enumerate()
        .map(|(i, f)| Frame {
            function: (*f).to_string(),
            file: format!("/x/p/{name}"),
            line: i as i64 * 3,
            start_line: 0,
        })
        .collect();
    let _ = resolver.resolve_all(&frames);
});
