//! GS702 `nested-map-never-pruned`: a map of maps whose outer entries are
//! never deleted.

use gosleuth_go::KindName as _;

use crate::context::FileCtx;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{field, named, text};

pub(crate) static RULE: Rule = Rule {
    id: "GS702",
    slug: "nested-map-never-pruned",
    kind: Kind::K7,
    category: Category::CachesMaps,
    severity: Severity::Medium,
    title: "nested map (map[K]map[K2]V) whose outer entries are never deleted",
    impact: "every outer key keeps its inner map (at least one bucket array) forever, even when the inner map is empty",
    fix: "delete the outer entry when its inner map becomes empty, or flatten to one map with a composite key",
    docs: DOCS,
    avoidable: 0.5,
    effort: Effort::Medium,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

A struct field or package-level variable of type `map[K]map[K2]V` (or deeper) that no
code in the package ever passes to `delete` or `clear`.

## Why it costs

Each inner map costs a header and a bucket array even when empty; outer keys from
traffic (user ids, topics) accumulate and the memory is never given back. Nested
maps also multiply per-entry overhead compared with one flat map.

## How to fix

```go
// before
subs[user][token] = append(subs[user][token], c)

// after: prune when the last entry goes
delete(subs[user], token)
if len(subs[user]) == 0 {
    delete(subs, user)
}
```

## References

- seed analysis 004: `map[uint]map[string][]*client` per connection
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    let typer = ctx.typer();
    for &decl in ctx.nodes.field_decls.iter().chain(&ctx.nodes.var_specs) {
        if decl.kind_name() == "var_spec" && ctx.nodes.top_of(decl).is_some() {
            continue;
        }
        let Some(ty) = field(decl, "type") else {
            continue;
        };
        let t = typer.type_str(ty);
        let Some(value) = crate::types::split_map(&t).1 else {
            continue;
        };
        if !value.starts_with("map[") {
            continue;
        }
        let mut c = decl.walk();
        let names: Vec<&str> = decl
            .children_by_field_name("name", &mut c)
            .map(|n| text(n, ctx.src))
            .collect();
        for name in names {
            if ctx.facts.deleted.contains(name) {
                continue;
            }
            let _ = named(decl);
            out.push(Hit::at(
                decl,
                format!("`{name}` ({t}) is never deleted from: outer keys and their inner maps stay forever"),
            ));
        }
    }
}
