//! Package-level declarations and uses: struct fields, variables, and the
//! names that are closed, deleted from, reset or written by index.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use gosleuth_go::KindName as _;
use tree_sitter::Node;

use super::{FileFacts, MapWrite};
use crate::nodes::Nodes;
use crate::syntax::{args, callee, field, named, text, unparen};
use crate::types::{Locals, Typer};

/// Struct types and package-level variables.
pub(super) fn types_and_vars(typer: &Typer<'_>, root: Node<'_>, out: &mut FileFacts) {
    let src = typer.src;
    for decl in named(root) {
        match decl.kind_name() {
            "type_declaration" => {
                for spec in named(decl)
                    .into_iter()
                    .filter(|s| s.kind_name() == "type_spec")
                {
                    let (Some(name), Some(ty)) = (field(spec, "name"), field(spec, "type")) else {
                        continue;
                    };
                    if ty.kind_name() == "struct_type" {
                        out.structs
                            .push((text(name, src).to_owned(), struct_fields(typer, ty)));
                    }
                }
            }
            "const_declaration" => consts(typer, decl, out),
            "var_declaration" => {
                let empty = Locals::default();
                for spec in var_specs(decl) {
                    let mut c = spec.walk();
                    let names: Vec<Node<'_>> =
                        spec.children_by_field_name("name", &mut c).collect();
                    let values = field(spec, "value").map(named).unwrap_or_default();
                    for (i, n) in names.iter().enumerate() {
                        let ty = field(spec, "type").map(|t| typer.type_str(t)).or_else(|| {
                            values
                                .get(i)
                                .filter(|_| values.len() == names.len())
                                .and_then(|v| typer.type_of(*v, &empty))
                        });
                        if let Some(ty) = ty {
                            out.vars.push((text(*n, src).to_owned(), ty));
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

fn consts(typer: &Typer<'_>, decl: Node<'_>, out: &mut FileFacts) {
    for spec in named(decl)
        .into_iter()
        .filter(|s| s.kind_name() == "const_spec")
    {
        let mut c = spec.walk();
        let names: Vec<Node<'_>> = spec.children_by_field_name("name", &mut c).collect();
        let values = field(spec, "value").map(named).unwrap_or_default();
        for (n, v) in names.iter().zip(&values) {
            let known = &out.consts;
            let value = crate::syntax::int_value_with(*v, typer.src, &|id| known.get(id).copied());
            if let Some(x) = value {
                out.consts.insert(text(*n, typer.src).to_owned(), x);
            }
        }
    }
}

/// The var specs of a declaration, grouped or not.
pub(crate) fn var_specs(decl: Node<'_>) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    for c in named(decl) {
        match c.kind_name() {
            "var_spec" => out.push(c),
            "var_spec_list" => {
                out.extend(named(c).into_iter().filter(|s| s.kind_name() == "var_spec"))
            }
            _ => {}
        }
    }
    out
}

fn struct_fields(typer: &Typer<'_>, ty: Node<'_>) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    for list in named(ty) {
        for decl in named(list)
            .into_iter()
            .filter(|d| d.kind_name() == "field_declaration")
        {
            let Some(t) = field(decl, "type") else {
                continue;
            };
            let ts = typer.type_str(t);
            let mut c = decl.walk();
            let names: Vec<&str> = decl
                .children_by_field_name("name", &mut c)
                .map(|n| text(n, typer.src))
                .collect();
            if names.is_empty() {
                let base = ts.trim_start_matches('*');
                let short = base.rsplit('.').next().unwrap_or(base).to_owned();
                fields.push((short, ts));
            } else {
                for n in names {
                    fields.push((n.to_owned(), ts.clone()));
                }
            }
        }
    }
    fields
}

/// The last name of an expression: `c.out.ch` → `ch`, `m` → `m`.
pub(crate) fn last_name<'s>(node: Node<'_>, src: &'s str) -> &'s str {
    let node = unparen(node);
    match node.kind_name() {
        "selector_expression" => field(node, "field").map_or("", |f| text(f, src)),
        "identifier" => text(node, src),
        "unary_expression" => field(node, "operand").map_or("", |o| last_name(o, src)),
        _ => "",
    }
}

/// Uses across the file: close/delete/clear, index writes, resets, go targets.
pub(super) fn uses(
    typer: &Typer<'_>,
    path: &Path,
    rel: &str,
    nodes: &Nodes<'_>,
    out: &mut FileFacts,
) {
    let src = typer.src;
    let mut declared: HashMap<usize, HashSet<&str>> = HashMap::new();
    for &call in &nodes.calls {
        let Some((None, name)) = callee(call, src) else {
            continue;
        };
        if !matches!(
            name,
            "make" | "len" | "cap" | "append" | "copy" | "new" | "panic" | "string"
        ) {
            out.call_sites
                .entry(name.to_owned())
                .or_default()
                .push(super::CallSite {
                    file: path.to_path_buf(),
                    rel: rel.to_owned(),
                    line: crate::syntax::line(call),
                    in_loop: nodes.in_loop(call),
                });
        }
        let first = args(call).first().copied();
        match (name, first) {
            ("close", Some(a)) => {
                out.closed.insert(last_name(a, src).to_owned());
            }
            ("delete" | "clear", Some(a)) => {
                out.deleted.insert(last_name(a, src).to_owned());
            }
            _ => {}
        }
    }
    for &stmt in &nodes.assigns {
        let top = nodes.top_of(stmt);
        let in_init = top.is_some_and(|t| crate::syntax::func_name(t, src) == "init");
        for l in field(stmt, "left").map(named).unwrap_or_default() {
            let (target, whole) = match l.kind_name() {
                "index_expression" => match field(l, "operand") {
                    Some(o) if o.kind_name() == "identifier" => (o, false),
                    _ => continue,
                },
                "identifier" if stmt.kind_name() == "assignment_statement" => (l, true),
                "selector_expression" if stmt.kind_name() == "assignment_statement" => {
                    out.reset.insert(last_name(l, src).to_owned());
                    continue;
                }
                _ => continue,
            };
            let name = text(target, src);
            let is_local = top.is_some_and(|t| {
                declared
                    .entry(t.id())
                    .or_insert_with(|| declared_names(nodes, t, src))
                    .contains(name)
            });
            if is_local || in_init {
                continue;
            }
            if whole {
                out.reset.insert(name.to_owned());
            } else {
                out.map_writes.push(MapWrite {
                    name: name.to_owned(),
                    file: path.to_path_buf(),
                    rel: rel.to_owned(),
                    line: crate::syntax::line(stmt),
                });
            }
        }
    }
    for &g in &nodes.gos {
        let Some(call) = g
            .named_child(0)
            .filter(|c| c.kind_name() == "call_expression")
        else {
            continue;
        };
        let Some((_, name)) = callee(call, src) else {
            continue;
        };
        for (i, a) in args(call).into_iter().enumerate() {
            if a.kind_name() == "identifier" {
                out.go_targets.insert((name.to_owned(), i));
            }
        }
    }
    for &top in &nodes.tops {
        if !is_http_handler(typer, top) {
            continue;
        }
        for &call in Nodes::within(&nodes.calls, top) {
            if let Some((_, name)) = callee(call, src) {
                out.handler_callees.insert(name.to_owned());
            }
        }
    }
}

/// Whether a function takes an `http.ResponseWriter`.
pub(crate) fn is_http_handler(typer: &Typer<'_>, func: Node<'_>) -> bool {
    let Some(params) = field(func, "parameters") else {
        return false;
    };
    named(params)
        .into_iter()
        .any(|p| field(p, "type").is_some_and(|t| typer.type_str(t) == "http.ResponseWriter"))
}

/// Names a function declares: parameters and receivers (its own and its
/// literals'), `:=`, `var` and range keys.
fn declared_names<'s>(nodes: &Nodes<'_>, func: Node<'_>, src: &'s str) -> HashSet<&'s str> {
    let mut out = HashSet::new();
    let mut add_names = |n: Node<'_>| {
        let mut c = n.walk();
        for name in n.children_by_field_name("name", &mut c) {
            out.insert(text(name, src));
        }
    };
    for &f in Nodes::within(&nodes.funcs, func) {
        for list in ["receiver", "parameters"] {
            for p in field(f, list).map(named).unwrap_or_default() {
                add_names(p);
            }
        }
    }
    for &v in Nodes::within(&nodes.var_specs, func) {
        add_names(v);
    }
    let lefts = Nodes::within(&nodes.assigns, func)
        .iter()
        .filter(|a| a.kind_name() == "short_var_declaration")
        .copied()
        .chain(
            Nodes::within(&nodes.fors, func)
                .iter()
                .filter_map(|f| f.named_child(0).filter(|c| c.kind_name() == "range_clause")),
        );
    for n in lefts {
        if let Some(left) = field(n, "left") {
            for l in named(left) {
                out.insert(text(l, src));
            }
        }
    }
    out
}
