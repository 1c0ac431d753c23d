//! GS505 `split-fixed-fields`: `strings.Split` to read a few fixed fields.

use gosleuth_go::KindName as _;

use crate::context::FileCtx;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{args, field, unparen};

pub(crate) static RULE: Rule = Rule {
    id: "GS505",
    slug: "split-fixed-fields",
    kind: Kind::K5,
    category: Category::StringsFormatting,
    severity: Severity::Medium,
    title: "strings.Split (or bytes.Split) used to read a few fixed fields",
    impact: "a slice of strings (and often a string conversion of the whole line) per call, where the fields could be cut in place",
    fix: "use strings.Cut / bytes.Cut (or IndexByte) on the line and convert only the fields you keep",
    docs: DOCS,
    avoidable: 0.9,
    effort: Effort::Low,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

`parts := strings.Split(s, sep)` (or `bytes.Split`, `strings.Fields`) where `parts` is
only ever indexed with constants (`parts[0]`, `parts[2]`) or measured with `len`,
never ranged over or passed on; and `strings.Split(s, sep)[i]`.

## Why it costs

`Split` allocates the slice of results on every call, and with
`strings.Split(string(b), " ")` the conversion copies the whole line as well. In a
protocol parser that runs per command, this is several allocations per message for
three fields.

## How to fix

```go
// before
args := strings.Split(string(line), " ")
topic, size := args[1], args[2]

// after
_, rest, _ := bytes.Cut(line, []byte{' '})
topicB, sizeB, _ := bytes.Cut(rest, []byte{' '})
topic := string(topicB) // the one conversion that is kept
```

## References

- perfguard `stringsCut`; modernize `splitseq` covers only `range` over the result
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for &call in &ctx.nodes.calls {
        let Some((pkg @ ("strings" | "bytes"), name @ ("Split" | "Fields" | "SplitN"))) =
            ctx.pkg_call(call)
        else {
            continue;
        };
        let conv = args(call).first().is_some_and(|a| {
            let a = unparen(*a);
            a.kind_name() == "type_conversion_expression"
                || (a.kind_name() == "call_expression"
                    && matches!(crate::syntax::callee(a, ctx.src), Some((None, "string"))))
        });
        let extra = if conv {
            " (after converting the whole line to a string)"
        } else {
            ""
        };
        let parent = call.parent();
        if parent.is_some_and(|p| p.kind_name() == "index_expression") {
            out.push(Hit::at(
                call,
                format!("`{pkg}.{name}` allocates every field to read one{extra}"),
            ));
            continue;
        }
        let Some(stmt) = parent.and_then(|p| p.parent()) else {
            continue;
        };
        let Some((var, uses)) = ctx.later_reads(stmt, call) else {
            continue;
        };
        if uses.is_empty() {
            continue;
        }
        let fixed = uses.iter().all(|u| {
            let Some(p) = u.parent() else { return false };
            match p.kind_name() {
                "index_expression" => {
                    field(p, "index").is_some_and(|i| i.kind_name() == "int_literal")
                }
                "argument_list" => p
                    .parent()
                    .and_then(|c| crate::syntax::callee(c, ctx.src))
                    .is_some_and(|(r, n)| r.is_none() && n == "len"),
                _ => false,
            }
        });
        if fixed {
            out.push(Hit::at(
                stmt,
                format!("`{pkg}.{name}` builds a slice of every field, but only fixed positions of `{var}` are read{extra}"),
            ));
        }
    }
}
