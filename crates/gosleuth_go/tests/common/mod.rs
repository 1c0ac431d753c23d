//! Helpers shared by the integration tests.

#![allow(dead_code, reason = "each test binary uses a different subset")]

use std::fmt::Write;
use std::path::{Path, PathBuf};

use gosleuth_go::{Index, Package};

/// Directory of the checked-in fixtures.
pub(crate) fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Debian's source trees, or a loud failure naming the packages to install.
pub(crate) fn debian_sources() -> (PathBuf, PathBuf) {
    let gocode = PathBuf::from("/usr/share/gocode/src");
    let goroot = PathBuf::from("/usr/share/go-1.19");
    let missing: Vec<&str> = [
        (
            gocode.join("github.com/nats-io/nats-server/server/client.go"),
            "golang-github-nats-io-nats-server-dev",
        ),
        (goroot.join("src/runtime/proc.go"), "golang-1.19-src"),
    ]
    .iter()
    .filter(|(p, _)| !p.is_file())
    .map(|(_, pkg)| *pkg)
    .collect();
    assert!(
        missing.is_empty(),
        "this test needs Debian's Go sources: run `apt-get install -y {}`",
        missing.join(" ")
    );
    (gocode, goroot)
}

/// Reads a tab-separated fixture, skipping `#` comments.
pub(crate) fn read_tsv(path: &Path) -> Vec<Vec<String>> {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

/// A readable dump of a package: functions, vars, pools, loops, calls and
/// warnings, with file names only.
pub(crate) fn dump(pkg: &Package) -> String {
    let mut out = String::new();
    for file in &pkg.files {
        let name = file.path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let _ = writeln!(
            out,
            "== {name} (package {}, in build: {})",
            file.package, file.in_build
        );
        for imp in &file.imports {
            let _ = writeln!(out, "import {:?} as {:?}", imp.path, imp.alias);
        }
        for f in &file.functions {
            let legacy = f
                .legacy_name
                .as_deref()
                .map(|l| format!(" (go1.19: {l})"))
                .unwrap_or_default();
            let dead = if f.dead { " dead" } else { "" };
            let _ = writeln!(
                out,
                "{:?} {}{legacy}{dead} func@{} lines {}-{} parent {:?} recv {:?} tparams {:?}",
                f.kind,
                f.name,
                f.decl_line,
                f.span.start,
                f.span.end,
                f.parent,
                f.receiver,
                f.type_params
            );
        }
        for v in &file.vars {
            let _ = writeln!(
                out,
                "var {:?} lines {}-{} literals {:?}",
                v.names, v.span.start, v.span.end, v.literals
            );
        }
        for p in &file.pools {
            let _ = writeln!(
                out,
                "pool {} New = {} (line {})",
                p.owner, file.functions[p.literal].name, p.line
            );
        }
        for l in &file.loops {
            let _ = writeln!(
                out,
                "loop {:?} lines {}-{} in {} depth {}",
                l.kind, l.span.start, l.span.end, file.functions[l.func].name, l.depth
            );
        }
        for c in &file.calls {
            let func = c
                .func
                .map_or("<package>", |f| file.functions[f].name.as_str());
            let _ = writeln!(
                out,
                "call {} line {} args {} in {func} loop {:?}",
                c.callee, c.line, c.args, c.in_loop
            );
        }
        for w in &file.warnings {
            let _ = writeln!(out, "warning line {}: {}", w.line, w.message);
        }
    }
    out
}

/// Indexes one fixture directory (one package).
pub(crate) fn index_fixture(dir: &Path) -> Index {
    Index::index_tree(dir, gosleuth_go::BuildContext::default()).unwrap_or_else(|e| panic!("{e}"))
}
