//! GS502 `sprintf-in-loop`: string formatting inside a loop.

use gosleuth_go::KindName as _;

use crate::context::FileCtx;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};

pub(crate) static RULE: Rule = Rule {
    id: "GS502",
    slug: "sprintf-in-loop",
    kind: Kind::K5,
    category: Category::StringsFormatting,
    severity: Severity::Low,
    title: "fmt.Sprintf inside a loop",
    impact: "one string allocation (plus argument boxing) per iteration",
    fix: "hoist invariant parts out of the loop, build keys with strconv/append into a reused buffer",
    docs: DOCS,
    avoidable: 0.7,
    effort: Effort::Low,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

`fmt.Sprintf`, `fmt.Sprint` or `fmt.Sprintln` called inside a `for` loop, except as
an argument of an error or logging call (those run on the rare path).

## Why it costs

Each call allocates the result string and boxes every argument into an interface;
in a per-message or per-subscriber loop that multiplies by the fan-out.

## How to fix

```go
// before
for i, s := range subs {
    key := fmt.Sprintf("%s.%d", prefix, i)
    use(key, s)
}

// after
buf := make([]byte, 0, 64)
for i, s := range subs {
    buf = append(append(buf[:0], prefix...), '.')
    buf = strconv.AppendInt(buf, int64(i), 10)
    use(string(buf), s) // or pass the []byte if the callee allows
}
```

## References

- perfguard `sprintfConcat`, perfsprint (single-verb forms only)
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for &call in &ctx.nodes.calls {
        if !matches!(
            ctx.pkg_call(call),
            Some(("fmt", "Sprintf" | "Sprint" | "Sprintln"))
        ) {
            continue;
        }
        if !ctx.nodes.in_loop(call) || in_error_path(ctx, call) {
            continue;
        }
        out.push(Hit::at(
            call,
            "string formatting allocates on every iteration of the loop",
        ));
    }
}

/// Whether the call is an argument of an error, log or panic call.
fn in_error_path(ctx: &FileCtx<'_>, call: tree_sitter::Node<'_>) -> bool {
    let mut cur = call.parent();
    while let Some(n) = cur {
        if n.kind_name() == "call_expression"
            && let Some(f) = crate::syntax::field(n, "function")
        {
            let lower = ctx.text(f).to_ascii_lowercase();
            if lower.contains("err")
                || lower.contains("log")
                || lower.contains("warn")
                || lower.contains("debug")
                || lower.contains("trace")
                || lower.contains("notice")
                || lower.contains("fatal")
                || lower == "panic"
                || lower.ends_with('f')
            {
                return true;
            }
        }
        if n.kind_name().ends_with("_statement") || crate::syntax::is_func(n) {
            return false;
        }
        cur = n.parent();
    }
    false
}
