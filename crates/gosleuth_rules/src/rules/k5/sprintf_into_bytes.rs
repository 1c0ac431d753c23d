//! GS501 `sprintf-into-bytes`: a string formatted only to be copied into a
//! byte buffer or a writer.

use gosleuth_go::KindName as _;
use tree_sitter::Node;

use crate::context::FileCtx;
use crate::facts::root_ident;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{args, assign_pairs, callee, field, line, text, unparen};

pub(crate) static RULE: Rule = Rule {
    id: "GS501",
    slug: "sprintf-into-bytes",
    kind: Kind::K5,
    category: Category::StringsFormatting,
    severity: Severity::Medium,
    title: "fmt.Sprintf result copied into a byte buffer or writer",
    impact: "a string is allocated per call only to be copied again (plus fmt's boxing of each argument)",
    fix: "append straight into the buffer: strconv.AppendInt / append(b, s...) or fmt.Fprintf to the writer",
    docs: DOCS,
    avoidable: 0.9,
    effort: Effort::Low,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

`fmt.Sprintf` (or `Sprint`, `Sprintln`) whose result is converted with `[]byte(…)`,
written with `Write`/`WriteString`, or appended into a byte slice
(`append(buf, s...)`), directly or through a local variable.

## Why it costs

The formatted string is a heap allocation whose only use is to be copied into the
final buffer; `fmt` also boxes each argument into an interface. Building protocol
headers this way costs two allocations and two copies per frame.

## How to fix

```go
// before
hdr := fmt.Sprintf("MSG %s %d %d\r\n", topic, sid, len(payload))
buf = append(buf[:0], hdr...)

// after
buf = append(buf[:0], "MSG "...)
buf = append(buf, topic...)
buf = append(buf, ' ')
buf = strconv.AppendUint(buf, uint64(sid), 10)
buf = append(buf, ' ')
buf = strconv.AppendInt(buf, int64(len(payload)), 10)
buf = append(buf, "\r\n"...)
```

## References

- perfsprint and go-critic `preferFprint` cover the `Write([]byte(Sprintf))` form only
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for &call in &ctx.nodes.calls {
        if !matches!(
            ctx.pkg_call(call),
            Some(("fmt", "Sprintf" | "Sprint" | "Sprintln"))
        ) {
            continue;
        }
        if let Some(use_line) = copied_use(ctx, call) {
            let mut hit = Hit::at(
                call,
                "the formatted string is allocated only to be copied into a byte buffer or writer",
            );
            if use_line != line(call) {
                hit = hit.related(use_line, "copied here");
            }
            out.push(hit);
        }
    }
}

/// The line where the formatted string is copied, if it is.
fn copied_use(ctx: &FileCtx<'_>, call: Node<'_>) -> Option<u32> {
    let parent = call.parent()?;
    if parent.kind_name() == "type_conversion_expression" {
        return Some(line(parent));
    }
    if parent.kind_name() == "argument_list"
        && let Some(outer) = parent.parent()
        && matches!(
            callee(outer, ctx.src),
            Some((Some(_), "WriteString" | "Write"))
        )
    {
        return Some(line(outer));
    }
    // `s := fmt.Sprintf(…)` then `append(b, s...)`, `[]byte(s)` or `WriteString(s)`.
    let stmt = parent.parent()?;
    if !matches!(
        stmt.kind_name(),
        "short_var_declaration" | "assignment_statement"
    ) {
        return None;
    }
    let (var, _) = assign_pairs(stmt)
        .into_iter()
        .find(|(_, r)| r.is_some_and(|r| r.id() == call.id()))?;
    let var = text(var, ctx.src);
    let func = ctx.nodes.func_of(stmt)?;
    crate::nodes::Nodes::within(&ctx.nodes.calls, func)
        .iter()
        .chain(crate::nodes::Nodes::within(&ctx.nodes.conversions, func))
        .copied()
        .filter(|&n| {
            n.start_byte() > stmt.end_byte()
                && match n.kind_name() {
                    "type_conversion_expression" => {
                        field(n, "operand").is_some_and(|o| ctx.text(o) == var)
                    }
                    "call_expression" => match callee(n, ctx.src) {
                        Some((None, "append")) => {
                            let a = args(n);
                            a.len() == 2
                                && ctx.text(unparen(a[1])) == var
                                && field(n, "arguments")
                                    .is_some_and(|al| ctx.text(al).contains("..."))
                                && root_ident(a[0], ctx.src) != Some(var)
                        }
                        Some((Some(_), "WriteString")) => {
                            args(n).first().is_some_and(|a| ctx.text(*a) == var)
                        }
                        _ => false,
                    },
                    _ => false,
                }
        })
        .map(line)
        .min()
}
