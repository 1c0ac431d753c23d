//! Function names as profiles spell them: `import/path.Symbol`, with
//! generic instances (`F[...]`), method values (`T.M-fm`), range-over-func
//! bodies (`F-range1`) and go/defer wrappers (`F.gowrap1`).

/// Splits a profile function name into its package import path and symbol:
/// `github.com/nats-io/nats-server/server.(*client).readLoop` →
/// (`github.com/nats-io/nats-server/server`, `(*client).readLoop`).
///
/// The package path ends at the first `.` after its last `/` (the linker
/// escapes dots in the last path element as `%2e`, which is undone).
#[must_use]
pub fn split_function_name(name: &str) -> (String, &str) {
    let mut depth = 0usize;
    let mut last_slash = None;
    for (i, c) in name.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            '/' if depth == 0 => last_slash = Some(i),
            _ => {}
        }
    }
    let start = last_slash.map_or(0, |i| i + 1);
    match name[start..].find('.') {
        Some(dot) => {
            let cut = start + dot;
            (name[..cut].replace("%2e", "."), &name[cut + 1..])
        }
        None => (String::new(), name),
    }
}

/// A symbol with every type-argument list removed, the form index keys use:
/// `(*L[...]).M.func1` and `(*L[go.shape.int]).M.func1` → `(*L).M.func1`.
#[must_use]
pub fn symbol_key(symbol: &str) -> String {
    let mut out = String::with_capacity(symbol.len());
    let mut depth = 0usize;
    for c in symbol.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// How a looked-up entry relates to the profile's symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NameMatch {
    /// The symbol is the entry's name (as Go ≥ 1.21 names it).
    Exact,
    /// The symbol is the entry's Go ≤ 1.19 name.
    Legacy,
    /// The symbol is compiler-generated code inside the entry: a method
    /// value wrapper (`-fm`), a range-over-func body (`-rangeN`), a go/defer
    /// wrapper, or a closure copied by inlining.
    Enclosing,
}

/// The keys to try, in order, for a symbol that has no entry of its own:
/// the key of what encloses it.
pub(crate) fn enclosing_key(key: &str) -> Option<String> {
    if let Some(base) = key.strip_suffix("-fm") {
        return Some(base.to_owned());
    }
    if let Some(i) = key.rfind("-range")
        && key[i + 6..].chars().all(|c| c.is_ascii_digit())
    {
        return Some(key[..i].to_owned());
    }
    let (parent, last) = key.rsplit_once('.')?;
    let digits = last
        .strip_prefix("func")
        .or_else(|| last.strip_prefix("gowrap"))
        .or_else(|| last.strip_prefix("deferwrap"))
        .unwrap_or(last);
    let numbered = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit());
    (numbered && !parent.is_empty() && !parent.ends_with('.')).then(|| parent.to_owned())
}

#[cfg(test)]
mod tests {
    use super::{enclosing_key, split_function_name, symbol_key};

    #[test]
    fn splits_package_and_symbol() {
        let (p, s) =
            split_function_name("github.com/nats-io/nats-server/server.(*client).readLoop");
        assert_eq!(
            (p.as_str(), s),
            (
                "github.com/nats-io/nats-server/server",
                "(*client).readLoop"
            )
        );
        let (p, s) = split_function_name("main.main");
        assert_eq!((p.as_str(), s), ("main", "main"));
        let (p, s) = split_function_name("gopkg.in/yaml%2ev2.(*decoder).unmarshal");
        assert_eq!(
            (p.as_str(), s),
            ("gopkg.in/yaml.v2", "(*decoder).unmarshal")
        );
        let (p, s) = split_function_name("sync/atomic.(*Pointer[go.shape.struct { a/b.c }]).Load");
        assert_eq!(
            (p.as_str(), s),
            ("sync/atomic", "(*Pointer[go.shape.struct { a/b.c }]).Load")
        );
    }

    #[test]
    fn keys_and_enclosing_keys() {
        assert_eq!(symbol_key("(*L[...]).M.func1"), "(*L).M.func1");
        assert_eq!(symbol_key("G[go.shape.int_0].func2"), "G.func2");
        assert_eq!(enclosing_key("T.V-fm").as_deref(), Some("T.V"));
        assert_eq!(enclosing_key("R-range1").as_deref(), Some("R"));
        assert_eq!(enclosing_key("(*T).M.gowrap2").as_deref(), Some("(*T).M"));
        assert_eq!(enclosing_key("F.func1.2").as_deref(), Some("F.func1"));
        assert_eq!(enclosing_key("glob..func1"), None);
        assert_eq!(enclosing_key("main"), None);
        assert_eq!(enclosing_key("init.0").as_deref(), Some("init"));
    }
}
