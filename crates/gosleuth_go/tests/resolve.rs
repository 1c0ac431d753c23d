//! Resolver behaviour on small trees built in a temporary directory.

mod common;

use std::path::{Path, PathBuf};

use gosleuth_go::{BuildContext, Frame, ResolveStatus, Resolver, SourceRoots};

const CLIENT: &str =
    "package server\n\nfunc (c *client) readLoop() {\n\tgo func() {\n\t\tc.n++\n\t}()\n}\n";

struct TempTree(PathBuf);

impl TempTree {
    fn new(name: &str) -> TempTree {
        let dir = std::env::temp_dir().join(format!("gosleuth_go_{name}_{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempTree(dir)
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.0.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }
}

impl Drop for TempTree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn frame(function: &str, file: &str, line: i64, start_line: i64) -> Frame {
    Frame {
        function: function.to_owned(),
        file: file.to_owned(),
        line,
        start_line,
    }
}

fn resolver(roots: &[&Path]) -> Resolver {
    let roots = SourceRoots {
        src: roots.iter().map(|p| p.to_path_buf()).collect(),
        goroot: None,
    };
    Resolver::new(&roots, BuildContext::default()).unwrap()
}

#[test]
fn build_paths_of_every_shape_resolve() {
    let t = TempTree::new("shapes");
    let want = t.write("repo/server/client.go", CLIENT);
    t.write(
        "repo/vendor/github.com/x/y/y.go",
        "package y\n\nfunc Y() {}\n",
    );
    let mut r = resolver(&[&t.0.join("repo")]);
    let cases = [
        frame(
            "github.com/nats-io/nats-server/v2/server.(*client).readLoop",
            "/home/ci/src/nats-server/server/client.go",
            4,
            3,
        ),
        frame(
            "github.com/nats-io/nats-server/v2/server.(*client).readLoop",
            "github.com/nats-io/nats-server/v2/server/client.go",
            4,
            0,
        ),
        frame(
            "github.com/nats-io/nats-server/v2/server.(*client).readLoop.func1",
            "/root/go/pkg/mod/github.com/nats-io/nats-server/v2@v2.9.10/server/client.go",
            5,
            4,
        ),
        frame(
            "github.com/nats-io/nats-server/v2/server.(*client).readLoop.func1",
            "server/client.go",
            5,
            0,
        ),
    ];
    for f in &cases {
        let res = r.resolve(f);
        assert_eq!(res.status, ResolveStatus::Confirmed, "{f:?}");
        assert_eq!(res.path.as_deref(), Some(want.as_path()));
    }
    let vendored = r.resolve(&frame("github.com/x/y.Y", "github.com/x/y/y.go", 3, 3));
    assert_eq!(vendored.status, ResolveStatus::Confirmed);
}

#[test]
fn start_line_and_ambiguity_decide_between_files() {
    let t = TempTree::new("ambiguous");
    t.write("a/server/client.go", CLIENT);
    let other = t.write(
        "b/server/client.go",
        "package server\n\n// moved\n\nfunc (c *client) readLoop() {\n\tc.n++\n}\n",
    );
    let mut r = resolver(&[&t.0]);
    let res = r.resolve(&frame(
        "x/server.(*client).readLoop",
        "server/client.go",
        6,
        5,
    ));
    assert_eq!(res.status, ResolveStatus::Confirmed);
    assert_eq!(res.path.as_deref(), Some(other.as_path()));
    let res = r.resolve(&frame("x/server.(*client).gone", "server/client.go", 99, 0));
    assert_eq!(res.status, ResolveStatus::Ambiguous);
    let res = r.resolve(&frame("x/server.nothing", "nowhere/zzz.go", 1, 0));
    assert_eq!(res.status, ResolveStatus::Unresolved);
}

#[cfg(unix)]
#[test]
fn symlinks_leaving_a_root_are_not_followed() {
    let t = TempTree::new("symlinks");
    t.write("outside/secret/s.go", "package secret\n\nfunc S() {}\n");
    t.write("root/inside/i.go", "package inside\n\nfunc I() {}\n");
    std::os::unix::fs::symlink(t.0.join("outside/secret"), t.0.join("root/escape")).unwrap();
    std::os::unix::fs::symlink(t.0.join("root/inside"), t.0.join("root/alias")).unwrap();
    let mut r = resolver(&[&t.0.join("root")]);
    assert_eq!(
        r.resolve(&frame("secret.S", "secret/s.go", 3, 3)).status,
        ResolveStatus::Unresolved
    );
    assert_eq!(
        r.resolve(&frame("inside.I", "inside/i.go", 3, 3)).status,
        ResolveStatus::Confirmed
    );
}

#[test]
fn package_init_and_wrappers() {
    let t = TempTree::new("init");
    t.write(
        "p/pool.go",
        "package p\n\nimport \"sync\"\n\nvar bufs = sync.Pool{\n\tNew: func() any { return new([64]byte) },\n}\n\nvar table = map[string]int{\"a\": 1}\n\nfunc (t T) M() {}\n",
    );
    let mut r = resolver(&[&t.0]);
    let res = r.resolve(&frame("example.com/p.init.func1", "p/pool.go", 6, 6));
    assert_eq!(res.status, ResolveStatus::Confirmed);
    let pkg = r
        .index()
        .package(res.package_dir.as_deref().unwrap())
        .unwrap();
    let pool = &pkg.files[0].pools[0];
    assert_eq!(
        (pool.owner.as_str(), pool.literal),
        ("bufs", res.function.unwrap().func)
    );
    let res = r.resolve(&frame("example.com/p.init", "p/pool.go", 9, 0));
    assert_eq!(
        (res.status, res.package_var),
        (ResolveStatus::PackageInit, Some(1))
    );
    let res = r.resolve(&frame("example.com/p.glob..func1", "p/pool.go", 6, 0));
    assert_eq!(res.status, ResolveStatus::Confirmed);
    let res = r.resolve(&frame("example.com/p.T.M-fm", "p/pool.go", 11, 0));
    assert_eq!(res.status, ResolveStatus::Confirmed);
}

/// Two versions of a module side by side in a module cache: a frame resolves
/// to the version its path names, even where both would confirm it.
#[test]
fn module_cache_version_named_by_the_frame_wins() {
    let t = TempTree::new("versions");
    let text = "package flate\n\nfunc (f *decompressor) Read() {\n\tf.n++\n}\n";
    t.write("mod/github.com/k/compress@v1.20.0/flate/inflate.go", text);
    let want = t.write("mod/github.com/k/compress@v1.20.3/flate/inflate.go", text);
    let mut r = resolver(&[&t.0.join("mod")]);
    let res = r.resolve(&frame(
        "github.com/k/compress/flate.(*decompressor).Read",
        "/root/go/pkg/mod/github.com/k/compress@v1.20.3/flate/inflate.go",
        4,
        3,
    ));
    assert_eq!(res.status, ResolveStatus::Confirmed);
    assert_eq!(res.path.as_deref(), Some(want.as_path()));
}

/// Go 1.23+ range-over-func loop bodies (`F-range1`) start at their `for`
/// line; closures copied by inlining are named `Caller.Callee.funcN`, with `N`
/// counted among the caller's closures, in the callee's file.
#[test]
fn range_bodies_and_inlined_closure_copies() {
    let t = TempTree::new("generated");
    t.write(
        "server/sublist.go",
        "package server\n\nfunc (s *Sublist) Insert(subj string) {\n\tn := 0\n\tfor t := range split(subj) {\n\t\tn += len(t)\n\t}\n}\n",
    );
    t.write(
        "runtime/mheap.go",
        "package runtime\n\nfunc (h *mheap) freeSpan(s *mspan) {\n\tsystemstack(func() {\n\t\tlock(&h.lock)\n\t})\n}\n\nfunc goready(gp *g) {\n\tsystemstack(func() {\n\t\tready(gp)\n\t})\n}\n",
    );
    let mut r = resolver(&[&t.0]);
    let res = r.resolve(&frame(
        "example.com/server.(*Sublist).Insert-range1",
        "server/sublist.go",
        6,
        5,
    ));
    assert_eq!(res.status, ResolveStatus::Confirmed);
    // The `for` line is the only start line a range body may claim.
    let res = r.resolve(&frame(
        "example.com/server.(*Sublist).Insert-range1",
        "server/sublist.go",
        6,
        4,
    ));
    assert_eq!(res.status, ResolveStatus::ByLine);
    for (name, line, start, literal) in [
        (
            "runtime.(*sweepLocked).sweep.(*mheap).freeSpan.func2",
            5,
            4,
            1,
        ),
        ("runtime.send.goready.func1", 11, 10, 3),
    ] {
        let res = r.resolve(&frame(name, "runtime/mheap.go", line, start));
        assert_eq!(res.status, ResolveStatus::Confirmed, "{name}");
        assert_eq!(res.function.map(|f| f.func), Some(literal), "{name}");
    }
    // A copy must sit in a literal of the function its name gives.
    let res = r.resolve(&frame(
        "runtime.send.freeSpan2.func1",
        "runtime/mheap.go",
        11,
        10,
    ));
    assert_eq!(res.status, ResolveStatus::ByLine);
}

/// A file sharing only its base name with the frame's, in another directory,
/// is another file: `net/http/server.go` is not `broker/server.go`, even where
/// a function of `broker/server.go` spans the line.
#[test]
fn a_base_name_alone_does_not_match_across_directories() {
    let t = TempTree::new("basename");
    t.write(
        "svc/broker/server.go",
        "package broker\n\nfunc (s *Server) Serve() {\n\ts.n++\n\ts.n++\n}\n",
    );
    t.write("svc/main.go", "package main\n\nfunc main() {\n\trun()\n}\n");
    let mut r = resolver(&[&t.0.join("svc")]);
    let res = r.resolve(&frame(
        "net/http.(*conn).serve",
        "/usr/local/go/src/net/http/server.go",
        4,
        0,
    ));
    assert_eq!(res.status, ResolveStatus::Unresolved);
    // A file at the top of a root (the repository passed as --src) still
    // matches by base name.
    let res = r.resolve(&frame("main.main", "/build/svc-ci/main.go", 4, 3));
    assert_eq!(res.status, ResolveStatus::Confirmed);
}

/// A package's `_test.go` files are parsed only when a frame names one: they
/// are never in a program's build. `init.funcN` needs the whole package,
/// which then comes without its tests; a later frame in a test file still
/// finds it.
#[test]
fn whole_packages_are_indexed_without_their_tests_unless_a_frame_names_one() {
    let t = TempTree::new("tests");
    t.write(
        "repo/p/p.go",
        "package p\n\nvar f = func() int {\n\treturn 1\n}\n\nfunc F() {}\n",
    );
    t.write("repo/p/p_test.go", "package p\n\nfunc helper() {}\n");
    let mut r = resolver(&[&t.0]);
    let lit = r.resolve(&frame(
        "example.com/p.init.func1",
        "/build/repo/p/p.go",
        4,
        0,
    ));
    assert_eq!(lit.status, ResolveStatus::Confirmed, "{lit:?}");
    let names = |r: &Resolver| -> Vec<String> {
        let mut names: Vec<String> = r.index().packages()[0]
            .functions()
            .map(|(_, f)| f.name.clone())
            .collect();
        names.sort();
        names
    };
    assert_eq!(names(&r), ["F", "init.func1"]);
    let helper = r.resolve(&frame(
        "example.com/p.helper",
        "/build/repo/p/p_test.go",
        3,
        0,
    ));
    assert_eq!(helper.status, ResolveStatus::Confirmed, "{helper:?}");
    assert_eq!(names(&r), ["F", "helper", "init.func1"]);
}

/// A resolver keeps the parses of the files it reads under the roots asked
/// for (for `analyze` to audit them without parsing again), and only those.
#[test]
fn syntax_is_kept_only_under_the_roots_asked_for() {
    let t = TempTree::new("kept");
    let service = t.write("svc/server/client.go", CLIENT);
    let std = t.write(
        "std/sync/pool.go",
        "package sync\n\nfunc (p *Pool) Get() any {\n\treturn nil\n}\n",
    );
    let mut r = resolver(&[&t.0.join("svc"), &t.0.join("std")]);
    r.keep_syntax_under(vec![t.0.join("svc")]);
    let frames = [
        frame(
            "example.com/server.(*client).readLoop.func1",
            "/build/server/client.go",
            5,
            0,
        ),
        frame("sync.(*Pool).Get", "/usr/lib/go/src/sync/pool.go", 4, 0),
    ];
    let res = r.resolve_all(&frames);
    assert!(
        res.iter().all(|r| r.status == ResolveStatus::Confirmed),
        "{res:?}"
    );
    let kept = r.index().syntax(&service).expect("service file kept");
    assert_eq!(kept.source, CLIENT);
    let tree = kept.tree.as_ref().expect("tree kept");
    assert_eq!(tree.root_node().kind(), "source_file");
    assert!(!tree.root_node().has_error());
    assert!(
        r.index().syntax(&std).is_none(),
        "only files under the asked roots"
    );
    let plain = {
        let mut r = resolver(&[&t.0.join("svc")]);
        r.resolve_all(&frames[..1]);
        r
    };
    assert!(
        plain.index().syntax(&service).is_none(),
        "nothing kept unless asked"
    );
}

/// `index_program_tree` indexes each package once, with its subpackages'
/// files listed between its own, and leaves test files out.
#[test]
fn a_program_tree_is_each_package_once_without_tests() {
    let t = TempTree::new("program");
    t.write("a/a.go", "package a\n\nfunc A() {}\n");
    t.write("a/b/b.go", "package b\n\nfunc B() {}\n");
    t.write("a/c.go", "package a\n\nfunc C() {}\n");
    t.write("a/a_test.go", "package a\n\nfunc helper() {}\n");
    let index = gosleuth_go::Index::index_program_tree(&t.0.join("a"), BuildContext::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let mut seen: Vec<String> = index
        .packages()
        .iter()
        .flat_map(|p| p.functions().map(|(_, f)| f.name.clone()))
        .collect();
    seen.sort();
    assert_eq!(seen, ["A", "B", "C"]);
}
