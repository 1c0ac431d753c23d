//! Package initialization order (`cmd/compile/internal/types2/initorder.go`):
//! Go ≥ 1.21 numbers package-level closures `init.funcN` in this order.
//!
//! Dependencies are found by name only: identifiers in a var's initializer
//! that name package-level vars, and, through package-level functions (not
//! methods, which need types), the vars those functions use.

use std::collections::HashMap;

/// One package-level var spec, in declaration order.
pub(crate) struct VarNode<'a> {
    pub(crate) names: &'a [String],
    pub(crate) refs: &'a [String],
}

/// Returns the indices of `vars` in initialization order.
pub(crate) fn init_order(vars: &[VarNode<'_>], funcs: &[(&str, &[String])]) -> Vec<usize> {
    let n = vars.len();
    let words = n.div_ceil(64).max(1);
    let var_of: HashMap<&str, usize> = vars
        .iter()
        .enumerate()
        .flat_map(|(i, v)| v.names.iter().map(move |name| (name.as_str(), i)))
        .collect();
    let func_of: HashMap<&str, usize> = funcs
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (*name, i))
        .collect();

    // reach[f]: vars used by f or by the functions it uses, transitively.
    let mut reach = vec![vec![0u64; words]; funcs.len()];
    let mut calls: Vec<Vec<usize>> = vec![Vec::new(); funcs.len()];
    for (f, (_, refs)) in funcs.iter().enumerate() {
        for r in refs.iter() {
            if let Some(&v) = var_of.get(r.as_str()) {
                reach[f][v / 64] |= 1 << (v % 64);
            } else if let Some(&g) = func_of.get(r.as_str())
                && g != f
            {
                calls[f].push(g);
            }
        }
    }
    let mut changed = true;
    while changed {
        changed = false;
        for f in 0..funcs.len() {
            for &g in &calls[f] {
                let from = reach[g].clone();
                for (to, add) in reach[f].iter_mut().zip(from) {
                    if add & !*to != 0 {
                        *to |= add;
                        changed = true;
                    }
                }
            }
        }
    }

    let mut deps = vec![vec![0u64; words]; n];
    for (i, v) in vars.iter().enumerate() {
        for r in v.refs {
            if let Some(&d) = var_of.get(r.as_str()) {
                deps[i][d / 64] |= 1 << (d % 64);
            } else if let Some(&f) = func_of.get(r.as_str()) {
                for w in 0..words {
                    deps[i][w] |= reach[f][w];
                }
            }
        }
        deps[i][i / 64] &= !(1 << (i % 64));
    }
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut ndeps = vec![0usize; n];
    for (i, d) in deps.iter().enumerate() {
        for j in 0..n {
            if d[j / 64] & (1 << (j % 64)) != 0 {
                preds[j].push(i);
                ndeps[i] += 1;
            }
        }
    }
    // Pop the node with the fewest outstanding dependencies, then the
    // earliest declared, as types2's priority queue does.
    let mut done = vec![false; n];
    let mut order = Vec::with_capacity(n);
    for _ in 0..n {
        let Some(next) = (0..n).filter(|&i| !done[i]).min_by_key(|&i| (ndeps[i], i)) else {
            break;
        };
        done[next] = true;
        order.push(next);
        for &p in &preds[next] {
            ndeps[p] = ndeps[p].saturating_sub(1);
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::{VarNode, init_order};

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| (*x).to_owned()).collect()
    }

    #[test]
    fn dependencies_through_functions_delay_a_var() {
        // var first = {second}; var second = helper(); var third; var fourth
        // func helper() { fourth }
        let names = [s(&["first"]), s(&["second"]), s(&["third"]), s(&["fourth"])];
        let refs = [s(&["second"]), s(&["helper"]), s(&[]), s(&[])];
        let vars: Vec<VarNode<'_>> = names
            .iter()
            .zip(refs.iter())
            .map(|(n, r)| VarNode { names: n, refs: r })
            .collect();
        let helper = s(&["fourth", "len"]);
        let order = init_order(&vars, &[("helper", &helper)]);
        assert_eq!(order, vec![2, 3, 1, 0]);
    }
}
