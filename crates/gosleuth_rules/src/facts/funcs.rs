//! Per-function summaries: signature, and whether the function hands out
//! pooled objects, puts its argument back in a pool, always returns a fresh
//! copy of its argument, builds its result in a per-call `bytes.Buffer`, or
//! waits on a channel.

use gosleuth_go::KindName as _;
use tree_sitter::Node;

use super::FileFacts;
use crate::nodes::Nodes;
use crate::syntax::{args, callee, field, find, line, named, statements, text, unparen};
use crate::types::Typer;

/// What is known about one function or method.
#[derive(Debug, Clone, Default)]
pub(crate) struct FuncFacts {
    /// Parameter (name, type) pairs; unnamed parameters have an empty name.
    pub(crate) params: Vec<(String, String)>,
    /// Result types.
    pub(crate) results: Vec<String>,
    /// Returns an object taken from pool `.0` (last name of the pool).
    pub(crate) pool_get: Option<String>,
    /// Appends to the pooled object before returning it (it can outgrow the
    /// pool's standard size).
    pub(crate) get_grows: bool,
    /// Puts its parameter number `.1` into pool `.0`.
    pub(crate) pool_put: Option<(String, usize)>,
    /// Line of a check that puts back only one exact capacity.
    pub(crate) exact_cap_guard: Option<u32>,
    /// Whether some size bound (`cap(b) > n`, `Cap()`) is checked before Put.
    pub(crate) size_guard: bool,
    /// Always returns a fresh copy of its only `[]byte` parameter.
    pub(crate) copy_helper: bool,
    /// Builds its result in a local `bytes.Buffer` and returns `Bytes()`.
    pub(crate) buffer_builder: bool,
    /// Waits on a channel (a bare receive, or a select without default):
    /// how, as a phrase (``blocks on `<-d.ch` ``).
    pub(crate) waits_on: Option<String>,
}

/// Summarizes a top-level function or method.
pub(super) fn summarize(typer: &Typer<'_>, nodes: &Nodes<'_>, func: Node<'_>, out: &mut FileFacts) {
    let src = typer.src;
    let name = crate::syntax::func_name(func, src);
    if name.is_empty() || name == "_" {
        return;
    }
    let key = key_of(typer, func);
    let mut f = FuncFacts {
        params: params(typer, func),
        results: results(typer, func),
        ..FuncFacts::default()
    };
    if let Some(body) = crate::syntax::body(func) {
        let scope = Scope {
            assigns: nodes.in_func(&nodes.assigns, func),
            calls: nodes.in_func(&nodes.calls, func),
            returns: nodes.in_func(&nodes.returns, func),
        };
        f.waits_on = super::waits::channel_wait(
            src,
            &nodes.in_func(&nodes.receives, func),
            &nodes.in_func(&nodes.selects, func),
            &scope.calls,
        );
        pool_get(src, &scope, &mut f);
        pool_put(src, body, &scope, &mut f);
        f.copy_helper = is_copy_helper(src, body, &f);
        f.buffer_builder = is_buffer_builder(typer, body, &scope);
    }
    out.funcs.push((key, f));
}

/// The nodes of one function (nested literals excluded).
struct Scope<'t> {
    assigns: Vec<Node<'t>>,
    calls: Vec<Node<'t>>,
    returns: Vec<Node<'t>>,
}

/// The facts key of a declared function: `Name`, or `Type.Name` for methods.
pub(crate) fn key_of(typer: &Typer<'_>, func: Node<'_>) -> String {
    let name = crate::syntax::func_name(func, typer.src);
    match field(func, "receiver").and_then(|r| named(r).into_iter().next()) {
        Some(p) => {
            let t = field(p, "type")
                .map(|t| typer.type_str(t))
                .unwrap_or_default();
            let base = t.trim_start_matches('*');
            let base = base.split('[').next().unwrap_or(base);
            format!("{base}.{name}")
        }
        None => name.to_owned(),
    }
}

fn params(typer: &Typer<'_>, func: Node<'_>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Some(list) = field(func, "parameters") else {
        return out;
    };
    for p in named(list) {
        let ty = field(p, "type")
            .map(|t| typer.type_str(t))
            .unwrap_or_default();
        let ty = if p.kind_name() == "variadic_parameter_declaration" {
            format!("[]{ty}")
        } else {
            ty
        };
        let mut c = p.walk();
        let names: Vec<&str> = p
            .children_by_field_name("name", &mut c)
            .map(|n| text(n, typer.src))
            .collect();
        if names.is_empty() {
            out.push((String::new(), ty));
        } else {
            out.extend(names.into_iter().map(|n| (n.to_owned(), ty.clone())));
        }
    }
    out
}

fn results(typer: &Typer<'_>, func: Node<'_>) -> Vec<String> {
    let Some(r) = field(func, "result") else {
        return Vec::new();
    };
    if r.kind_name() != "parameter_list" {
        return vec![typer.type_str(r)];
    }
    let mut out = Vec::new();
    for p in named(r) {
        let ty = field(p, "type")
            .map(|t| typer.type_str(t))
            .unwrap_or_default();
        let mut c = p.walk();
        let n = p.children_by_field_name("name", &mut c).count().max(1);
        out.extend(std::iter::repeat_n(ty, n));
    }
    out
}

/// `v := pool.Get()…` … `return v`.
fn pool_get(src: &str, scope: &Scope<'_>, f: &mut FuncFacts) {
    for &decl in scope
        .assigns
        .iter()
        .filter(|n| n.kind_name() == "short_var_declaration")
    {
        let left = field(decl, "left").map(named).unwrap_or_default();
        let right = field(decl, "right").map(named).unwrap_or_default();
        let (Some(var), Some(value)) = (left.first(), right.first()) else {
            continue;
        };
        let Some(pool) = get_call_pool(src, *value) else {
            continue;
        };
        let var = text(*var, src);
        let returned = scope.returns.iter().any(|r| {
            named(*r)
                .iter()
                .flat_map(|l| named(*l))
                .any(|e| root_ident(e, src) == Some(var))
        });
        if returned {
            f.pool_get = Some(pool);
            f.get_grows = scope.calls.iter().any(|c| {
                matches!(callee(*c, src), Some((None, "append")))
                    && args(*c)
                        .first()
                        .is_some_and(|a| root_ident(*a, src) == Some(var))
            });
            return;
        }
    }
}

/// The pool's last name when `expr` is `P.Get()` or `P.Get().(T)`.
pub(crate) fn get_call_pool(src: &str, expr: Node<'_>) -> Option<String> {
    let mut e = unparen(expr);
    if e.kind_name() == "type_assertion_expression" {
        e = unparen(field(e, "operand")?);
    }
    if e.kind_name() != "call_expression" {
        return None;
    }
    match callee(e, src)? {
        (Some(recv), "Get") if args(e).is_empty() => {
            let name = super::scan::last_name(recv, src);
            (!name.is_empty()).then(|| name.to_owned())
        }
        _ => None,
    }
}

/// The identifier an expression is rooted at: `b[:0]` → `b`, `&b` → `b`.
pub(crate) fn root_ident<'s>(node: Node<'_>, src: &'s str) -> Option<&'s str> {
    let node = unparen(node);
    match node.kind_name() {
        "identifier" => Some(text(node, src)),
        "slice_expression" | "index_expression" | "selector_expression" => {
            root_ident(field(node, "operand")?, src)
        }
        "unary_expression" => root_ident(field(node, "operand")?, src),
        _ => None,
    }
}

fn pool_put(src: &str, body: Node<'_>, scope: &Scope<'_>, f: &mut FuncFacts) {
    for &call in &scope.calls {
        let Some((Some(recv), "Put")) = callee(call, src) else {
            continue;
        };
        let Some(arg) = args(call).into_iter().next() else {
            continue;
        };
        let Some(root) = root_ident(arg, src) else {
            continue;
        };
        let Some(idx) = f.params.iter().position(|(n, _)| n == root) else {
            continue;
        };
        f.pool_put = Some((super::scan::last_name(recv, src).to_owned(), idx));
        let param = root.to_owned();
        for n in find(body, |n| {
            matches!(
                n.kind_name(),
                "binary_expression" | "expression_switch_statement"
            )
        }) {
            let t = text(n, src);
            let mentions = t.contains(&format!("cap({param}"))
                || t.contains(&format!("cap(*{param}"))
                || t.contains(&format!("{param}.Cap()"))
                || t.contains(&format!("len({param}"))
                || t.contains(&format!("{param}.Len()"));
            if !mentions {
                continue;
            }
            let op = field(n, "operator").map_or("switch", |o| text(o, src));
            match op {
                "!=" | "==" | "switch" => f.exact_cap_guard = f.exact_cap_guard.or(Some(line(n))),
                ">" | ">=" | "<" | "<=" => f.size_guard = true,
                _ => {}
            }
        }
        return;
    }
}

fn is_copy_helper(src: &str, body: Node<'_>, f: &FuncFacts) -> bool {
    let [(param, pty)] = f.params.as_slice() else {
        return false;
    };
    if pty != "[]byte" || f.results.as_slice() != ["[]byte"] || statements(body).len() > 8 {
        return false;
    }
    let t = text(body, src);
    let makes_copy = t.contains("make([]byte") && t.contains(&format!(", {param})"));
    let appends = t.contains(&format!("append([]byte(nil), {param}..."))
        || t.contains(&format!("append({param}[:0:0], {param}..."))
        || t.contains(&format!("bytes.Clone({param})"))
        || t.contains(&format!("slices.Clone({param})"));
    makes_copy || appends
}

fn is_buffer_builder(typer: &Typer<'_>, body: Node<'_>, scope: &Scope<'_>) -> bool {
    let src = typer.src;
    let returns_bytes = scope
        .returns
        .iter()
        .any(|r| text(*r, src).trim_end().ends_with(".Bytes()"));
    if !returns_bytes {
        return false;
    }
    let locals = typer.locals(body);
    scope.returns.iter().any(|r| {
        let Some(expr) = named(*r)
            .into_iter()
            .next()
            .and_then(|l| named(l).into_iter().next())
        else {
            return false;
        };
        let Some((Some(recv), "Bytes")) = (expr.kind_name() == "call_expression")
            .then(|| callee(expr, src))
            .flatten()
        else {
            return false;
        };
        recv.kind_name() == "identifier"
            && locals
                .all(text(recv, src))
                .iter()
                .any(|t| t.trim_start_matches('*') == "bytes.Buffer")
    })
}
