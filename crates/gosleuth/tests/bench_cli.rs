//! `gosleuth bench`: the skeleton it writes compiles beside the real function
//! (checked by `go vet` on a copy of the example service).

mod common;

use std::path::Path;
use std::process::Command;

use common::{command_ok, gosleuth, pushsvc, repo, tmp};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

#[test]
fn skeletons_compile_beside_the_functions_they_measure() {
    let tmp = tmp("bench");
    copy_dir(&repo().join("examples/pushsvc"), &tmp);
    for (function, file) in [
        ("(*client).compress", "broker/compress_bench_test.go"),
        ("buildFrame", "broker/frame_bench_test.go"),
        (
            "github.com/gosleuth/examples/pushsvc/broker.copyBytes",
            "broker/frame_bench_test.go",
        ),
        ("(*client).readLoop", "broker/client_bench_test.go"),
    ] {
        let out = gosleuth(&["bench", function, "--src", tmp.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{function}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let code = String::from_utf8(out.stdout).unwrap();
        assert!(code.contains("b.ReportAllocs()"), "{code}");
        let path = tmp.join(file);
        let name = format!(
            "{}_{}",
            path.file_stem().unwrap().to_string_lossy(),
            function.len()
        );
        std::fs::write(path.with_file_name(format!("{name}_test.go")), code).unwrap();
    }
    command_ok(
        Command::new("go")
            .args(["vet", "./broker/"])
            .current_dir(&tmp),
        "go vet",
    );
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn an_unknown_function_is_one_line_and_exit_2() {
    let out = gosleuth(&["bench", "noSuchFunction", "--src", &pushsvc()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("error: no function named noSuchFunction under "),
        "{err}"
    );
}
