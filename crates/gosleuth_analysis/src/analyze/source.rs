//! The join with the Go source: resolving frames to files and functions,
//! reading code lines, and finding which pool a `New` function belongs to.

use std::path::{Path, PathBuf};

use gosleuth_go::{BuildContext, Frame, Package, Resolution, Resolver, SourceRoots};
use gosleuth_pprof::Profile;
use rustc_hash::FxHashMap;

use crate::model::{PoolAttribution, SourceCoverage, SourceLine};

/// Source roots and the resolver over them, with a cache of file lines.
pub(crate) struct Source {
    resolver: Option<Resolver>,
    roots: Vec<PathBuf>,
    /// How many of `roots` are the service's (`--src`); the Go root follows.
    service_roots: usize,
    lines: FxHashMap<PathBuf, Vec<String>>,
}

impl Source {
    /// Opens the roots; no roots means no source (the report says so).
    pub(crate) fn new(roots: &SourceRoots) -> Result<Source, gosleuth_go::Error> {
        if roots.src.is_empty() && roots.goroot.is_none() {
            return Ok(Source {
                resolver: None,
                roots: Vec::new(),
                service_roots: 0,
                lines: FxHashMap::default(),
            });
        }
        let mut resolver = Resolver::new(roots, BuildContext::default())?;
        let all = resolver.roots().to_vec();
        // The service's files the profile names are audited for advice
        // after resolution: keep their parses for it.
        resolver.keep_syntax_under(all[..roots.src.len()].to_vec());
        Ok(Source {
            resolver: Some(resolver),
            roots: all,
            service_roots: roots.src.len(),
            lines: FxHashMap::default(),
        })
    }

    /// The resolver's index (`None` without source roots).
    pub(crate) fn index(&self) -> Option<&gosleuth_go::Index> {
        self.resolver.as_ref().map(Resolver::index)
    }

    /// Whether any source root was given.
    pub(crate) fn has_roots(&self) -> bool {
        self.resolver.is_some()
    }

    /// Resolves every distinct frame of `p` at once; returns the coverage.
    pub(crate) fn coverage(&mut self, p: &Profile) -> SourceCoverage {
        let mut frames: Vec<Frame> = Vec::new();
        for loc in &p.locations {
            for line in &loc.lines {
                if let Some(f) = p.function(line) {
                    frames.push(Frame {
                        function: f.name.clone(),
                        file: f.filename.clone(),
                        line: line.line,
                        start_line: f.start_line,
                    });
                }
            }
        }
        frames.sort_by(|a, b| (&a.function, &a.file, a.line).cmp(&(&b.function, &b.file, b.line)));
        frames.dedup();
        let Some(resolver) = self.resolver.as_mut() else {
            return SourceCoverage {
                resolved: 0,
                frames: frames.len(),
                unresolved: Vec::new(),
            };
        };
        let res = resolver.resolve_all(&frames);
        let mut unresolved: Vec<String> = frames
            .iter()
            .zip(&res)
            .filter(|(f, r)| !resolver.agrees(f, r))
            .map(|(f, _)| format!("{} {}:{}", f.function, f.file, f.line))
            .collect();
        let resolved = frames.len() - unresolved.len();
        unresolved.truncate(20);
        SourceCoverage {
            resolved,
            frames: frames.len(),
            unresolved,
        }
    }

    /// Resolves one frame.
    pub(crate) fn resolve(
        &mut self,
        function: &str,
        file: &str,
        line: i64,
        start_line: i64,
    ) -> Option<Resolution> {
        let frame = Frame {
            function: function.into(),
            file: file.into(),
            line,
            start_line,
        };
        let resolver = self.resolver.as_mut()?;
        let r = resolver.resolve(&frame);
        // A line of another version of the source is no resolution.
        resolver.agrees(&frame, &r).then_some(r)
    }

    /// The path of a resolved file relative to the root it was found under.
    pub(crate) fn display(&self, r: &Resolution) -> Option<String> {
        let path = r.path.as_ref()?;
        let root = r.root.and_then(|i| self.roots.get(i));
        let rel = root
            .and_then(|root| path.strip_prefix(root).ok())
            .unwrap_or(path);
        Some(rel.display().to_string())
    }

    /// The package directory and file of a resolution under a `--src` root
    /// (the standard library is not advice material).
    pub(crate) fn service_file(&self, r: &Resolution) -> Option<(PathBuf, PathBuf)> {
        r.root.filter(|i| *i < self.service_roots)?;
        Some((r.package_dir.clone()?, r.path.clone()?))
    }

    /// The package a resolution points into.
    pub(crate) fn package(&self, r: &Resolution) -> Option<&Package> {
        self.resolver
            .as_ref()?
            .index()
            .package(r.package_dir.as_ref()?)
    }

    /// The statement at `line` of a resolved file (or the raw line, trimmed).
    pub(crate) fn code(&mut self, r: &Resolution, line: i64) -> Option<String> {
        let path = r.path.clone()?;
        let n = u32::try_from(line).ok()?;
        if let Some(pkg) = self.package(r)
            && let Some(fi) = pkg.file_index(&path)
            && let Some(st) = pkg.files[fi]
                .statements
                .iter()
                .rev()
                .find(|s| s.span.contains(n) && s.span.len() <= 3)
        {
            return Some(one_line(&st.text));
        }
        let lines = self
            .lines
            .entry(path.clone())
            .or_insert_with(|| read_lines(&path));
        lines
            .get(usize::try_from(n).ok()?.checked_sub(1)?)
            .map(|l| l.trim().to_string())
    }

    /// The lines of `heat` (line, value) of a resolved file with `context`
    /// lines around each, in line order, at most `cap` lines (the heaviest
    /// lines' windows first).
    pub(crate) fn window(
        &mut self,
        r: &Resolution,
        heat: &[(i64, f64)],
        context: i64,
        cap: usize,
    ) -> Vec<SourceLine> {
        let Some(path) = r.path.clone() else {
            return Vec::new();
        };
        let lines = self
            .lines
            .entry(path.clone())
            .or_insert_with(|| read_lines(&path));
        let mut wanted: Vec<i64> = Vec::new();
        for &(line, _) in heat {
            let around: Vec<i64> = (line - context..=line + context)
                .filter(|l| {
                    *l >= 1
                        && usize::try_from(*l).is_ok_and(|l| l <= lines.len())
                        && !wanted.contains(l)
                })
                .collect();
            if wanted.len() + around.len() > cap {
                break;
            }
            wanted.extend(around);
        }
        wanted.sort_unstable();
        wanted
            .into_iter()
            .map(|line| SourceLine {
                line,
                code: usize::try_from(line - 1)
                    .ok()
                    .and_then(|i| lines.get(i))
                    .map_or(String::new(), |c| c.trim_end().to_string()),
                value: heat
                    .iter()
                    .filter(|(l, _)| *l == line)
                    .fold(0.0, |sum, (_, v)| sum + v),
            })
            .collect()
    }

    /// When `r` is the `New` literal of a `sync.Pool`: the pool, its literal's
    /// place and the `Put` calls that return objects to it.
    pub(crate) fn pool_of(&self, r: &Resolution) -> Option<PoolAttribution> {
        let pkg = self.package(r)?;
        let func = r.function?;
        let file = &pkg.files[func.file];
        let pool = file.pools.iter().find(|p| p.literal == func.func)?;
        let put = format!("{}.Put", pool.owner);
        let mut puts: Vec<String> = pkg
            .files
            .iter()
            .flat_map(|f| {
                let name = file_name(&f.path);
                f.calls
                    .iter()
                    .filter(|c| c.callee == put || c.callee.ends_with(&format!(".{put}")))
                    .map(move |c| format!("{name}:{}", c.line))
            })
            .collect();
        puts.sort();
        Some(PoolAttribution {
            pool: pool.owner.clone(),
            file: file_name(&file.path),
            line: pool.line,
            object_size: None,
            puts,
        })
    }
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read_lines(p: &Path) -> Vec<String> {
    std::fs::read(p)
        .map(|b| {
            String::from_utf8_lossy(&b)
                .lines()
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The service's files keep their parse for the advice step's audit;
    /// the Go root's (most of what a profile names) do not.
    #[test]
    fn service_files_keep_their_parse_and_the_go_root_does_not() {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let service = manifest
            .join("../../examples/pushsvc")
            .canonicalize()
            .unwrap();
        let goroot = std::env::temp_dir().join(format!("gosleuth_goroot_{}", std::process::id()));
        let pool = goroot.join("src/sync/pool.go");
        std::fs::create_dir_all(pool.parent().unwrap()).unwrap();
        std::fs::write(
            &pool,
            "package sync\n\nfunc (p *Pool) Get() any {\n\treturn nil\n}\n",
        )
        .unwrap();
        let roots = SourceRoots {
            src: vec![service.clone()],
            goroot: Some(goroot.clone()),
        };
        let mut source = Source::new(&roots).unwrap();
        let function = "github.com/gosleuth/examples/pushsvc/broker.(*Server).Serve";
        let served = source.resolve(function, "/build/pushsvc/broker/server.go", 75, 74);
        let got = source.resolve("sync.(*Pool).Get", "/usr/lib/go/src/sync/pool.go", 4, 3);
        let index = source.index().unwrap();
        let kept = |r: Option<Resolution>| index.syntax(&r.unwrap().path.unwrap()).is_some();
        let (service_kept, std_kept) = (kept(served), kept(got));
        std::fs::remove_dir_all(&goroot).unwrap();
        assert!(service_kept, "the service's file is kept");
        assert!(!std_kept, "the Go root's is not");
    }
}
