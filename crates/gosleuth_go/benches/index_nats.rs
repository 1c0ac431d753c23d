//! Indexing the whole Debian nats-server source tree
//! (`golang-github-nats-io-nats-server-dev`): target under 0.5 s on 2 cores.
//!
//! Measured two ways. "As resolve reads it" is what `resolve` and `analyze`
//! do with every package: all its Go files but the `_test.go` ones, which
//! wait until a profile names one (no program's profile does; a `go test`
//! profile's does). "nats-server" forces the test files in
//! as well: 171 files instead of 77, 6.7 MB instead of 2.6.
//!
//! Beside the index, the same run measures its floor, what tree-sitter alone
//! costs on the same files and cores: parsing each file (and freeing its
//! tree), and parsing plus one cursor walk over every node. The index cannot
//! beat the second; the ratio to it is what the index's own code costs, and
//! unlike the absolute time it does not drift with the host's speed.

use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use gosleuth_go::{BuildContext, Index, go_language, par_map};

// As in the gosleuth binary: Rust and tree-sitter allocate through mimalloc.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const NATS: &str = "/usr/share/gocode/src/github.com/nats-io/nats-server";

fn index_nats(c: &mut Criterion) {
    assert!(
        Path::new(NATS).is_dir(),
        "{NATS} is missing: run `apt-get install -y golang-github-nats-io-nats-server-dev`"
    );
    #[allow(unsafe_code)]
    // SAFETY: before the first parse; nothing else uses tree-sitter here.
    unsafe {
        gosleuth_go::parse_with_mimalloc();
    }
    // The `.go` files the index reads (its `.s` files need no tree-sitter).
    let index = Index::index_tree(Path::new(NATS), BuildContext::default()).unwrap();
    let files: Vec<PathBuf> = index
        .packages()
        .iter()
        .flat_map(|p| p.files.iter().map(|f| f.path.clone()))
        .filter(|p| p.extension().is_some_and(|e| e == "go"))
        .collect();
    assert_eq!(files.len(), 171, "nats-server 2.9.10's .go files");
    let mut group = c.benchmark_group("index");
    group.sample_size(10);
    group.bench_function("nats-server, as resolve reads it", |b| {
        b.iter(|| {
            Index::index_program_tree(Path::new(NATS), BuildContext::default())
                .map(|i| i.packages().len())
        });
    });
    group.bench_function("nats-server", |b| {
        b.iter(|| {
            Index::index_tree(Path::new(NATS), BuildContext::default()).map(|i| i.packages().len())
        });
    });
    group.bench_function("floor: tree-sitter parse", |b| {
        b.iter(|| parse_all(&files, |_| 0));
    });
    group.bench_function("floor: tree-sitter parse + walk", |b| {
        b.iter(|| parse_all(&files, count_nodes));
    });
    let built: Vec<PathBuf> = files
        .iter()
        .filter(|p| !p.to_string_lossy().ends_with("_test.go"))
        .cloned()
        .collect();
    assert_eq!(built.len(), 77, "nats-server 2.9.10's non-test .go files");
    group.bench_function(
        "floor: tree-sitter parse + walk, as resolve reads it",
        |b| {
            b.iter(|| parse_all(&built, count_nodes));
        },
    );
    group.finish();
}

/// Reads and parses `files` on all cores, largest first as the index does,
/// applying `then` to each tree before it is freed.
fn parse_all(files: &[PathBuf], then: impl Fn(&tree_sitter::Tree) -> usize + Sync) -> usize {
    let mut sources: Vec<String> = par_map(files, |p| std::fs::read_to_string(p).unwrap());
    sources.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let counts = par_map(&sources, |src| {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(go_language()).unwrap();
        then(&parser.parse(src, None).unwrap())
    });
    counts.iter().sum()
}

/// Visits every node of `tree` with one cursor, in document order.
fn count_nodes(tree: &tree_sitter::Tree) -> usize {
    let mut cursor = tree.walk();
    let mut nodes = 1;
    loop {
        if cursor.goto_first_child() {
            nodes += 1;
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return nodes;
            }
        }
        nodes += 1;
    }
}

criterion_group!(benches, index_nats);
criterion_main!(benches);
