//! GS504 `bytes-buffer-chain`: helpers that build their result in a fresh
//! `bytes.Buffer`, called in a chain.

use gosleuth_go::KindName as _;
use tree_sitter::Node;

use crate::context::FileCtx;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{assign_pairs, callee, line, statements, text, unparen};

pub(crate) static RULE: Rule = Rule {
    id: "GS504",
    slug: "bytes-buffer-chain",
    kind: Kind::K5,
    category: Category::StringsFormatting,
    severity: Severity::Medium,
    title: "chain of calls to a helper that builds each result in a new bytes.Buffer (genHeader-style)",
    impact: "each link allocates a buffer, copies everything built so far, and grows it: quadratic copying, one buffer per link",
    fix: "build the whole result in one buffer: a helper that appends to a caller-provided []byte",
    docs: DOCS,
    avoidable: 0.8,
    effort: Effort::Medium,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

Two or more consecutive statements `x = f(x, …)` (or nested calls `f(f(x, …), …)`)
where `f` declares a local `bytes.Buffer`, writes into it and returns `Bytes()`.

## Why it costs

Every call allocates a new buffer, copies the previous result into it and grows it
while writing; a chain of six header additions per message makes six buffers and
copies the header six times.

## How to fix

```go
// before
hdr = genHeader(hdr, JSStream, name)
hdr = genHeader(hdr, JSSubject, subj)
hdr = genHeader(hdr, JSSequence, seq)

// after
hdr = appendHeader(hdr, JSStream, name) // append-style: grows one buffer
hdr = appendHeader(hdr, JSSubject, subj)
hdr = appendHeader(hdr, JSSequence, seq)
```

## References

- seed analysis 000: `genHeader()` chains, six buffers per direct-get message
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for &block in &ctx.nodes.blocks {
        chains(ctx, &statements(block), out);
    }
}

fn builder_call<'s>(ctx: &FileCtx<'s>, s: Node<'_>) -> Option<(String, &'s str)> {
    if s.kind_name() != "assignment_statement" {
        return None;
    }
    let [(l, Some(r))] = assign_pairs(s)[..] else {
        return None;
    };
    let r = unparen(r);
    if r.kind_name() != "call_expression" {
        return None;
    }
    let f = ctx.callee_facts(r).filter(|f| f.buffer_builder)?;
    let _ = f;
    let name = callee(r, ctx.src).map(|(_, n)| n.to_owned())?;
    let first = crate::syntax::args(r).first().map(|a| text(*a, ctx.src))?;
    let target = text(l, ctx.src);
    (first == target).then_some((name, target))
}

fn chains(ctx: &FileCtx<'_>, stmts: &[Node<'_>], out: &mut Vec<Hit>) {
    let mut i = 0;
    while i < stmts.len() {
        let Some((name, target)) = builder_call(ctx, stmts[i]) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < stmts.len()
            && builder_call(ctx, stmts[j]).is_some_and(|(n, t)| n == name && t == target)
        {
            j += 1;
        }
        if j - i >= 2 {
            out.push(Hit::lines(
                line(stmts[i]),
                crate::syntax::end_line(stmts[j - 1]),
                format!(
                    "{} chained calls of `{name}`, each building `{target}` again in a new bytes.Buffer",
                    j - i
                ),
            ));
        }
        i = j;
    }
}
