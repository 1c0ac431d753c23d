//! GS701 `unbounded-package-map`: a package-level map written at run time
//! and never deleted from.

use crate::context::FileCtx;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{field, text};

pub(crate) static RULE: Rule = Rule {
    id: "GS701",
    slug: "unbounded-package-map",
    kind: Kind::K7,
    category: Category::CachesMaps,
    severity: Severity::High,
    title: "package-level map written at run time, never deleted from, cleared or bounded",
    impact: "grows with every new key for the life of the process and pins every value (a cache without eviction)",
    fix: "bound it (LRU, TTL, size cap) and delete entries that are no longer needed",
    docs: DOCS,
    avoidable: 0.9,
    effort: Effort::Medium,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

A package-level `map` variable that functions other than `init` write to
(`m[k] = v`), while no code of the package ever calls `delete(m, …)` or `clear(m)`
or assigns the variable a new map.

## Why it costs

Such a map is a cache without eviction: every distinct key stays forever, and so
does everything its value points to. When keys come from traffic (topics, user ids,
request paths), memory grows without bound; a Go map's bucket array also never
shrinks, so even later deletes do not return the memory.

## How to fix

Bound the map, and remove entries whose owner is gone.

```go
// before
var retained = map[string]*retainedMsg{}
func retain(topic string, m *retainedMsg) { retained[topic] = m }

// after
var retained = lru.New[string, *retainedMsg](100_000) // or a TTL sweep
func retain(topic string, m *retainedMsg) { retained.Add(topic, m) }
```

## References

- 100 Go Mistakes #28 (maps and memory leaks)
- go-antipatterns K7: no existing linter detects unbounded caches
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for &spec in &ctx.nodes.var_specs {
        if ctx.nodes.top_of(spec).is_some() {
            continue;
        }
        let mut c = spec.walk();
        let names: Vec<_> = spec.children_by_field_name("name", &mut c).collect();
        for name_node in names {
            let name = text(name_node, ctx.src);
            let is_map = ctx
                .facts
                .vars
                .get(name)
                .is_some_and(|t| t.starts_with("map["));
            if !is_map || ctx.facts.deleted.contains(name) || ctx.facts.reset.contains(name) {
                continue;
            }
            let writes: Vec<_> = ctx
                .facts
                .map_writes
                .iter()
                .filter(|w| w.name == name)
                .collect();
            if writes.is_empty() {
                continue;
            }
            let here = writes.iter().filter(|w| w.file == ctx.index.path).count();
            let mut hit = Hit::lines(
                crate::syntax::line(spec),
                crate::syntax::end_line(spec),
                format!(
                    "package-level map `{name}` is written at run time ({} write site{}) and never deleted from, cleared or bounded",
                    writes.len(),
                    if writes.len() == 1 { "" } else { "s" }
                ),
            );
            let elsewhere: Vec<String> = writes
                .iter()
                .filter(|w| w.file != ctx.index.path)
                .map(|w| format!("{}:{}", w.rel, w.line))
                .collect();
            if !elsewhere.is_empty() {
                hit.message
                    .push_str(&format!("; written at {}", elsewhere.join(", ")));
            }
            for w in writes.iter().filter(|w| w.file == ctx.index.path) {
                hit = hit.related(w.line, format!("`{name}[…] = …`"));
            }
            if here == 0 && field(spec, "value").is_none() {
                hit = hit.severity(Severity::Medium);
            }
            out.push(hit);
        }
    }
}
