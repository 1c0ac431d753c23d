//! Constant evaluation, just enough to find the code that Go ≥ 1.21 drops
//! before it numbers closures (`if debug {…}` with `const debug = false`,
//! `switch runtime.GOOS {…}`). See `staticBool` in
//! `cmd/compile/internal/noder/writer.go`.

use std::collections::{HashMap, HashSet};

use tree_sitter::Node;

use super::text::KindName as _;

use super::fields;

use super::text::text;

/// A constant value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ConstValue {
    Bool(bool),
    Int(i128),
    Str(String),
}

/// Constants visible by name: the package's, plus `runtime.GOOS`/`GOARCH`.
#[derive(Debug, Clone, Default)]
pub(crate) struct ConstEnv {
    pub(crate) names: HashMap<String, ConstValue>,
    /// The local name under which package `runtime` is imported, if it is.
    pub(crate) runtime: Option<String>,
    pub(crate) goos: &'static str,
    pub(crate) goarch: &'static str,
    /// Package-level functions declared `func name() {` (no params, no results).
    pub(crate) niladic: HashSet<String>,
    /// All package-level function names.
    pub(crate) funcs: HashSet<String>,
}

impl ConstEnv {
    /// Adds what another file of the package declares (its later
    /// declarations win, as in one scan of both files in order).
    pub(crate) fn absorb(&mut self, other: ConstEnv) {
        self.names.extend(other.names);
        self.niladic.extend(other.niladic);
        self.funcs.extend(other.funcs);
    }

    /// The value of expression `node`, when it is a constant we can compute.
    pub(crate) fn eval(&self, node: Node<'_>, src: &str) -> Option<ConstValue> {
        match node.kind_name() {
            "true" => Some(ConstValue::Bool(true)),
            "false" => Some(ConstValue::Bool(false)),
            "int_literal" => parse_int(text(node, src)).map(ConstValue::Int),
            "interpreted_string_literal" | "raw_string_literal" => {
                parse_string(text(node, src)).map(ConstValue::Str)
            }
            "identifier" => self.names.get(text(node, src)).cloned(),
            "parenthesized_expression" => self.eval(node.named_child(0)?, src),
            "selector_expression" => self.selector(node, src),
            "unary_expression" => self.unary(node, src),
            "binary_expression" => self.binary(node, src),
            _ => None,
        }
    }

    fn selector(&self, node: Node<'_>, src: &str) -> Option<ConstValue> {
        let operand = node.child_by_field_id(fields::operand())?;
        let field = text(node.child_by_field_id(fields::field())?, src);
        if Some(text(operand, src)) != self.runtime.as_deref() {
            return None;
        }
        match field {
            "GOOS" => Some(ConstValue::Str(self.goos.to_owned())),
            "GOARCH" => Some(ConstValue::Str(self.goarch.to_owned())),
            _ => None,
        }
    }

    fn unary(&self, node: Node<'_>, src: &str) -> Option<ConstValue> {
        let op = text(node.child_by_field_id(fields::operator())?, src);
        match (
            op,
            self.eval(node.child_by_field_id(fields::operand())?, src)?,
        ) {
            ("!", ConstValue::Bool(b)) => Some(ConstValue::Bool(!b)),
            ("-", ConstValue::Int(i)) => Some(ConstValue::Int(-i)),
            ("+", v @ ConstValue::Int(_)) => Some(v),
            _ => None,
        }
    }

    fn binary(&self, node: Node<'_>, src: &str) -> Option<ConstValue> {
        use ConstValue::{Bool, Int, Str};
        let op = text(node.child_by_field_id(fields::operator())?, src);
        let left = self.eval(node.child_by_field_id(fields::left())?, src)?;
        let right = self.eval(node.child_by_field_id(fields::right())?, src)?;
        Some(match (op, left, right) {
            ("&&", Bool(a), Bool(b)) => Bool(a && b),
            ("||", Bool(a), Bool(b)) => Bool(a || b),
            ("==", a, b) if same_kind(&a, &b) => Bool(a == b),
            ("!=", a, b) if same_kind(&a, &b) => Bool(a != b),
            ("<", Int(a), Int(b)) => Bool(a < b),
            ("<=", Int(a), Int(b)) => Bool(a <= b),
            (">", Int(a), Int(b)) => Bool(a > b),
            (">=", Int(a), Int(b)) => Bool(a >= b),
            ("+", Int(a), Int(b)) => Int(a.checked_add(b)?),
            ("-", Int(a), Int(b)) => Int(a.checked_sub(b)?),
            ("*", Int(a), Int(b)) => Int(a.checked_mul(b)?),
            ("+", Str(a), Str(b)) => Str(a + &b),
            _ => return None,
        })
    }

    /// Go's `staticBool`: +1 when `cond` is always true, -1 when always false,
    /// 0 when unknown.
    pub(crate) fn static_bool(&self, cond: Node<'_>, src: &str) -> i8 {
        if let Some(ConstValue::Bool(b)) = self.eval(cond, src) {
            return if b { 1 } else { -1 };
        }
        let op = cond
            .child_by_field_id(fields::operator())
            .map(|o| text(o, src));
        match (cond.kind_name(), op) {
            // The compiler returns the operand's answer unchanged for `!x`.
            ("unary_expression", Some("!")) => cond
                .child_by_field_id(fields::operand())
                .map_or(0, |x| self.static_bool(x, src)),
            ("binary_expression", Some("&&")) => {
                let x = self.side(cond, fields::left(), src);
                if x < 0 {
                    return x;
                }
                let y = self.side(cond, fields::right(), src);
                if x > 0 || y < 0 { y } else { 0 }
            }
            ("binary_expression", Some("||")) => {
                let x = self.side(cond, fields::left(), src);
                if x > 0 {
                    return x;
                }
                let y = self.side(cond, fields::right(), src);
                if x < 0 || y > 0 { y } else { 0 }
            }
            _ => 0,
        }
    }

    fn side(&self, node: Node<'_>, field: u16, src: &str) -> i8 {
        node.child_by_field_id(field)
            .map_or(0, |x| self.static_bool(x, src))
    }
}

fn same_kind(a: &ConstValue, b: &ConstValue) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

/// Parses a Go integer literal (decimal, hex, octal, binary, with `_`).
pub(crate) fn parse_int(lit: &str) -> Option<i128> {
    let clean: String = lit.chars().filter(|c| *c != '_').collect();
    let lower = clean.to_ascii_lowercase();
    let (digits, radix) = if let Some(h) = lower.strip_prefix("0x") {
        (h, 16)
    } else if let Some(b) = lower.strip_prefix("0b") {
        (b, 2)
    } else if let Some(o) = lower.strip_prefix("0o") {
        (o, 8)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (&lower[1..], 8)
    } else {
        (lower.as_str(), 10)
    };
    i128::from_str_radix(digits, radix).ok()
}

/// Parses a string literal without escapes (enough for `"windows"`).
pub(crate) fn parse_string(lit: &str) -> Option<String> {
    let inner = lit
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .or_else(|| lit.strip_prefix('`').and_then(|s| s.strip_suffix('`')))?;
    (!inner.contains('\\') || lit.starts_with('`')).then(|| inner.to_owned())
}

/// Adds what a quick text scan (no parse) of one file of the package finds:
/// package-level constants (`const name [type] = literal`, alone or in a
/// `const (…)` block) and package-level function signatures.
pub(crate) fn scan_package_file(src: &str, env: &mut ConstEnv) {
    let mut in_block = false;
    for raw in src.lines() {
        let line = raw.split("//").next().unwrap_or("").trim_end();
        if let Some(rest) = line.strip_prefix("func ") {
            scan_func(rest, env);
        } else if in_block {
            if line.starts_with(')') {
                in_block = false;
            } else {
                scan_spec(line.trim(), &mut env.names);
            }
        } else if let Some(rest) = line.strip_prefix("const") {
            let rest = rest.trim();
            if rest == "(" {
                in_block = true;
            } else if rest.starts_with(|c: char| c.is_alphabetic() || c == '_') {
                scan_spec(rest, &mut env.names);
            }
        }
    }
}

fn scan_spec(spec: &str, out: &mut HashMap<String, ConstValue>) {
    let Some((lhs, value)) = spec.split_once('=') else {
        return;
    };
    let mut words = lhs.split_whitespace();
    let (Some(name), value) = (words.next(), value.trim()) else {
        return;
    };
    if name.contains(',') || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return;
    }
    let parsed = match value {
        "true" => Some(ConstValue::Bool(true)),
        "false" => Some(ConstValue::Bool(false)),
        v if v.starts_with('"') || v.starts_with('`') => parse_string(v).map(ConstValue::Str),
        v if v.starts_with(|c: char| c.is_ascii_digit()) => parse_int(v).map(ConstValue::Int),
        _ => None,
    };
    if let Some(v) = parsed {
        out.insert(name.to_owned(), v);
    }
}

fn scan_func(rest: &str, env: &mut ConstEnv) {
    let Some((name, sig)) = rest.split_once('(') else {
        return;
    };
    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return; // a method, or generic
    }
    env.funcs.insert(name.to_owned());
    let after = sig.strip_prefix(')').map(str::trim_start);
    if after.is_some_and(|r| r.is_empty() || r.starts_with('{')) {
        env.niladic.insert(name.to_owned());
    }
}
