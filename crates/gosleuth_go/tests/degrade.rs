//! A file with syntax errors keeps the functions that parsed and says where
//! it could not parse; nothing panics.

mod common;

#[test]
fn broken_function_keeps_the_others() {
    let dir = std::env::temp_dir().join(format!("gosleuth_go_degrade_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = "package p\n\nfunc Good() {\n\tgo func() {}()\n}\n\nfunc Broken() {\n\tx := [}{\n}\n\nfunc AlsoGood() int {\n\treturn 1\n}\n";
    std::fs::write(dir.join("p.go"), src).unwrap();
    let index = common::index_fixture(&dir);
    let dump = common::dump(&index.packages()[0]);
    std::fs::remove_dir_all(&dir).unwrap();
    insta::assert_snapshot!(dump);
}
