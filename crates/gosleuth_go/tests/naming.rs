//! Closure naming checked against symbols compiled by Go 1.19 and Go 1.26
//! from the same small programs (`tests/fixtures/naming/*/go1.*.syms`).

mod common;

use gosleuth_go::NameMatch;

/// Every symbol of the compiled program maps to an indexed entry whose
/// lines contain the symbol's code: by exact name for Go 1.26, by exact or
/// legacy name for Go 1.19, where go/defer wrappers (numbered `funcN` after
/// the closures) map to the function around them.
fn check(dir: &str, syms: &str, legacy: bool) {
    let root = common::fixtures().join("naming").join(dir);
    let index = common::index_fixture(&root);
    for row in common::read_tsv(&root.join(syms)) {
        let (sym, first, last, file) = (
            &row[0],
            row[1].parse::<u32>().unwrap(),
            row[2].parse::<u32>().unwrap(),
            &row[3],
        );
        if sym.contains("-range") || sym.ends_with("-fm") {
            continue; // compiler-made bodies: resolved to their enclosing function by line
        }
        let found = index.lookup(&format!("main.{sym}"));
        let ok = found.iter().any(|(pkg, r, how)| {
            let f = pkg.function(*r);
            let right_kind = match how {
                NameMatch::Exact => true,
                NameMatch::Legacy | NameMatch::Enclosing => legacy,
            };
            right_kind
                && pkg.files[r.file].path.ends_with(file)
                && f.span.contains(first)
                && f.span.contains(last)
        });
        assert!(
            ok,
            "{dir}/{syms}: {sym} ({file}:{first}-{last}) not matched; found {found:?}"
        );
    }
}

#[test]
fn go126_names() {
    for dir in ["a", "b", "c", "d"] {
        check(dir, "go1.26.syms", false);
    }
}

#[test]
fn go119_names() {
    for dir in ["a", "c", "d"] {
        check(dir, "go1.19.syms", true);
    }
}

#[test]
fn index_dump_snapshots() {
    for dir in ["a", "b", "c", "d"] {
        let index = common::index_fixture(&common::fixtures().join("naming").join(dir));
        insta::assert_snapshot!(format!("naming_{dir}"), common::dump(&index.packages()[0]));
    }
}
