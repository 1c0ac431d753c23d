//! GS401 `copy-helper`: a helper that always allocates a fresh copy.

use gosleuth_go::KindName as _;

use crate::context::FileCtx;
use crate::facts::key_of;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};

pub(crate) static RULE: Rule = Rule {
    id: "GS401",
    slug: "copy-helper",
    kind: Kind::K4,
    category: Category::MessageCopy,
    severity: Severity::Medium,
    title: "helper that always allocates a fresh copy of its argument (copyBytes)",
    impact: "every call allocates len(src) bytes, even where the caller could reuse a buffer it owns",
    fix: "add an append-style variant (dst = append(dst[:0], src...)) and use it where the caller keeps the old value",
    docs: DOCS,
    avoidable: 0.5,
    effort: Effort::Medium,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

A function taking one `[]byte` and returning a new `[]byte` that is always a fresh
copy: `make` + `copy`, `append([]byte(nil), b...)`, `bytes.Clone`. Reported once at
the helper, with its call sites (those inside loops first).

## Why it costs

The helper hides an allocation per call. Called for every message, it becomes a top
allocation site (`copyBytes` was 35–49 GB in seed 000); callers that overwrite a
previous copy (`m.data = copyBytes(p)`) could reuse its capacity instead.

## How to fix

```go
// before
m.data = copyBytes(payload)

// after: reuse the old value's capacity
m.data = append(m.data[:0], payload...)
```

## References

- seed analysis 000: `copyBytes` (util.go), 18 call sites
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    let typer = ctx.typer();
    for &func in &ctx.nodes.tops {
        if crate::syntax::field(func, "receiver").is_some() {
            continue;
        }
        let key = key_of(&typer, func);
        let Some(f) = ctx.facts.func(&key) else {
            continue;
        };
        if !f.copy_helper {
            continue;
        }
        let sites = ctx
            .facts
            .call_sites
            .get(&key)
            .map_or(&[][..], Vec::as_slice);
        if sites.is_empty() {
            continue;
        }
        let in_loops = sites.iter().filter(|s| s.in_loop).count();
        let alloc = crate::syntax::find(func, |n| n.kind_name() == "call_expression")
            .into_iter()
            .find(|c| {
                matches!(
                    crate::syntax::callee(*c, ctx.src),
                    Some((None, "make" | "append"))
                )
            })
            .map_or(crate::syntax::line(func), crate::syntax::line);
        let mut listed: Vec<String> = sites
            .iter()
            .take(6)
            .map(|s| format!("{}:{}", s.rel, s.line))
            .collect();
        if sites.len() > 6 {
            listed.push(format!("and {} more", sites.len() - 6));
        }
        let mut hit = Hit::at(
            func,
            format!(
                "`{key}` allocates a fresh copy on every call; called from {} site{}{}: {}",
                sites.len(),
                if sites.len() == 1 { "" } else { "s" },
                if in_loops > 0 {
                    format!(" ({in_loops} in loops)")
                } else {
                    String::new()
                },
                listed.join(", ")
            ),
        )
        .related(alloc, "the allocation");
        for s in sites.iter().filter(|s| s.file == ctx.index.path) {
            hit = hit.related(s.line, "called here");
        }
        out.push(hit);
    }
}
