//! [`Resolver`]: frame → file → function.

use std::path::{Path, PathBuf};

use super::files::FileTable;
use super::generated::{inlined_literal, is_range_body, range_loop_at};
use super::{Frame, Resolution, ResolveStatus, SourceRoots};
use crate::build::BuildContext;
use crate::error::Result;
use crate::funcname::{NameMatch, split_function_name};
use crate::index::Index;
use crate::package::{FuncRef, Package};

/// Resolves profile frames against source roots, indexing packages on demand.
#[derive(Debug, Clone)]
pub struct Resolver {
    roots: Vec<PathBuf>,
    table: FileTable,
    index: Index,
}

/// A function found in a candidate file, with how well it fits the frame.
struct Fit {
    func: Option<FuncRef>,
    name_match: Option<NameMatch>,
    status: ResolveStatus,
    package_var: Option<usize>,
}

impl Resolver {
    /// Lists the files under the roots (nothing is parsed yet).
    ///
    /// # Errors
    /// When a root cannot be read or is not a directory.
    pub fn new(roots: &SourceRoots, build: BuildContext) -> Result<Resolver> {
        let mut all: Vec<PathBuf> = roots.src.clone();
        if let Some(goroot) = &roots.goroot {
            let src = goroot.join("src");
            all.push(if src.is_dir() { src } else { goroot.clone() });
        }
        let table = FileTable::new(&all)?;
        Ok(Resolver {
            roots: all,
            table,
            index: Index::new(build),
        })
    }

    /// The roots searched: `src` roots, then the Go root's `src`.
    #[must_use]
    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    /// The packages indexed so far.
    #[must_use]
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Keeps the syntax of files parsed from now on under `roots` (see
    /// [`Index::keep_syntax_under`]).
    pub fn keep_syntax_under(&mut self, roots: Vec<PathBuf>) {
        self.index.keep_syntax_under(roots);
    }

    /// Resolves many frames, indexing the packages they need in one
    /// parallel pass first.
    pub fn resolve_all(&mut self, frames: &[Frame]) -> Vec<Resolution> {
        self.index_for(frames);
        frames.iter().map(|f| self.resolve_indexed(f)).collect()
    }

    /// Whether `r` can be trusted for `frame`: confirmed, in package
    /// initialization, or found by line where the profile's start line (when
    /// it has one) is the function's declaration line. A match by line that
    /// the start line contradicts means the source is another version than
    /// the one profiled.
    #[must_use]
    pub fn agrees(&self, frame: &Frame, r: &Resolution) -> bool {
        match r.status {
            ResolveStatus::Confirmed | ResolveStatus::PackageInit => true,
            ResolveStatus::ByLine => {
                frame.start_line <= 0 || self.decl_line(r) == Some(frame.start_line)
            }
            _ => false,
        }
    }

    fn decl_line(&self, r: &Resolution) -> Option<i64> {
        let package = self.index.package(r.package_dir.as_ref()?)?;
        Some(i64::from(package.function(r.function?).decl_line))
    }

    /// Resolves one frame.
    pub fn resolve(&mut self, frame: &Frame) -> Resolution {
        self.index_for(std::slice::from_ref(frame));
        self.resolve_indexed(frame)
    }

    /// Indexes what `frames` need: the files they name, or the whole package
    /// where a name depends on it (package initialisation and its literals) or
    /// where no file matched and the package is found by import path.
    fn index_for(&mut self, frames: &[Frame]) {
        let mut dirs: Vec<PathBuf> = Vec::new();
        let mut files: Vec<PathBuf> = Vec::new();
        for f in frames {
            let (candidates, _) = self.table.candidates(&f.file);
            if candidates.is_empty() {
                dirs.extend(self.import_dirs(&f.function));
            } else if needs_whole_package(&f.function) {
                dirs.extend(
                    candidates
                        .iter()
                        .filter_map(|&i| self.table.files[i].path.parent().map(Path::to_path_buf)),
                );
            } else {
                files.extend(candidates.iter().map(|&i| self.table.files[i].path.clone()));
            }
        }
        dirs.sort();
        dirs.dedup();
        // A package's tests are parsed only when the profile names one of them.
        let with_tests: Vec<PathBuf> = frames
            .iter()
            .filter(|f| f.file.ends_with("_test.go"))
            .flat_map(|f| self.table.candidates(&f.file).0)
            .filter_map(|i| self.table.files[i].path.parent().map(Path::to_path_buf))
            .collect();
        self.index.add_package_dirs(&dirs, &with_tests);
        self.index.add_files_partial(&files);
    }

    fn import_dirs(&self, function: &str) -> Vec<PathBuf> {
        let (pkg, _) = split_function_name(function);
        let wanted: Vec<&str> = pkg.split('/').filter(|s| !s.is_empty()).collect();
        if wanted.is_empty() || pkg == "main" {
            return Vec::new();
        }
        self.table.package_dirs(&wanted)
    }

    fn resolve_indexed(&self, frame: &Frame) -> Resolution {
        let (files, _) = self.table.candidates(&frame.file);
        let mut best: Option<(usize, Fit)> = None;
        for i in files.iter().copied() {
            let fit = self.fit(frame, &self.table.files[i].path);
            if best.as_ref().is_none_or(|(_, b)| fit.status < b.status) {
                best = Some((i, fit));
            }
        }
        let Some((i, fit)) = best else {
            return self.name_only(frame);
        };
        if files.len() > 1 && fit.status > ResolveStatus::ByLine {
            return Resolution::unresolved(ResolveStatus::Ambiguous);
        }
        let file = &self.table.files[i];
        Resolution {
            status: fit.status,
            path: Some(file.path.clone()),
            root: Some(file.root),
            package_dir: file.path.parent().map(Path::to_path_buf),
            function: fit.func,
            name_match: fit.name_match,
            package_var: fit.package_var,
        }
    }

    /// How well the frame fits the file at `path`.
    fn fit(&self, frame: &Frame, path: &Path) -> Fit {
        let none = Fit {
            func: None,
            name_match: None,
            status: ResolveStatus::FileOnly,
            package_var: None,
        };
        let Some((pkg, file)) = path
            .parent()
            .and_then(|d| self.index.package(d))
            .and_then(|p| p.file_index(path).map(|f| (p, f)))
        else {
            return none;
        };
        let line = u32::try_from(frame.line).unwrap_or(0);
        let start = u32::try_from(frame.start_line).unwrap_or(0);
        let (_, symbol) = split_function_name(&frame.function);
        let range_body = is_range_body(symbol);
        let fits = |r: FuncRef| {
            let f = pkg.function(r);
            r.file == file
                && (line == 0 || f.span.contains(line))
                && (start == 0
                    || f.decl_line == start
                    || range_body && range_loop_at(pkg, r, start))
        };
        let by_name = pkg
            .lookup(symbol)
            .into_iter()
            .find(|(r, _)| fits(*r))
            .or_else(|| {
                inlined_literal(pkg, file, line, symbol)
                    .filter(|r| fits(*r))
                    .map(|r| (r, NameMatch::Enclosing))
            });
        if let Some((r, m)) = by_name {
            return Fit {
                func: Some(r),
                name_match: Some(m),
                status: ResolveStatus::Confirmed,
                package_var: None,
            };
        }
        // The package's var initialization, or a map literal initializer the
        // compiler outlines from it (`map.init.0`).
        if (symbol == "init" || symbol.starts_with("map.init."))
            && let Some(v) = pkg.files[file]
                .vars
                .iter()
                .position(|v| v.span.contains(line))
        {
            return Fit {
                func: None,
                name_match: None,
                status: ResolveStatus::PackageInit,
                package_var: Some(v),
            };
        }
        match pkg.function_at(file, line) {
            Some(r) => Fit {
                func: Some(r),
                name_match: None,
                status: ResolveStatus::ByLine,
                package_var: None,
            },
            None => none,
        }
    }

    fn name_only(&self, frame: &Frame) -> Resolution {
        let (_, symbol) = split_function_name(&frame.function);
        for dir in self.import_dirs(&frame.function) {
            let Some(pkg) = self.index.package(&dir) else {
                continue;
            };
            if let Some((r, m)) = pkg.lookup(symbol).into_iter().next() {
                return name_only_resolution(pkg, r, m);
            }
        }
        Resolution::unresolved(ResolveStatus::Unresolved)
    }
}

fn name_only_resolution(pkg: &Package, r: FuncRef, m: NameMatch) -> Resolution {
    Resolution {
        status: ResolveStatus::NameOnly,
        path: Some(pkg.files[r.file].path.clone()),
        root: None,
        package_dir: Some(pkg.dir.clone()),
        function: Some(r),
        name_match: Some(m),
        package_var: None,
    }
}

/// Whether a frame's name is only meaningful against the whole package: the
/// `init.N` functions and the literals numbered across the package
/// (`init.funcN`, Go 1.19's `glob..funcN`). The package's own `init` (its
/// var initialisation) is found in the file the frame names.
fn needs_whole_package(function: &str) -> bool {
    let (_, symbol) = split_function_name(function);
    symbol.starts_with("init.") || symbol.starts_with("glob.") || symbol.starts_with("map.init")
}
