//! What resolving a set of real frames achieves: the share resolved by name
//! (count and weight), closures mapped to their literal, and agreement of the
//! profiles' `start_line` with the indexed declaration lines.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use gosleuth_go::{
    BuildContext, Frame, FuncKind, FuncRef, Resolution, ResolveStatus, Resolver, SourceRoots,
    split_function_name,
};

use super::Frames;
use super::start_line::{StartLine, start_line};

/// The figures of one set of frames, and every frame that fell short.
#[derive(Debug, Default)]
pub(crate) struct Measured {
    pub(crate) frames: usize,
    pub(crate) resolved: usize,
    pub(crate) weight: f64,
    pub(crate) resolved_weight: f64,
    pub(crate) by_status: BTreeMap<String, usize>,
    /// Frames not resolved by name to a function (or package var) whose
    /// span contains the line, heaviest first.
    pub(crate) unresolved: Vec<(f64, String)>,
    pub(crate) closure_frames: usize,
    pub(crate) closure_literals: usize,
    /// `.funcN` frames not inside one literal.
    pub(crate) closure_failures: Vec<String>,
    /// Frames naming an absolute path that exists under a root but resolved
    /// to another file.
    pub(crate) wrong_file: Vec<String>,
    pub(crate) with_start_line: usize,
    /// `start_line` equal to the indexed declaration line.
    pub(crate) start_line_agree: usize,
    /// `start_line` of compiler-generated functions, equal to the line the
    /// compiler gives them (see [`StartLine`]), by kind.
    pub(crate) start_line_generated: BTreeMap<&'static str, usize>,
    /// Frames whose `start_line` differs from the declaration line of the
    /// function of that name containing the line.
    pub(crate) start_line_mismatches: Vec<String>,
}

impl Measured {
    pub(crate) fn count_pct(&self) -> f64 {
        pct(self.resolved as f64, self.frames as f64)
    }

    pub(crate) fn weight_pct(&self) -> f64 {
        pct(self.resolved_weight, self.weight)
    }

    /// The figures as printed by the tests.
    pub(crate) fn report(&self, title: &str, profiles: usize) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "== {title}: {profiles} profiles, {} distinct frames",
            self.frames
        );
        let _ = writeln!(
            out,
            "   resolved by name, line inside: {}/{} frames ({:.2}%), {:.2}% of weight",
            self.resolved,
            self.frames,
            self.count_pct(),
            self.weight_pct()
        );
        let _ = writeln!(out, "   statuses: {:?}", self.by_status);
        let _ = writeln!(
            out,
            "   closures: {} .funcN frames in {} literals, {} not inside their literal",
            self.closure_frames,
            self.closure_literals,
            self.closure_failures.len()
        );
        let _ = writeln!(
            out,
            "   files: {} frames resolved to another file than the one they name",
            self.wrong_file.len()
        );
        let _ = writeln!(
            out,
            "   start_line: {} frames carry it, {} equal the indexed declaration line, \
             {} compiler-generated at their rule's line {:?}, {} mismatches",
            self.with_start_line,
            self.start_line_agree,
            self.start_line_generated.values().sum::<usize>(),
            self.start_line_generated,
            self.start_line_mismatches.len()
        );
        for (w, f) in &self.unresolved {
            let _ = writeln!(out, "   unresolved {:6.3}%  {f}", 100.0 * w / self.weight);
        }
        let problems = [
            &self.closure_failures,
            &self.wrong_file,
            &self.start_line_mismatches,
        ];
        for f in problems.into_iter().flatten() {
            let _ = writeln!(out, "   {f}");
        }
        out
    }
}

fn pct(part: f64, whole: f64) -> f64 {
    if whole == 0.0 {
        100.0
    } else {
        100.0 * part / whole
    }
}

/// Resolves `frames` against `roots` and measures the outcome.
pub(crate) fn measure(roots: &SourceRoots, frames: &Frames) -> Measured {
    let canonical_roots: Vec<PathBuf> = roots
        .src
        .iter()
        .chain(&roots.goroot)
        .filter_map(|r| r.canonicalize().ok())
        .collect();
    let mut resolver =
        Resolver::new(roots, BuildContext::default()).unwrap_or_else(|e| panic!("{e}"));
    let resolutions = resolver.resolve_all(&frames.frames);
    let mut m = Measured {
        frames: frames.frames.len(),
        weight: frames.weights.iter().sum(),
        ..Measured::default()
    };
    let mut literals: BTreeMap<(&str, &str), Vec<FuncRef>> = BTreeMap::new();
    for ((frame, &w), res) in frames.frames.iter().zip(&frames.weights).zip(&resolutions) {
        *m.by_status.entry(format!("{:?}", res.status)).or_default() += 1;
        let what = format!(
            "{} {}:{} (start {}) -> {:?} {}",
            frame.function,
            frame.file,
            frame.line,
            frame.start_line,
            res.status,
            res.path
                .as_ref()
                .map_or(String::new(), |p| p.display().to_string())
        );
        if line_inside(&resolver, frame, res) {
            m.resolved += 1;
            m.resolved_weight += w;
        } else {
            m.unresolved.push((w, what.clone()));
        }
        if is_closure(&frame.function) {
            m.closure_frames += 1;
            match literal_of(&resolver, frame, res) {
                Some(r) => literals
                    .entry((&frame.function, &frame.file))
                    .or_default()
                    .push(r),
                None => m
                    .closure_failures
                    .push(format!("closure not inside a literal: {what}")),
            }
        }
        if names_other_file(&canonical_roots, frame, res) {
            m.wrong_file.push(format!("wrong file: {what}"));
        }
        if frame.start_line > 0 {
            m.with_start_line += 1;
            match start_line(&resolver, frame, res) {
                StartLine::Declaration => m.start_line_agree += 1,
                StartLine::Generated(kind) => *m.start_line_generated.entry(kind).or_default() += 1,
                StartLine::Mismatch(lines) => m
                    .start_line_mismatches
                    .push(format!("start_line mismatch (expected {lines:?}): {what}")),
            }
        }
    }
    m.closure_literals = literals.len();
    for ((name, file), refs) in &literals {
        if refs.windows(2).any(|w| w[0] != w[1]) {
            m.closure_failures.push(format!(
                "{name} ({file}) maps to several literals: {refs:?}"
            ));
        }
    }
    m.unresolved
        .sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    m
}

/// Resolved by name, and the line checked here again: inside the function
/// found, or inside the package-level var spec for `init` frames.
fn line_inside(resolver: &Resolver, frame: &Frame, res: &Resolution) -> bool {
    let Some(line) = u32::try_from(frame.line).ok().filter(|l| *l > 0) else {
        return false;
    };
    let Some(pkg) = res
        .package_dir
        .as_ref()
        .and_then(|d| resolver.index().package(d))
    else {
        return false;
    };
    match (res.status, res.function, res.package_var) {
        (ResolveStatus::Confirmed, Some(r), _) => pkg.function(r).span.contains(line),
        (ResolveStatus::PackageInit, _, Some(v)) => res
            .path
            .as_ref()
            .and_then(|p| pkg.file_index(p))
            .is_some_and(|file| pkg.files[file].vars[v].span.contains(line)),
        _ => false,
    }
}

/// The literal a `.funcN` frame resolved to, when its span holds the line.
fn literal_of(resolver: &Resolver, frame: &Frame, res: &Resolution) -> Option<FuncRef> {
    let pkg = resolver.index().package(res.package_dir.as_ref()?)?;
    let r = res
        .function
        .filter(|_| res.status == ResolveStatus::Confirmed)?;
    let f = pkg.function(r);
    let line = u32::try_from(frame.line).ok()?;
    (f.kind == FuncKind::Literal && f.span.contains(line)).then_some(r)
}

/// Whether the frame names an existing file under a root (an absolute build
/// path on this machine) but resolved to a different one.
fn names_other_file(roots: &[PathBuf], frame: &Frame, res: &Resolution) -> bool {
    let named = Path::new(&frame.file);
    let Some(named) = named
        .is_absolute()
        .then(|| named.canonicalize().ok())
        .flatten()
    else {
        return false;
    };
    roots.iter().any(|r| named.starts_with(r))
        && res.path.as_ref().and_then(|p| p.canonicalize().ok()) != Some(named)
}

/// `F.func1`, `F.func1.2`, `(*T[...]).M.func3`: a function literal by its name.
pub(crate) fn is_closure(name: &str) -> bool {
    let (_, symbol) = split_function_name(name);
    let mut parts = symbol.rsplit('.');
    let last = parts.next().unwrap_or("");
    let numeric = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    last.strip_prefix("func").is_some_and(numeric) || (numeric(last) && symbol.contains(".func"))
}
