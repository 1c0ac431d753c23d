//! Closure names of the real nats-server source (Debian's 2.9.10) checked
//! against the symbols Go 1.19 and Go 1.26 produce when compiling it
//! (`tests/fixtures/nats_closures_go1.*.tsv`). Needs Debian's
//! `golang-github-nats-io-nats-server-dev`.

mod common;

use gosleuth_go::{BuildContext, Index, NameMatch};

fn check(fixture: &str, legacy: bool) {
    let (gocode, _) = common::debian_sources();
    let server = gocode.join("github.com/nats-io/nats-server/server");
    let index =
        Index::index_tree(&server, BuildContext::default()).unwrap_or_else(|e| panic!("{e}"));
    let pkg = index.package(&server).expect("server package indexed");
    let rows = common::read_tsv(&common::fixtures().join(fixture));
    let mut failures = Vec::new();
    let mut enclosing = 0;
    for row in &rows {
        let (sym, file, first, last) = (
            &row[0],
            &row[1],
            row[2].parse::<u32>().unwrap(),
            row[3].parse::<u32>().unwrap(),
        );
        let hit = pkg.lookup(sym).into_iter().find(|(r, how)| {
            let f = pkg.function(*r);
            let allowed = *how == NameMatch::Exact || legacy;
            allowed
                && pkg.files[r.file].path.ends_with(file)
                && f.span.contains(first)
                && f.span.contains(last)
        });
        match hit {
            Some((_, NameMatch::Enclosing)) => enclosing += 1,
            Some(_) => {}
            None => failures.push(format!("{sym} {file}:{first}-{last}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{fixture}: {} of {} not matched:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
    if !legacy {
        assert_eq!(enclosing, 0, "Go 1.26 names all have their own entries");
    }
}

#[test]
fn nats_closures_go126() {
    check("nats_closures_go1.26.tsv", false);
}

#[test]
fn nats_closures_go119() {
    check("nats_closures_go1.19.tsv", true);
}
