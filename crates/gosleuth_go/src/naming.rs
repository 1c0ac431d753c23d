//! Package-wide compiler names, verified against Go 1.19 and Go 1.26 builds:
//!
//! * closures in a function are `F.funcN`, numbered per outer function in
//!   source order; closures in closures are `F.funcN.M`;
//! * `func init()` bodies are renamed `init.0`, `init.1`… in file order;
//! * closures in package-level var initializers are `init.funcN` in package
//!   initialization order (Go ≥ 1.21) or `glob..funcN` in source order
//!   (Go ≤ 1.19);
//! * Go ≥ 1.21 drops dead code before numbering, Go ≤ 1.19 does not;
//! * go/defer wrappers are `F.gowrapN`/`F.deferwrapN` (Go ≥ 1.22, one counter
//!   for both); Go ≤ 1.21 numbers them as `F.funcN` after every closure of F,
//!   so they are not indexed under that name.

use crate::initorder::{VarNode, init_order};
use crate::model::FuncKind;
use crate::parse::{NameSeed, ParsedFile};

/// Fills `name` and `legacy_name` of every function of a package whose files
/// are given sorted by file name.
pub(crate) fn assign_names(files: &mut [ParsedFile]) {
    let order = file_order(files);
    let init_numbers = number_inits(files, &order);
    let (modern, legacy) = number_package_literals(files, &order);
    for (f, file) in files.iter_mut().enumerate() {
        let mut names: Vec<(String, String)> = Vec::with_capacity(file.seeds.len());
        for (i, seed) in file.seeds.iter().enumerate() {
            let func = &file.index.functions[i];
            let parent = func
                .parent
                .map(|p| (&names[p], file.index.functions[p].kind));
            let (name, old) = match seed {
                NameSeed::Decl(s) => (s.clone(), s.clone()),
                NameSeed::Init => {
                    let n = init_numbers.get(&(f, i)).copied().unwrap_or(0);
                    (format!("init.{n}"), format!("init.{n}"))
                }
                NameSeed::PackageLiteral => {
                    let m = modern.get(&(f, i)).copied().unwrap_or(0);
                    let l = legacy.get(&(f, i)).copied().unwrap_or(0);
                    (format!("init.func{m}"), format!("glob..func{l}"))
                }
                NameSeed::Literal { modern, legacy } => {
                    let ((pm, pl), kind) = parent.map_or(
                        ((String::new(), String::new()), FuncKind::Function),
                        |(n, k)| (n.clone(), k),
                    );
                    let sep = if kind == FuncKind::Literal {
                        "."
                    } else {
                        ".func"
                    };
                    let old = format!("{pl}{sep}{legacy}");
                    let new = modern.map_or_else(|| old.clone(), |m| format!("{pm}{sep}{m}"));
                    (new, old)
                }
                NameSeed::Wrapper { go, n } => {
                    let pm = parent.map_or("", |(n, _)| n.0.as_str());
                    let what = if *go { "gowrap" } else { "deferwrap" };
                    let new = format!("{pm}.{what}{n}");
                    (new.clone(), new)
                }
            };
            names.push((name, old));
        }
        for (func, (name, old)) in file.index.functions.iter_mut().zip(names) {
            func.legacy_name =
                (old != name && func.kind != FuncKind::GoWrap && func.kind != FuncKind::DeferWrap)
                    .then_some(old);
            func.name = name;
        }
    }
}

/// Files in build order: files in the build first (already sorted by name),
/// then the rest, which Go would not compile together.
fn file_order(files: &[ParsedFile]) -> Vec<usize> {
    let (mut order, rest): (Vec<usize>, Vec<usize>) =
        (0..files.len()).partition(|&f| files[f].index.in_build);
    order.extend(rest);
    order
}

fn number_inits(
    files: &[ParsedFile],
    order: &[usize],
) -> std::collections::HashMap<(usize, usize), u32> {
    let mut out = std::collections::HashMap::new();
    let mut n = 0;
    for &f in order {
        for (i, seed) in files[f].seeds.iter().enumerate() {
            if *seed == NameSeed::Init {
                out.insert((f, i), n);
                n += 1;
            }
        }
    }
    out
}

type Numbers = std::collections::HashMap<(usize, usize), u32>;

/// `init.funcN` (initialization order) and `glob..funcN` (source order)
/// numbers of the package-level literals.
fn number_package_literals(files: &[ParsedFile], order: &[usize]) -> (Numbers, Numbers) {
    let is_pkg_lit = |f: usize, i: usize| files[f].seeds.get(i) == Some(&NameSeed::PackageLiteral);
    let mut legacy = Numbers::new();
    for &f in order {
        for i in 0..files[f].seeds.len() {
            if is_pkg_lit(f, i) {
                let n = u32::try_from(legacy.len() + 1).unwrap_or(u32::MAX);
                legacy.insert((f, i), n);
            }
        }
    }
    let in_build: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&f| files[f].index.in_build)
        .collect();
    let specs: Vec<(usize, usize)> = in_build
        .iter()
        .flat_map(|&f| (0..files[f].index.vars.len()).map(move |v| (f, v)))
        .collect();
    let nodes: Vec<VarNode<'_>> = specs
        .iter()
        .map(|&(f, v)| VarNode {
            names: &files[f].index.vars[v].names,
            refs: &files[f].var_refs[v],
        })
        .collect();
    let funcs: Vec<(&str, &[String])> = in_build
        .iter()
        .flat_map(|&f| {
            files[f]
                .func_refs
                .iter()
                .map(|(n, r)| (n.as_str(), r.as_slice()))
        })
        .collect();
    let mut sequence: Vec<(usize, usize)> = init_order(&nodes, &funcs)
        .into_iter()
        .map(|k| specs[k])
        .collect();
    for &f in order.iter().filter(|&&f| !files[f].index.in_build) {
        sequence.extend((0..files[f].index.vars.len()).map(|v| (f, v)));
    }
    let mut modern = Numbers::new();
    for (f, v) in sequence {
        for &i in &files[f].index.vars[v].literals {
            if is_pkg_lit(f, i) {
                let n = u32::try_from(modern.len() + 1).unwrap_or(u32::MAX);
                modern.insert((f, i), n);
            }
        }
    }
    (modern, legacy)
}
