//! One package (one directory): its files and lookups by name and by line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::funcname::{NameMatch, enclosing_key, split_function_name, symbol_key};
use crate::model::{FileIndex, FuncKind, Function, PackageVar};
use crate::naming::assign_names;
use crate::parse::ParsedFile;

/// A function of a package: file and function indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FuncRef {
    /// Index into [`Package::files`].
    pub file: usize,
    /// Index into that file's [`FileIndex::functions`].
    pub func: usize,
}

/// The Go files (and assembly files) of one directory.
#[derive(Debug, Clone)]
pub struct Package {
    /// The directory.
    pub dir: PathBuf,
    /// The package name most of the built files declare.
    pub name: String,
    /// Files sorted by file name.
    pub files: Vec<FileIndex>,
    modern: HashMap<String, Vec<FuncRef>>,
    legacy: HashMap<String, Vec<FuncRef>>,
}

impl Package {
    pub(crate) fn build(dir: PathBuf, mut parsed: Vec<ParsedFile>) -> Package {
        parsed.sort_by(|a, b| a.index.path.cmp(&b.index.path));
        assign_names(&mut parsed);
        let files: Vec<FileIndex> = parsed.into_iter().map(|p| p.index).collect();
        let mut modern: HashMap<String, Vec<FuncRef>> = HashMap::new();
        let mut legacy: HashMap<String, Vec<FuncRef>> = HashMap::new();
        for (file, f) in files.iter().enumerate() {
            for (func, entry) in f.functions.iter().enumerate() {
                let r = FuncRef { file, func };
                if !entry.dead {
                    modern.entry(symbol_key(&entry.name)).or_default().push(r);
                }
                let old = entry.legacy_name.as_deref().unwrap_or(&entry.name);
                if entry.kind != FuncKind::GoWrap && entry.kind != FuncKind::DeferWrap {
                    legacy.entry(symbol_key(old)).or_default().push(r);
                }
            }
        }
        for f in &files {
            for (local, target) in &f.linknames {
                let (_, symbol) = split_function_name(target);
                if let Some(refs) = modern.get(&symbol_key(local)).cloned() {
                    modern.entry(symbol_key(symbol)).or_default().extend(refs);
                }
            }
        }
        let name = majority_name(&files);
        Package {
            dir,
            name,
            files,
            modern,
            legacy,
        }
    }

    /// The function at `r`.
    #[must_use]
    pub fn function(&self, r: FuncRef) -> &Function {
        &self.files[r.file].functions[r.func]
    }

    /// Index of the file with this path, if it belongs to the package.
    #[must_use]
    pub fn file_index(&self, path: &Path) -> Option<usize> {
        self.files.iter().position(|f| f.path == path)
    }

    /// Entries for a profile symbol (package path already removed), best
    /// relation first: exact (Go ≥ 1.21) names, then Go ≤ 1.19 names, then
    /// the entries enclosing compiler-generated code.
    #[must_use]
    pub fn lookup(&self, symbol: &str) -> Vec<(FuncRef, NameMatch)> {
        let mut key = symbol_key(symbol);
        let mut out: Vec<(FuncRef, NameMatch)> = Vec::new();
        let mut relation_exact = true;
        loop {
            let (first, second) = if relation_exact {
                (NameMatch::Exact, NameMatch::Legacy)
            } else {
                (NameMatch::Enclosing, NameMatch::Enclosing)
            };
            for r in self.modern.get(&key).into_iter().flatten() {
                out.push((*r, first));
            }
            for r in self.legacy.get(&key).into_iter().flatten() {
                if !out.iter().any(|(o, _)| o == r) {
                    out.push((*r, second));
                }
            }
            if !out.is_empty() {
                return out;
            }
            match enclosing_key(&key) {
                Some(k) => key = k,
                None => return out,
            }
            relation_exact = false;
        }
    }

    /// The innermost function or literal of file `file` containing `line`
    /// (go/defer wrappers are skipped: their code is their statement's).
    #[must_use]
    pub fn function_at(&self, file: usize, line: u32) -> Option<FuncRef> {
        let funcs = &self.files.get(file)?.functions;
        funcs
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                f.span.contains(line) && f.kind != FuncKind::GoWrap && f.kind != FuncKind::DeferWrap
            })
            .max_by_key(|(i, f)| (f.span.start, std::cmp::Reverse(f.span.end), *i))
            .map(|(func, _)| FuncRef { file, func })
    }

    /// The package-level var spec of file `file` containing `line` (what the
    /// package's `init` runs there).
    #[must_use]
    pub fn var_at(&self, file: usize, line: u32) -> Option<&PackageVar> {
        self.files
            .get(file)?
            .vars
            .iter()
            .find(|v| v.span.contains(line))
    }

    /// Every function with its reference, files in name order, functions in
    /// source order.
    pub fn functions(&self) -> impl Iterator<Item = (FuncRef, &Function)> {
        self.files.iter().enumerate().flat_map(|(file, f)| {
            f.functions
                .iter()
                .enumerate()
                .map(move |(func, entry)| (FuncRef { file, func }, entry))
        })
    }
}

fn majority_name(files: &[FileIndex]) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for f in files.iter().filter(|f| f.in_build && !f.package.is_empty()) {
        match counts.iter_mut().find(|(n, _)| *n == f.package) {
            Some((_, c)) => *c += 1,
            None => counts.push((&f.package, 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|(n, c)| (*c, std::cmp::Reverse(*n)))
        .map(|(n, _)| n.to_owned())
        .unwrap_or_default()
}
