//! Indexing the whole Debian nats-server source tree
//! (`golang-github-nats-io-nats-server-dev`): target under 0.5 s on 2 cores.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use gosleuth_go::{BuildContext, Index};

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
    let mut group = c.benchmark_group("index");
    group.sample_size(10);
    group.bench_function("nats-server", |b| {
        b.iter(|| {
            Index::index_tree(Path::new(NATS), BuildContext::default()).map(|i| i.packages().len())
        });
    });
    group.finish();
}

criterion_group!(benches, index_nats);
criterion_main!(benches);
