//! Reading never leaves the `--src` roots (SPEC §8): a symbolic link inside a
//! root that points outside it is not followed — neither when `resolve`
//! indexes the root nor when `list` reads the files a profile names — and
//! `..` or absolute paths in a profile do not reach outside either. The only
//! files written are under the directory the user gave with `--save`.

mod common;
mod hostile_support;

use std::os::unix::fs::symlink;
use std::path::Path;

use common::{gosleuth_in, gosleuth_ok, tmp};
use hostile_support::one_frame_profile;

/// `DIR/src/p/a.go` (real) and `DIR/outside/p/secret.go`, linked from inside
/// the root as `DIR/src/p/link.go` and `DIR/src/q` (a directory). Returns the
/// root, `DIR/src`.
fn layout(dir: &Path) -> String {
    let pkg = dir.join("src/p");
    let outside = dir.join("outside/p");
    std::fs::create_dir_all(&pkg).expect("src");
    std::fs::create_dir_all(&outside).expect("outside");
    std::fs::write(pkg.join("a.go"), "package p\n\nfunc F() {\n\tG()\n}\n").expect("a.go");
    std::fs::write(
        outside.join("secret.go"),
        "package p\n\n// SECRET line\nfunc Secret() {\n\tprintln(\"SECRET\")\n}\n",
    )
    .expect("secret.go");
    symlink(outside.join("secret.go"), pkg.join("link.go")).expect("file link");
    symlink(dir.join("outside/p"), dir.join("src/q")).expect("dir link");
    dir.join("src").to_str().expect("path").to_string()
}

fn profile(dir: &Path, function: &str, file: &str) -> String {
    let path = dir.join(format!("{}.pb", function.replace(['/', '.'], "_")));
    std::fs::write(&path, one_frame_profile(function, file, 5)).expect("profile");
    path.to_str().expect("path").to_string()
}

#[test]
fn resolve_does_not_follow_links_out_of_the_root() {
    let dir = tmp("hostile-contain-resolve");
    let src = layout(&dir);
    let src = src.as_str();
    // The linked file, by its name inside the root and by the directory link.
    for (function, file) in [
        ("p.Secret", "/build/p/link.go"),
        ("q.Secret", "/build/q/secret.go"),
        ("p.Secret", "/build/p/secret.go"),
    ] {
        let text = gosleuth_ok(&["resolve", &profile(&dir, function, file), "--src", src]);
        // Not even found by name: the linked file was never read.
        assert!(
            text.ends_with("resolved 0 of 1 frames (0.0%), 0.0% of weight\n")
                && text.contains("no file under the roots matches this path"),
            "{function} {file} found through a link leaving the root:\n{text}"
        );
    }
    // A frame in the real file of the same package still resolves, and
    // indexing its directory does not pick up the linked file either.
    let text = gosleuth_ok(&[
        "resolve",
        &profile(&dir, "example.com/p.F", "/build/p/a.go"),
        "--src",
        src,
    ]);
    assert!(
        text.ends_with("resolved 1 of 1 frames (100.0%), 100.0% of weight\n"),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn list_reads_no_file_outside_the_source_path() {
    let dir = tmp("hostile-contain-list");
    let src = layout(&dir);
    let src = src.as_str();
    let outside = dir.join("outside/p/secret.go");
    for file in [
        "p/link.go".to_string(),
        "q/secret.go".to_string(),
        "../outside/p/secret.go".to_string(),
        "p/../../outside/p/secret.go".to_string(),
        outside.to_str().expect("path").to_string(),
    ] {
        let text = gosleuth_ok(&[
            "list",
            "Secret",
            "--src",
            src,
            &profile(&dir, "example.com/p.Secret", &file),
        ]);
        assert!(
            !text.contains("SECRET"),
            "{file}: read outside the root:\n{text}"
        );
        assert!(text.contains(" Error: "), "{file}: {text}");
    }
    // The real file inside the root is listed.
    let text = gosleuth_ok(&[
        "list",
        "F",
        "--src",
        src,
        &profile(&dir, "example.com/p.F", "p/a.go"),
    ]);
    assert!(text.contains("G()"), "{text}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn files_are_written_only_where_the_user_said() {
    // Without --save nothing is written; reading a profile never creates files.
    let dir = tmp("hostile-contain-writes");
    let work = dir.join("work");
    std::fs::create_dir_all(&work).expect("work");
    let profile = profile(&dir, "main.f", "/x/main.go");
    let out = gosleuth_in(&work, &["top", &profile, "--save", "saved"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // --save keeps copies of fetched URLs only: a local file is not copied.
    let created: Vec<_> = walk(&dir);
    assert_eq!(created, [profile], "files appeared beside the inputs");
    std::fs::remove_dir_all(&dir).ok();
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("read dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p.to_str().expect("path").to_string());
        }
    }
    out.sort();
    out
}
