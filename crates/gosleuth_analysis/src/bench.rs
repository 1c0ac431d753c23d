//! `bench`: a Go benchmark skeleton for a hot function, with `b.ReportAllocs()`
//! and arguments built for their types, ready to paste beside the function.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use gosleuth_go::{BuildContext, Index};
use serde::Serialize;

/// A generated benchmark.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenchSkeleton {
    /// The function, as the compiler names it.
    pub function: String,
    /// The file it is declared in.
    pub file: PathBuf,
    /// Its declaration line.
    pub line: u32,
    /// Where to put the benchmark: `<file>_bench_test.go` beside it.
    pub test_file: PathBuf,
    /// The Go code.
    pub code: String,
}

/// Finds `function` (full profile name, or its tail such as `(*client).readLoop`
/// or `readLoop`) under `src` and writes a benchmark for it.
pub fn bench_skeleton(src: &Path, function: &str) -> Result<BenchSkeleton, String> {
    // The benchmark is for a function the program builds: test files are
    // skipped below, so they need not be parsed (61% of nats-server's bytes).
    let index =
        Index::index_program_tree(src, BuildContext::default()).map_err(|e| e.to_string())?;
    let mut found = Vec::new();
    for pkg in index.packages() {
        for (r, f) in pkg.functions() {
            let file = &pkg.files[r.file];
            if !file.in_build {
                continue;
            }
            let full = format!("{}.{}", file.package, f.name);
            if f.name == function
                || full == function
                || function.ends_with(&format!(".{}", f.name)) && function.contains(&f.name)
            {
                found.push((pkg.name.clone(), file.path.clone(), f.clone()));
            }
        }
    }
    found.sort_by(|a, b| (&a.1, a.2.decl_line).cmp(&(&b.1, b.2.decl_line)));
    let (package, path, f) = match found.len() {
        0 => {
            return Err(format!(
                "no function named {function} under {}",
                src.display()
            ));
        }
        1 => found.remove(0),
        n => {
            let names: Vec<String> = found
                .iter()
                .take(5)
                .map(|(_, p, f)| format!("{} ({}:{})", f.name, p.display(), f.decl_line))
                .collect();
            return Err(format!(
                "{n} functions match {function}: {}",
                names.join(", ")
            ));
        }
    };
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let header: String = text
        .lines()
        .skip(f.decl_line as usize - 1)
        .take(8)
        .collect::<Vec<_>>()
        .join("\n");
    let sig = parse_signature(&header)
        .ok_or_else(|| format!("cannot read the signature of {}", f.name))?;
    let code = render(&package, &f.name, &sig);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(BenchSkeleton {
        function: f.name.clone(),
        test_file: path.with_file_name(format!("{stem}_bench_test.go")),
        file: path,
        line: f.decl_line,
        code,
    })
}

/// A parsed `func` header.
#[derive(Debug, PartialEq)]
struct Signature {
    receiver: Option<(String, String)>,
    name: String,
    params: Vec<(String, String)>,
}

fn parse_signature(header: &str) -> Option<Signature> {
    let rest = header.trim_start().strip_prefix("func")?.trim_start();
    let (receiver, rest) = if rest.starts_with('(') {
        let (inner, after) = balanced(rest)?;
        let mut parts = inner.split_whitespace();
        let name = parts.next()?.to_string();
        let ty = parts.collect::<Vec<_>>().join(" ");
        let (name, ty) = if ty.is_empty() {
            ("recv".to_string(), name)
        } else {
            (name, ty)
        };
        (Some((name, ty)), after.trim_start())
    } else {
        (None, rest)
    };
    let name_end = rest.find(['(', '['])?;
    let name = rest[..name_end].trim().to_string();
    let mut rest = &rest[name_end..];
    if rest.starts_with('[') {
        rest = balanced(rest)?.1;
    }
    let (params, _) = balanced(rest)?;
    Some(Signature {
        receiver,
        name,
        params: parse_params(params),
    })
}

/// Splits `(…)`/`[…]` at its matching close: (inside, after).
fn balanced(s: &str) -> Option<(&str, &str)> {
    let mut depth = 0i32;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some((&s[1..i], &s[i + 1..]));
                }
            }
            _ => {}
        }
    }
    None
}

fn split_top_level(s: &str) -> Vec<&str> {
    let (mut depth, mut start, mut out) = (0i32, 0usize, Vec::new());
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(s[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    if !s[start..].trim().is_empty() {
        out.push(s[start..].trim());
    }
    out
}

/// Go's parameter list: `a, b []byte, n int` or unnamed `[]byte, int`.
fn parse_params(list: &str) -> Vec<(String, String)> {
    let items = split_top_level(list);
    let named = items
        .iter()
        .any(|i| i.split_once(' ').is_some_and(|(n, _)| is_ident(n)));
    if !named {
        return items
            .iter()
            .enumerate()
            .map(|(i, t)| (format!("arg{i}"), (*t).to_string()))
            .collect();
    }
    let mut out: Vec<(String, String)> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    for item in items {
        match item.split_once(' ') {
            Some((n, t)) => {
                let t = t.trim().to_string();
                out.extend(pending.drain(..).map(|p| (p, t.clone())));
                out.push((n.to_string(), t));
            }
            None => pending.push(item.to_string()),
        }
    }
    out
}

fn is_ident(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// A realistic value of a Go type, and the imports it needs.
fn value_for(ty: &str) -> (String, &'static [&'static str]) {
    let t = ty.trim_start_matches("...");
    match t {
        "[]byte" => ("benchData".into(), &[]),
        "string" => ("strings.Repeat(\"x\", 64)".into(), &["strings"]),
        "int" | "int64" | "int32" | "uint" | "uint64" | "uint32" => (format!("{t}(1024)"), &[]),
        "bool" => ("false".into(), &[]),
        "context.Context" => ("context.Background()".into(), &["context"]),
        "io.Reader" => ("bytes.NewReader(benchData)".into(), &["bytes"]),
        "io.Writer" => ("io.Discard".into(), &["io"]),
        "time.Duration" => ("time.Millisecond".into(), &["time"]),
        _ if t.starts_with('*') => (format!("new({})", &t[1..]), &[]),
        _ if t.starts_with("[]") || t.starts_with("map[") => (format!("{t}{{}}"), &[]),
        _ => (format!("*new({t})"), &[]),
    }
}

fn render(package: &str, name: &str, sig: &Signature) -> String {
    let mut imports: Vec<&str> = vec!["testing"];
    let mut setup = String::new();
    let mut args = Vec::new();
    for (n, t) in &sig.params {
        // `b` is the benchmark's own *testing.B; `_` cannot be passed on.
        let n = &match n.as_str() {
            "b" | "benchData" | "_" => format!("arg{}", args.len()),
            _ => n.clone(),
        };
        let (v, imp) = value_for(t);
        imports.extend_from_slice(imp);
        let _ = writeln!(setup, "\t{n} := {v} // TODO: a value from production");
        args.push(if t.starts_with("...") {
            format!("{n}...")
        } else {
            n.clone()
        });
    }
    imports.sort_unstable();
    imports.dedup();
    let short = name.rsplit('.').next().unwrap_or(name);
    let (call, recv_setup) = match &sig.receiver {
        Some((r, t)) => {
            let r = if r == "b" || r == "_" {
                "recv"
            } else {
                r.as_str()
            };
            let (v, imp) = value_for(t);
            imports.extend_from_slice(imp);
            (
                format!("{r}.{}", sig.name),
                format!("\t{r} := {v} // TODO: build it as production does\n"),
            )
        }
        None => (sig.name.clone(), String::new()),
    };
    let title: String = short
        .chars()
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + &short[c.len_utf8()..])
        .unwrap_or_default();
    let import_block: Vec<String> = imports.iter().map(|i| format!("\t\"{i}\"")).collect();
    format!(
        "package {package}\n\nimport (\n{}\n)\n\n// Benchmark{title} measures {name}'s allocations: run\n//\n//\tgo test -run '^$' -bench 'Benchmark{title}$' -benchmem -count 10\n//\n// before and after a change, and compare with benchstat.\nfunc Benchmark{title}(b *testing.B) {{\n\tbenchData := make([]byte, 1024) // TODO: a realistic size (see the profile's average object size)\n\t_ = benchData\n{recv_setup}{setup}\tb.ReportAllocs()\n\tfor b.Loop() {{\n\t\t{call}({})\n\t}}\n}}\n",
        import_block.join("\n"),
        args.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures() {
        let s = parse_signature("func (c *client) queueOutbound(data []byte) bool {").unwrap();
        assert_eq!(s.receiver, Some(("c".into(), "*client".into())));
        assert_eq!(s.name, "queueOutbound");
        assert_eq!(s.params, vec![("data".into(), "[]byte".into())]);
        let s = parse_signature(
            "func encode(a, b []byte, n int, f func(x interface{}) error) ([]byte, error) {",
        )
        .unwrap();
        assert_eq!(s.params.len(), 4);
        assert_eq!(s.params[1], ("b".into(), "[]byte".into()));
        assert_eq!(s.params[3].1, "func(x interface{}) error");
        let s = parse_signature("func Map[K comparable, V any](m map[K]V) {").unwrap();
        assert_eq!(s.params, vec![("m".into(), "map[K]V".into())]);
    }
}
