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

/// The program view of the real tree (what `resolve` and `bench` read) is
/// the whole tree's index without the test files, function for function:
/// leaving the tests out changes no name or span. Except one kind of name,
/// which is not compared: `init.N` in a file another platform builds
/// (`service_windows.go`), numbered after every file of this build, and so
/// after the test files too when they are there.
#[test]
fn nats_program_tree_is_the_whole_tree_without_tests() {
    let (gocode, _) = common::debian_sources();
    let root = gocode.join("github.com/nats-io/nats-server");
    let build = BuildContext::default;
    let whole = Index::index_tree(&root, build()).unwrap_or_else(|e| panic!("{e}"));
    let program = Index::index_program_tree(&root, build()).unwrap_or_else(|e| panic!("{e}"));
    let functions = |index: &Index, tests: bool| -> Vec<String> {
        let mut out: Vec<String> = index
            .packages()
            .iter()
            .flat_map(|p| p.files.iter())
            .filter(|f| tests || !f.path.to_string_lossy().ends_with("_test.go"))
            .flat_map(|f| {
                f.functions
                    .iter()
                    .filter(|g| f.in_build || !is_init_n(&g.name))
                    .map(move |g| format!("{} {} {:?}", f.path.display(), g.name, g.span))
            })
            .collect();
        out.sort();
        out
    };
    let (all, built) = (functions(&whole, true), functions(&program, true));
    let expected = functions(&whole, false);
    let only = |a: &[String], b: &[String]| -> Vec<String> {
        a.iter()
            .filter(|x| b.binary_search(x).is_err())
            .cloned()
            .collect()
    };
    assert_eq!(
        (only(&built, &expected), only(&expected, &built)),
        (Vec::new(), Vec::new()),
        "(only in the program view, only in the whole view)"
    );
    assert!(built.len() > 3000, "{} functions", built.len());
    assert!(
        all.len() > built.len() * 3 / 2,
        "{} vs {}",
        all.len(),
        built.len()
    );
}

/// `init.0`, `init.1`…: a `func init()`.
fn is_init_n(name: &str) -> bool {
    name.strip_prefix("init.")
        .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
}
