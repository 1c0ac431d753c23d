//! Indexing only the files a profile names. A whole package costs a parse of
//! every file in it (the runtime alone is ~100 files); most frames need just
//! their own file, since closures are numbered per enclosing function. Frames
//! whose names depend on the whole package (`init.N`, `init.funcN`,
//! `glob..funcN`) still index the whole directory (`Index::add_dirs`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::index::Index;
use crate::par::par_map;
use crate::parse::{ConstEnv, ParsedFile};
use crate::walk::stays_in;

impl Index {
    /// Indexes the given files, each into its directory's package, without
    /// parsing the rest of the directory. Constants of the whole directory are
    /// still read (a cheap text scan) so dead-code rules see them.
    pub fn add_files_partial(&mut self, files: &[PathBuf]) {
        let mut by_dir: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
        for f in files {
            let dir = f.parent().map(Path::to_path_buf).unwrap_or_default();
            let full = self.by_dir.contains_key(&dir) && !self.partial.contains_key(&dir);
            let have = self
                .partial
                .get(&dir)
                .is_some_and(|p| p.iter().any(|pf| &pf.index.path == f));
            if !full && !have {
                by_dir.entry(dir).or_default().push(f.clone());
            }
        }
        let envs: Vec<ConstEnv> = by_dir.keys().map(|d| self.dir_env(d)).collect();
        let jobs: Vec<(usize, PathBuf)> = by_dir
            .values()
            .enumerate()
            .flat_map(|(i, fs)| {
                let mut fs = fs.clone();
                fs.sort();
                fs.dedup();
                fs.into_iter().map(move |f| (i, f))
            })
            .collect();
        let parsed = par_map(&jobs, |(i, path)| {
            let src = crate::walk::read_source(path);
            let (parsed, tree) = self.parse_one(path, &src, &envs[*i], self.keeps(path));
            (parsed, tree.map(|t| (src.unwrap_or_default(), t)))
        });
        let mut new_by_dir: Vec<Vec<ParsedFile>> = vec![Vec::new(); by_dir.len()];
        for ((i, path), (p, syntax)) in jobs.into_iter().zip(parsed) {
            new_by_dir[i].push(p);
            if let Some((source, tree)) = syntax {
                self.retain(&path, source, tree);
            }
        }
        for (dir, new) in by_dir.into_keys().zip(new_by_dir) {
            let mut all = self.partial.remove(&dir).unwrap_or_default();
            all.extend(new);
            self.put_package(dir.clone(), all.clone());
            self.partial.insert(dir, all);
        }
    }

    /// Indexes every package under `root` as a program's profile needs it:
    /// as `add_package_dirs` does, all Go files but the `_test.go` ones, which
    /// are added when a profile names one. On nats-server that is 77 files
    /// of 171 (2.6 MB of 6.7).
    ///
    /// # Errors
    /// When `root` cannot be listed.
    pub fn index_program_tree(root: &Path, build: crate::BuildContext) -> crate::Result<Index> {
        // A set: sorted paths put `a/b/x.go` between `a/a.go` and `a/c.go`.
        let dirs: BTreeSet<PathBuf> = crate::walk::source_files(root)?
            .iter()
            .filter_map(|f| f.parent().map(Path::to_path_buf))
            .collect();
        let dirs: Vec<PathBuf> = dirs.into_iter().collect();
        let mut index = Index::new(build);
        index.add_package_dirs(&dirs, &[]);
        Ok(index)
    }

    /// Indexes the packages of `dirs` not indexed yet, without their
    /// `_test.go` files except in the directories of `with_tests`. Test files
    /// are never in a program's build, so a profile needs them only when it
    /// names one (a profile of `go test`), and they are most of some packages
    /// (60% of nats-server's `server`). Such a package is kept as partial, so
    /// that a test file named later is still added to it.
    pub fn add_package_dirs(&mut self, dirs: &[PathBuf], with_tests: &[PathBuf]) {
        let (tests, no_tests): (Vec<PathBuf>, Vec<PathBuf>) =
            dirs.iter().cloned().partition(|d| with_tests.contains(d));
        self.add_dirs(&tests);
        let mut files = Vec::new();
        for dir in no_tests
            .iter()
            .filter(|d| !self.by_dir.contains_key(*d) || self.partial.contains_key(*d))
        {
            files.extend(
                self.dir_sources(dir)
                    .into_iter()
                    .filter(|p| !p.to_string_lossy().ends_with("_test.go")),
            );
        }
        // Every built file is read here, so one read serves the constants
        // scan and the parse (`add_files_partial` reads the whole directory
        // for constants, for files named one by one).
        self.add_files_with(files, false, true);
    }

    /// The package-level constants of every built Go file in `dir`, read once.
    fn dir_env(&mut self, dir: &Path) -> ConstEnv {
        if let Some(env) = self.dir_envs.get(dir) {
            return env.clone();
        }
        let env = self.scan_dir_env(dir);
        self.dir_envs.insert(dir.to_path_buf(), env.clone());
        env
    }

    fn scan_dir_env(&self, dir: &Path) -> ConstEnv {
        let mut env = ConstEnv {
            goos: self.build.goos,
            goarch: self.build.goarch,
            ..ConstEnv::default()
        };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return env;
        };
        let real_dir = dir.canonicalize().ok();
        // Files another platform builds (`_windows.go`) and test files are
        // never in the build: not worth reading.
        let mut paths: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| {
                e.file_name()
                    .to_str()
                    .is_some_and(|n| n.ends_with(".go") && self.build.name_ok(n))
            })
            .filter(|e| stays_in(e, real_dir.as_deref()))
            .map(|e| e.path())
            .collect();
        paths.sort();
        let scans = par_map(&paths, |p| {
            let src = crate::walk::read_source(p).ok()?;
            self.scan_constants(p, &src)
        });
        for scan in scans.into_iter().flatten() {
            env.absorb(scan);
        }
        env
    }
}
