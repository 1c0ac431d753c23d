//! The index of many packages, built in parallel.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::asm::parse_asm;
use crate::build::BuildContext;
use crate::error::Result;
use crate::funcname::{NameMatch, split_function_name};
use crate::model::Warning;
use crate::package::{FuncRef, Package};
use crate::par::par_map;
use crate::parse::{ConstEnv, ParsedFile, parse_file, parse_file_keeping_tree, scan_package_file};
use crate::resolve::paths::dir_matches;
use crate::walk::{source_files, stays_in};

/// A Go file's text with the syntax tree the index was built from, for
/// callers that run their own queries over the same parse (`gosleuth audit`).
#[derive(Debug)]
pub struct SyntaxFile {
    /// The file's path as given.
    pub path: PathBuf,
    /// The file's text (invalid UTF-8 replaced), what the tree's offsets index.
    pub source: String,
    /// The tree-sitter Go syntax tree (`None` when the file could not be read
    /// or parsed).
    pub tree: Option<tree_sitter::Tree>,
}

/// Indexed packages, one per directory.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub(crate) packages: Vec<Package>,
    pub(crate) by_dir: HashMap<PathBuf, usize>,
    pub(crate) build: BuildContext,
    /// Directories indexed from some of their files only, with those files'
    /// parses (see `index_partial.rs`); indexing the whole directory replaces them.
    pub(crate) partial: HashMap<PathBuf, Vec<ParsedFile>>,
    /// Each partially indexed directory's package constants: reading them
    /// means reading every file there, so once per directory, not per file
    /// added.
    pub(crate) dir_envs: HashMap<PathBuf, ConstEnv>,
    /// Roots under which parsed files keep their syntax (see `kept.rs`).
    pub(crate) keep_under: Vec<PathBuf>,
    /// The syntax kept, by path.
    pub(crate) kept: HashMap<PathBuf, Arc<SyntaxFile>>,
}

impl Index {
    /// An empty index for the given build target.
    #[must_use]
    pub fn new(build: BuildContext) -> Index {
        Index {
            build,
            ..Index::default()
        }
    }

    /// Indexes every package under `root`.
    ///
    /// # Errors
    /// When `root` cannot be listed.
    pub fn index_tree(root: &Path, build: BuildContext) -> Result<Index> {
        let mut index = Index::new(build);
        index.add_files(source_files(root)?);
        Ok(index)
    }

    /// Indexes exactly the given files (grouped into packages by directory)
    /// and returns, in the order given, each file's text and syntax tree as
    /// well, so that one parse serves both the index and further analyses.
    #[must_use]
    pub fn index_files_with_syntax(
        files: Vec<PathBuf>,
        build: BuildContext,
    ) -> (Index, Vec<SyntaxFile>) {
        let mut index = Index::new(build);
        let syntax = index.add_files_keeping(files, true);
        (index, syntax)
    }

    /// Indexes the packages of the given directories not indexed yet.
    pub fn add_dirs(&mut self, dirs: &[PathBuf]) {
        let mut files = Vec::new();
        for dir in dirs
            .iter()
            .filter(|d| !self.by_dir.contains_key(*d) || self.partial.contains_key(*d))
        {
            files.extend(self.dir_sources(dir));
        }
        self.add_files(files);
    }

    /// The `.go` and `.s` files directly in `dir` that stay inside it.
    pub(crate) fn dir_sources(&self, dir: &Path) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let real_dir = dir.canonicalize().ok();
        let entries = entries
            .flatten()
            .filter(|e| stays_in(e, real_dir.as_deref()));
        entries
            .map(|e| e.path())
            .filter(|p| {
                p.is_file()
                    && p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(crate::walk::is_source)
            })
            .collect()
    }

    fn add_files(&mut self, files: Vec<PathBuf>) {
        self.add_files_with(files, false, false);
    }

    fn add_files_keeping(&mut self, files: Vec<PathBuf>, keep: bool) -> Vec<SyntaxFile> {
        self.add_files_with(files, keep, false)
    }

    /// Reads, scans and parses `files` once, grouped into packages by
    /// directory. `keep`: also return their syntax. `partial`: the packages
    /// lack some files (see `add_package_dirs`), so their parses are kept to
    /// add more files to later, with those already added.
    pub(crate) fn add_files_with(
        &mut self,
        files: Vec<PathBuf>,
        keep: bool,
        partial: bool,
    ) -> Vec<SyntaxFile> {
        let read = par_map(&files, |p| {
            let src = crate::walk::read_source(p);
            let constants = src.as_ref().ok().and_then(|s| self.scan_constants(p, s));
            (src, constants)
        });
        let (mut sources, mut constants): (Vec<_>, Vec<_>) = read.into_iter().unzip();
        let mut by_dir: BTreeMap<PathBuf, Vec<usize>> = BTreeMap::new();
        for (i, p) in files.iter().enumerate() {
            let dir = p.parent().map(Path::to_path_buf).unwrap_or_default();
            if !self.by_dir.contains_key(&dir) || self.partial.contains_key(&dir) {
                by_dir.entry(dir).or_default().push(i);
            }
        }
        let mut envs: Vec<ConstEnv> = Vec::new();
        let mut env_of = vec![usize::MAX; files.len()];
        for members in by_dir.values() {
            let mut env = ConstEnv {
                goos: self.build.goos,
                goarch: self.build.goarch,
                ..ConstEnv::default()
            };
            for &i in members {
                if let Some(file_constants) = constants[i].take() {
                    env.absorb(file_constants);
                }
                env_of[i] = envs.len();
            }
            envs.push(env);
        }
        let mut jobs: Vec<usize> = (0..files.len())
            .filter(|&i| env_of[i] != usize::MAX)
            .collect();
        jobs.sort_by_key(|&i| std::cmp::Reverse(sources[i].as_ref().map_or(0, String::len)));
        let parsed = par_map(&jobs, |&i| {
            let keep = keep || self.keeps(&files[i]);
            self.parse_one(&files[i], &sources[i], &envs[env_of[i]], keep)
        });
        let mut slots: Vec<Option<ParsedFile>> = vec![None; files.len()];
        let mut trees: Vec<Option<tree_sitter::Tree>> = Vec::new();
        trees.resize_with(if keep { files.len() } else { 0 }, || None);
        for (i, (p, tree)) in jobs.into_iter().zip(parsed) {
            slots[i] = Some(p);
            match (keep, tree) {
                (true, tree) => trees[i] = tree,
                (false, Some(tree)) => {
                    let source = sources[i].as_mut().map(std::mem::take).unwrap_or_default();
                    self.retain(&files[i], source, tree);
                }
                (false, None) => {}
            }
        }
        for (dir, members) in by_dir {
            let mut parsed: Vec<ParsedFile> =
                members.iter().filter_map(|&i| slots[i].take()).collect();
            let earlier = self.partial.remove(&dir).unwrap_or_default();
            if partial {
                let new = |p: &ParsedFile| parsed.iter().all(|q| q.index.path != p.index.path);
                let kept: Vec<ParsedFile> = earlier.into_iter().filter(new).collect();
                parsed.extend(kept);
                self.partial.insert(dir.clone(), parsed.clone());
            }
            self.put_package(dir, parsed);
        }
        if !keep {
            return Vec::new();
        }
        files
            .into_iter()
            .zip(sources)
            .zip(trees)
            .map(|((path, source), tree)| SyntaxFile {
                path,
                source: source.unwrap_or_default(),
                tree,
            })
            .collect()
    }

    /// The package-level constants (and function signatures) of a Go file
    /// in the build; `None` for other files.
    pub(crate) fn scan_constants(&self, path: &Path, src: &str) -> Option<ConstEnv> {
        let name = path.file_name()?.to_str()?;
        if !name.ends_with(".go") || !self.build.includes(name, src) {
            return None;
        }
        let mut env = ConstEnv::default();
        scan_package_file(src, &mut env);
        Some(env)
    }

    /// Adds (or replaces) the package of `dir`.
    pub(crate) fn put_package(&mut self, dir: PathBuf, parsed: Vec<ParsedFile>) {
        let package = Package::build(dir.clone(), parsed);
        match self.by_dir.get(&dir) {
            Some(&i) => self.packages[i] = package,
            None => {
                self.by_dir.insert(dir, self.packages.len());
                self.packages.push(package);
            }
        }
    }

    pub(crate) fn parse_one(
        &self,
        path: &Path,
        src: &std::io::Result<String>,
        env: &ConstEnv,
        keep: bool,
    ) -> (ParsedFile, Option<tree_sitter::Tree>) {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let src = match src {
            Ok(s) => s,
            Err(e) => {
                let mut p = ParsedFile::default();
                p.index.path = path.to_path_buf();
                p.index.warnings.push(Warning {
                    line: 0,
                    message: format!("cannot read: {e}"),
                });
                return (p, None);
            }
        };
        let in_build = self.build.includes(name, src);
        let (mut parsed, tree) = if name.ends_with(".s") {
            (parse_asm(path, src), None)
        } else if keep {
            parse_file_keeping_tree(path, src, env, in_build)
        } else {
            (parse_file(path, src, env, in_build), None)
        };
        parsed.index.in_build = in_build;
        (parsed, tree)
    }

    /// All packages, in the order they were indexed (directories sorted
    /// within one call).
    #[must_use]
    pub fn packages(&self) -> &[Package] {
        &self.packages
    }

    /// The package of directory `dir`, if indexed.
    #[must_use]
    pub fn package(&self, dir: &Path) -> Option<&Package> {
        self.by_dir.get(dir).map(|&i| &self.packages[i])
    }

    /// Entries for a profile function name (`import/path.Symbol`), in the
    /// packages whose directory ends with the import path (a `/vN` major
    /// version element may be missing from the directory).
    #[must_use]
    pub fn lookup(&self, function: &str) -> Vec<(&Package, FuncRef, NameMatch)> {
        let (pkg_path, symbol) = split_function_name(function);
        let wanted: Vec<&str> = pkg_path.split('/').filter(|s| !s.is_empty()).collect();
        let mut out = Vec::new();
        for p in &self.packages {
            let matches = if pkg_path == "main" {
                p.name == "main"
            } else {
                dir_matches(&p.dir, &wanted)
            };
            if matches {
                out.extend(p.lookup(symbol).into_iter().map(|(r, m)| (p, r, m)));
            }
        }
        out
    }

    /// The innermost function or literal of file `path` containing `line`.
    #[must_use]
    pub fn function_at(&self, path: &Path, line: u32) -> Option<(&Package, FuncRef)> {
        let pkg = self.package(path.parent()?)?;
        let file = pkg.file_index(path)?;
        pkg.function_at(file, line).map(|r| (pkg, r))
    }
}
