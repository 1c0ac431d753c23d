//! Light type inference without a Go toolchain: local variables from their
//! declarations (`make`, literals, known calls, parameters), struct field
//! types of the same package, import aliases, method receivers and a table
//! of well-known signatures. Types are strings with canonical package ids:
//! `*bufio.Writer`, `[]byte`, `map[string]*retainedMsg`, `chan []byte`.

pub(crate) mod imports;
pub(crate) mod known;
mod locals;

use std::collections::HashMap;

use gosleuth_go::KindName as _;
use tree_sitter::Node;

use crate::facts::PackageFacts;
use crate::syntax::{args, callee, field, text, unparen};
pub(crate) use imports::Imports;

/// Types of the local names of one top-level function (literals included).
#[derive(Debug, Default)]
pub(crate) struct Locals {
    vars: HashMap<String, Vec<String>>,
}

impl Locals {
    /// Every type `name` was given, in source order.
    pub(crate) fn all(&self, name: &str) -> &[String] {
        self.vars.get(name).map_or(&[], Vec::as_slice)
    }

    /// Whether `name` is a local (or parameter) of the function.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.vars.contains_key(name)
    }

    fn add(&mut self, name: &str, ty: Option<String>) {
        if name == "_" {
            return;
        }
        let e = self.vars.entry(name.to_owned()).or_default();
        if let Some(t) = ty
            && !e.contains(&t)
        {
            e.push(t);
        }
    }
}

/// Infers types in one file.
pub(crate) struct Typer<'a> {
    pub(crate) src: &'a str,
    pub(crate) imports: &'a Imports,
    pub(crate) facts: &'a PackageFacts,
}

impl<'a> Typer<'a> {
    /// A type node as a canonical string.
    pub(crate) fn type_str(&self, node: Node<'_>) -> String {
        let src = self.src;
        match node.kind_name() {
            "qualified_type" => {
                let pkg = field(node, "package").map_or("", |p| text(p, src));
                let name = field(node, "name").map_or("", |n| text(n, src));
                let pkg = self.imports.canonical(pkg).unwrap_or(pkg);
                format!("{pkg}.{name}")
            }
            "pointer_type" => match node.named_child(0) {
                Some(inner) => format!("*{}", self.type_str(inner)),
                None => text(node, src).to_owned(),
            },
            "slice_type" => match field(node, "element") {
                Some(e) => format!("[]{}", self.type_str(e)),
                None => text(node, src).to_owned(),
            },
            "array_type" => match (field(node, "length"), field(node, "element")) {
                (Some(l), Some(e)) => format!("[{}]{}", text(l, src), self.type_str(e)),
                _ => text(node, src).to_owned(),
            },
            "map_type" => match (field(node, "key"), field(node, "value")) {
                (Some(k), Some(v)) => format!("map[{}]{}", self.type_str(k), self.type_str(v)),
                _ => text(node, src).to_owned(),
            },
            "channel_type" => {
                let t = text(node, src);
                let prefix = if t.starts_with("<-") {
                    "<-chan "
                } else if t.starts_with("chan<-") {
                    "chan<- "
                } else {
                    "chan "
                };
                match field(node, "value") {
                    Some(v) => format!("{prefix}{}", self.type_str(v)),
                    None => t.to_owned(),
                }
            }
            "generic_type" => {
                field(node, "type").map_or_else(|| text(node, src).to_owned(), |t| self.type_str(t))
            }
            "parenthesized_type" => node
                .named_child(0)
                .map_or_else(|| text(node, src).to_owned(), |t| self.type_str(t)),
            _ => text(node, src).to_owned(),
        }
    }

    /// The result types of a call.
    pub(crate) fn call_results(&self, call: Node<'_>, locals: &Locals) -> Vec<String> {
        let src = self.src;
        let Some((recv, name)) = callee(call, src) else {
            return Vec::new();
        };
        let owned = |v: Vec<&str>| v.into_iter().map(str::to_owned).collect();
        match recv {
            None => match name {
                "make" | "new" => {
                    let Some(t) = args(call).first().map(|a| self.type_str(*a)) else {
                        return Vec::new();
                    };
                    vec![if name == "new" { format!("*{t}") } else { t }]
                }
                "append" => args(call)
                    .first()
                    .and_then(|a| self.type_of(*a, locals))
                    .into_iter()
                    .collect(),
                "len" | "cap" | "copy" => vec!["int".into()],
                "string" => vec!["string".into()],
                _ => self.facts.func(name).map_or_else(
                    || {
                        if is_builtin_type(name) {
                            vec![name.to_owned()]
                        } else {
                            Vec::new()
                        }
                    },
                    |f| f.results.clone(),
                ),
            },
            Some(recv) => {
                if recv.kind_name() == "identifier"
                    && !locals.has(text(recv, src))
                    && let Some(pkg) = self.imports.canonical(text(recv, src))
                {
                    return known::results(&format!("{pkg}.{name}"))
                        .map(owned)
                        .unwrap_or_default();
                }
                let Some(t) = self.type_of(recv, locals) else {
                    return Vec::new();
                };
                let base = t.trim_start_matches('*');
                if let Some(f) = self.facts.func(&format!("{base}.{name}")) {
                    return f.results.clone();
                }
                known::results(&format!("{base}.{name}"))
                    .map(owned)
                    .unwrap_or_default()
            }
        }
    }

    /// The type of an expression, when it can be told.
    pub(crate) fn type_of(&self, expr: Node<'_>, locals: &Locals) -> Option<String> {
        let src = self.src;
        let expr = unparen(expr);
        match expr.kind_name() {
            "identifier" => {
                let name = text(expr, src);
                locals
                    .all(name)
                    .first()
                    .cloned()
                    .or_else(|| self.facts.vars.get(name).cloned())
            }
            "selector_expression" => {
                let operand = field(expr, "operand")?;
                let name = text(field(expr, "field")?, src);
                if operand.kind_name() == "identifier"
                    && !locals.has(text(operand, src))
                    && let Some(pkg) = self.imports.canonical(text(operand, src))
                {
                    return Some(format!("{pkg}.{name}"));
                }
                let t = self.type_of(operand, locals)?;
                self.field_type(&t, name)
            }
            "call_expression" => self.call_results(expr, locals).into_iter().next(),
            "type_conversion_expression" | "composite_literal" | "type_assertion_expression" => {
                field(expr, "type").map(|t| self.type_str(t))
            }
            "unary_expression" => {
                let op = field(expr, "operator").map_or("", |o| text(o, src));
                let inner = self.type_of(field(expr, "operand")?, locals);
                match op {
                    "&" => inner.map(|t| format!("*{t}")),
                    "<-" => inner.as_deref().and_then(chan_elem),
                    _ => inner,
                }
            }
            "index_expression" => {
                let t = self.type_of(field(expr, "operand")?, locals)?;
                if let Some(e) = t.strip_prefix("[]") {
                    Some(e.to_owned())
                } else if t.starts_with("map[") {
                    split_map(&t).1
                } else if t == "string" {
                    Some("byte".into())
                } else if t.starts_with('[') {
                    t.split_once(']').map(|(_, e)| e.to_owned())
                } else {
                    None
                }
            }
            "slice_expression" => {
                let t = self.type_of(field(expr, "operand")?, locals)?;
                Some(match t.strip_prefix('[').and_then(|r| r.split_once(']')) {
                    Some((len, e)) if !len.is_empty() => format!("[]{e}"),
                    _ => t.trim_start_matches('*').to_owned(),
                })
            }
            "interpreted_string_literal" | "raw_string_literal" => Some("string".into()),
            "int_literal" => Some("int".into()),
            "func_literal" => Some("func".into()),
            "binary_expression" => {
                let op = field(expr, "operator").map_or("", |o| text(o, src));
                match op {
                    "==" | "!=" | "<" | ">" | "<=" | ">=" | "&&" | "||" => Some("bool".into()),
                    _ => self.type_of(field(expr, "left")?, locals),
                }
            }
            _ => None,
        }
    }

    /// The type of field `name` of a value of type `ty` (embedded structs of
    /// the package searched one level deep).
    pub(crate) fn field_type(&self, ty: &str, name: &str) -> Option<String> {
        let base = ty.trim_start_matches('*');
        if let Some(fields) = self.facts.structs.get(base) {
            if let Some((_, t)) = fields.iter().find(|(f, _)| f == name) {
                return Some(t.clone());
            }
            for (f, t) in fields {
                let embedded = t.trim_start_matches('*');
                if f == embedded.rsplit('.').next().unwrap_or(embedded)
                    && let Some(inner) = self.facts.structs.get(embedded)
                    && let Some((_, t)) = inner.iter().find(|(f, _)| f == name)
                {
                    return Some(t.clone());
                }
            }
        }
        known::field(base, name).map(str::to_owned)
    }
}

/// `map[K]V` → (K, V).
pub(crate) fn split_map(t: &str) -> (Option<String>, Option<String>) {
    let Some(rest) = t.strip_prefix("map[") else {
        return (None, None);
    };
    let mut depth = 1;
    for (i, ch) in rest.char_indices() {
        match ch {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return (Some(rest[..i].to_owned()), Some(rest[i + 1..].to_owned()));
                }
            }
            _ => {}
        }
    }
    (None, None)
}

/// The element type of a channel type.
pub(crate) fn chan_elem(t: &str) -> Option<String> {
    t.strip_prefix("<-chan ")
        .or_else(|| t.strip_prefix("chan<- "))
        .or_else(|| t.strip_prefix("chan "))
        .map(str::to_owned)
}

fn is_builtin_type(name: &str) -> bool {
    matches!(
        name,
        "int"
            | "int8"
            | "int16"
            | "int32"
            | "int64"
            | "uint"
            | "uint8"
            | "uint16"
            | "uint32"
            | "uint64"
            | "uintptr"
            | "float32"
            | "float64"
            | "byte"
            | "rune"
            | "bool"
    )
}
