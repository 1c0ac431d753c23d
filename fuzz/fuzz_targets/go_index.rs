//! The Go source index on arbitrary bytes: the input is written as one `.go`
//! (or, if it starts with `;`, `.s`) file in a fresh directory and indexed,
//! then a few frames are resolved against it, keeping the file's parse.
#![no_main]

use gosleuth_go::{BuildContext, Frame, Index, Resolver, SourceRoots};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let name = if data.starts_with(b";") {
        "a_amd64.s"
    } else {
        "a.go"
    };
    let dir = gosleuth_fuzz::scratch_package("go", name, data);
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
    // As `analyze` does: the parses of the files resolved are kept.
    resolver.keep_syntax_under(vec![dir.clone()]);
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
    if let Some(kept) = resolver.index().syntax(&dir.join("p").join(name)) {
        assert_eq!(kept.source.len(), String::from_utf8_lossy(data).len());
    }
});
