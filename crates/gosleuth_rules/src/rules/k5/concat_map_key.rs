//! GS506 `concat-map-key`: a map key built by string concatenation per call.

use gosleuth_go::KindName as _;
use tree_sitter::Node;

use crate::context::FileCtx;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{field, unparen};

pub(crate) static RULE: Rule = Rule {
    id: "GS506",
    slug: "concat-map-key",
    kind: Kind::K5,
    category: Category::StringsFormatting,
    severity: Severity::Medium,
    title: "map key built by concatenating a constant prefix on every lookup",
    impact: "a new string per lookup or insert, only to add a constant prefix; stored keys also keep the longer copy",
    fix: "key the map by the original string (or a struct key), not by a prefixed copy",
    docs: DOCS,
    avoidable: 1.0,
    effort: Effort::Low,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

`m["prefix:"+k]`, or `key := "prefix:" + k` where `key` is only used to index maps:
string concatenation with a literal whose result only serves as a map key.

## Why it costs

The concatenation allocates a new string per call (beyond the compiler's small
stack buffer once the key escapes into the map). When the prefix is constant it
carries no information: the map can be keyed by `k` itself.

## How to fix

```go
// before
m := retained["retained:"+topic]

// after
m := retained[topic]
```

## References

- perfsprint (concat in loops), go-critic; none targets constant-prefix map keys
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for &cat in &ctx.nodes.concats {
        if !has_literal(ctx, cat) {
            continue;
        }
        let Some(parent) = cat.parent() else { continue };
        if parent.kind_name() == "index_expression"
            && field(parent, "index").is_some_and(|i| i.id() == cat.id())
        {
            if is_map(ctx, parent) {
                out.push(Hit::at(
                    cat,
                    format!("`{}` allocates a key string on every lookup", ctx.text(cat)),
                ));
            }
            continue;
        }
        let Some(stmt) = parent.parent() else {
            continue;
        };
        let Some((_, uses)) = ctx.later_reads(stmt, cat) else {
            continue;
        };
        let only_keys = !uses.is_empty()
            && uses.iter().all(|u| {
                u.parent().is_some_and(|p| {
                    p.kind_name() == "index_expression"
                        && field(p, "index").is_some_and(|i| i.id() == u.id())
                        && is_map(ctx, p)
                })
            });
        if only_keys {
            out.push(Hit::at(
                stmt,
                format!(
                    "`{}` allocates a key string per call only to prefix a map key",
                    ctx.text(cat)
                ),
            ));
        }
    }
}

fn has_literal(ctx: &FileCtx<'_>, cat: Node<'_>) -> bool {
    [field(cat, "left"), field(cat, "right")]
        .into_iter()
        .flatten()
        .any(|s| {
            let s = unparen(s);
            matches!(
                s.kind_name(),
                "interpreted_string_literal" | "raw_string_literal"
            ) && !ctx.text(s).is_empty()
        })
}

fn is_map(ctx: &FileCtx<'_>, index: Node<'_>) -> bool {
    field(index, "operand")
        .and_then(|o| ctx.type_of(o))
        .is_some_and(|t| t.starts_with("map["))
}
