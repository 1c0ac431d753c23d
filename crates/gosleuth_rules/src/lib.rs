//! The gosleuth rule catalog: what a senior Go performance engineer looks
//! for in source, written down as rules over tree-sitter syntax trees.
//!
//! Each rule lives in one file with its documentation and detector, with Go
//! fixtures under `fixtures/<slug>/`; [`RULES`] lists them all. Rules return
//! [`Finding`]s as data; `gosleuth_report` renders them.
//!
//! ```
//! use gosleuth_rules::{AuditOptions, audit};
//!
//! let dir = std::env::temp_dir().join(format!("gosleuth_rules_doc_{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(
//!     dir.join("a.go"),
//!     "package a\n\nimport \"github.com/klauspost/compress/s2\"\n\nfunc enc(b []byte) []byte {\n\tdst := make([]byte, s2.MaxEncodedLen(len(b)))\n\treturn s2.Encode(dst, b)\n}\n",
//! )
//! .unwrap();
//! let audit = audit(&dir, &AuditOptions::default()).unwrap();
//! assert_eq!(audit.findings[0].rule, "GS201");
//! assert_eq!(audit.findings[0].line, 6);
//! std::fs::remove_dir_all(&dir).unwrap();
//! ```
#![deny(missing_docs)]

mod audit;
mod batch;
mod context;
mod engine;
mod error;
mod facts;
mod finding;
mod nodes;
mod registry;
mod rule;
mod rules;
mod syntax;
mod types;

pub use audit::{Audit, AuditOptions, Weighting, audit, audit_files, audit_parsed, audit_with};
pub use engine::relative;
pub use error::{Error, Result};
pub use finding::{Category, Effort, Finding, Kind, Related, Severity};
pub use registry::{RULES, rule};
pub use rule::Rule;
