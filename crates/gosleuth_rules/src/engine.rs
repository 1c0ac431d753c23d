//! Runs rules over files: one parse per file (shared with the source
//! index), facts merged per package, rules run per file on all cores.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use gosleuth_go::{BuildContext, FileIndex, Index, SyntaxFile, par_map};

use crate::context::FileCtx;
use crate::facts::{FileFacts, PackageFacts, file_facts};
use crate::finding::Finding;
use crate::nodes::Nodes;
use crate::rule::{Hit, Rule};
use crate::types::Imports;

/// What checking a set of files produced.
#[derive(Debug, Default)]
pub(crate) struct Checked {
    pub(crate) findings: Vec<Finding>,
    pub(crate) lines: usize,
    pub(crate) warnings: Vec<String>,
}

/// Checks `files` (Go files under `root`) with `rules`.
pub(crate) fn check(root: &Path, files: Vec<PathBuf>, rules: &[&'static Rule]) -> Checked {
    let (index, syntax) = Index::index_files_with_syntax(files, BuildContext::default());
    let syntax: Vec<&SyntaxFile> = syntax.iter().collect();
    check_parsed(root, &syntax, &index, rules)
}

/// Checks files already parsed and indexed (each of `syntax` must be in
/// `index`, whose entries give the findings' functions).
pub(crate) fn check_parsed(
    root: &Path,
    syntax: &[&SyntaxFile],
    index: &Index,
    rules: &[&'static Rule],
) -> Checked {
    let empty = FileIndex::default();
    let file_index: Vec<&FileIndex> = syntax
        .iter()
        .map(|f| lookup(index, &f.path).unwrap_or(&empty))
        .collect();
    let imports: Vec<Imports> = file_index
        .iter()
        .map(|f| Imports::new(&f.imports))
        .collect();
    let jobs: Vec<usize> = (0..syntax.len()).collect();
    let collected: Vec<Option<(Nodes<'_>, FileFacts)>> = par_map(&jobs, |&i| {
        let f = syntax[i];
        let tree = f.tree.as_ref()?;
        let nodes = Nodes::collect(tree.root_node(), &f.source);
        let rel = relative(root, &f.path);
        let facts = file_facts(
            &f.path,
            &rel,
            &f.source,
            tree.root_node(),
            &nodes,
            &imports[i],
        );
        Some((nodes, facts))
    });
    let mut by_dir: BTreeMap<PathBuf, Vec<usize>> = BTreeMap::new();
    for (i, f) in syntax.iter().enumerate() {
        by_dir
            .entry(f.path.parent().map(Path::to_path_buf).unwrap_or_default())
            .or_default()
            .push(i);
    }
    let mut nodes: Vec<Option<Nodes<'_>>> = Vec::with_capacity(syntax.len());
    let mut file_facts_list: Vec<Option<FileFacts>> = Vec::with_capacity(syntax.len());
    for c in collected {
        let (n, f) = c.map_or((None, None), |(n, f)| (Some(n), Some(f)));
        nodes.push(n);
        file_facts_list.push(f);
    }
    let mut facts: HashMap<PathBuf, PackageFacts> = HashMap::new();
    let mut go_minor: HashMap<PathBuf, u32> = HashMap::new();
    for (dir, members) in &by_dir {
        let parts = members
            .iter()
            .filter_map(|&i| file_facts_list[i].take())
            .collect();
        facts.insert(dir.clone(), PackageFacts::merge(parts));
        go_minor.insert(dir.clone(), module_go_minor(root, dir));
    }
    let results: Vec<Vec<Finding>> = par_map(&jobs, |&i| {
        let f = syntax[i];
        let Some(nodes) = nodes[i].as_ref() else {
            return Vec::new();
        };
        let dir = f.path.parent().map(Path::to_path_buf).unwrap_or_default();
        let ctx = FileCtx::new(
            &f.source,
            file_index[i],
            &facts[&dir],
            &imports[i],
            nodes,
            go_minor.get(&dir).copied().unwrap_or(99),
        );
        run_rules(&ctx, root, f, index, rules)
    });
    let mut out = Checked::default();
    for (f, fi) in syntax.iter().zip(&file_index) {
        out.lines += f.source.lines().count();
        for w in &fi.warnings {
            out.warnings.push(format!(
                "{}:{}: {}",
                relative(root, &f.path),
                w.line,
                w.message
            ));
        }
    }
    out.findings = results.into_iter().flatten().collect();
    out
}

fn lookup<'i>(index: &'i Index, path: &Path) -> Option<&'i FileIndex> {
    let pkg = index.package(path.parent()?)?;
    pkg.files.get(pkg.file_index(path)?)
}

fn run_rules(
    ctx: &FileCtx<'_>,
    root: &Path,
    f: &SyntaxFile,
    index: &Index,
    rules: &[&'static Rule],
) -> Vec<Finding> {
    let mut out = Vec::new();
    let file = relative(root, &f.path);
    let lines: Vec<&str> = f.source.lines().collect();
    for rule in rules {
        let mut hits: Vec<Hit> = Vec::new();
        (rule.check)(ctx, &mut hits);
        for h in hits {
            let function = index
                .function_at(&f.path, h.line)
                .map(|(pkg, r)| pkg.function(r).name.clone());
            out.push(Finding {
                rule: rule.id,
                slug: rule.slug,
                kind: rule.kind,
                category: rule.category,
                severity: h.severity.unwrap_or(rule.severity),
                file: file.clone(),
                line: h.line,
                end_line: h.end_line,
                function,
                evidence: excerpt(&lines, h.line, h.end_line),
                message: h.message,
                related: h.related,
                avoidable: rule.avoidable,
                effort: rule.effort,
                weight: None,
            });
        }
    }
    out
}

/// `path` relative to `root`, with `/` separators: how findings name
/// their files.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Lines `start..=end` (at most six), common indentation removed.
fn excerpt(lines: &[&str], start: u32, end: u32) -> String {
    const MAX: usize = 6;
    let s = (start as usize).saturating_sub(1);
    let e = (end as usize).min(lines.len());
    if s >= e {
        return String::new();
    }
    let take = &lines[s..e.min(s + MAX)];
    let indent = take
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out: Vec<String> = take
        .iter()
        .map(|l| {
            l.get(indent..)
                .unwrap_or(l.trim_start())
                .trim_end()
                .to_owned()
        })
        .collect();
    if e - s > MAX {
        out.push("…".to_owned());
    }
    out.join("\n")
}

/// The minor version of the `go` directive of the nearest `go.mod` at or
/// above `dir` (not above `root`); 99 when there is none.
fn module_go_minor(root: &Path, dir: &Path) -> u32 {
    let mut cur = Some(dir);
    while let Some(d) = cur {
        if let Ok(text) = std::fs::read_to_string(d.join("go.mod")) {
            return text
                .lines()
                .find_map(|l| l.trim().strip_prefix("go "))
                .and_then(|v| v.trim().strip_prefix("1."))
                .and_then(|v| v.split('.').next())
                .and_then(|v| v.parse().ok())
                .unwrap_or(99);
        }
        if d == root {
            break;
        }
        cur = d.parent();
    }
    99
}
