//! GS507 `string-concat-in-loop`: `s += x` on a string inside a loop.

use gosleuth_go::KindName as _;

use crate::context::FileCtx;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{assign_op, field, named};

pub(crate) static RULE: Rule = Rule {
    id: "GS507",
    slug: "string-concat-in-loop",
    kind: Kind::K5,
    category: Category::StringsFormatting,
    severity: Severity::Low,
    title: "string built with += inside a loop",
    impact: "each iteration allocates a new string and copies everything so far: quadratic in the result's length",
    fix: "use a strings.Builder (Grow it when the size is known) or append to a []byte",
    docs: DOCS,
    avoidable: 0.9,
    effort: Effort::Low,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

`s += x` where `s` is a string, inside a `for` loop.

## Why it costs

Strings are immutable: every `+=` allocates a new string of the combined length and
copies both parts.

## How to fix

```go
// before
for _, p := range parts {
    s += p + ","
}

// after
var b strings.Builder
for _, p := range parts {
    b.WriteString(p)
    b.WriteByte(',')
}
s := b.String()
```

## References

- perfsprint `concat-loop`, modernize `stringsbuilder`, 100 Go Mistakes #39
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for &stmt in &ctx.nodes.assigns {
        if stmt.kind_name() != "assignment_statement" || assign_op(stmt, ctx.src) != "+=" {
            continue;
        }
        let Some(target) = field(stmt, "left").and_then(|l| named(l).into_iter().next()) else {
            continue;
        };
        if ctx.type_of(target).as_deref() != Some("string") || !ctx.nodes.in_loop(stmt) {
            continue;
        }
        out.push(Hit::at(
            stmt,
            format!(
                "`{}` copies the whole string on every iteration",
                ctx.text(stmt)
            ),
        ));
    }
}
