//! Go source index for gosleuth.
//!
//! Parses Go files with tree-sitter into plain data: per file the package,
//! imports, functions, methods and closures (named exactly as the Go compiler
//! names them in profiles, for Go ≥ 1.21 and for Go ≤ 1.19), package-level
//! variables and `sync.Pool` `New` functions, loops, calls and statements.
//! [`Resolver`] maps the frames of a profile (function, file, line) to files
//! under source roots and to indexed functions.
//!
//! ```
//! use gosleuth_go::{BuildContext, Index};
//!
//! let dir = std::env::temp_dir().join(format!("gosleuth_go_doc_{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(
//!     dir.join("a.go"),
//!     "package a\n\nvar p = sync.Pool{New: func() any { return new(int) }}\n\nfunc F() {\n\tgo func() {}()\n}\n",
//! )
//! .unwrap();
//! let index = Index::index_tree(&dir, BuildContext::default()).unwrap();
//! let names: Vec<&str> = index.packages()[0].functions().map(|(_, f)| f.name.as_str()).collect();
//! assert_eq!(names, ["init.func1", "F", "F.func1"]);
//! std::fs::remove_dir_all(&dir).unwrap();
//! ```
#![deny(missing_docs)]

mod alloc;
mod asm;
mod build;
mod error;
mod funcname;
mod index;
mod index_partial;
mod initorder;
mod kept;
mod model;
mod naming;
mod package;
mod par;
mod parse;
mod resolve;
mod walk;

pub use alloc::parse_with_mimalloc;
pub use build::BuildContext;
pub use error::{Error, Result};
pub use funcname::{NameMatch, split_function_name, symbol_key};
pub use index::{Index, SyntaxFile};
pub use model::{
    CallSite, FileIndex, FuncKind, Function, Import, Loop, LoopKind, PackageVar, PoolNew, Receiver,
    Span, Statement, Warning,
};
pub use package::{FuncRef, Package};
pub use par::par_map;
pub use parse::{KindName, go_language};
pub use resolve::{Frame, Resolution, ResolveStatus, Resolver, SourceRoots};
