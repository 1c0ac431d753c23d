//! Every rule against its fixtures: `fixtures/<slug>/trigger.go` must
//! produce findings of that rule, `near_miss.go` none; both are snapshotted.

use std::fmt::Write as _;
use std::path::Path;

use gosleuth_rules::{AuditOptions, Finding, RULES, audit_with};

fn render(findings: &[&Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let _ = writeln!(
            out,
            "{}:{}-{} {} {} [{}] {}",
            f.file,
            f.line,
            f.end_line,
            f.severity.as_str(),
            f.rule,
            f.function.as_deref().unwrap_or("-"),
            f.message
        );
        for r in &f.related {
            let _ = writeln!(out, "    line {}: {}", r.line, r.note);
        }
    }
    if out.is_empty() {
        out.push_str("(no findings)\n");
    }
    out
}

#[test]
fn every_rule_has_fixtures_that_trigger_and_near_misses_that_do_not() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut failures = Vec::new();
    for rule in RULES {
        let dir = root.join(rule.slug);
        assert!(
            dir.join("trigger.go").is_file() && dir.join("near_miss.go").is_file(),
            "{}: missing fixtures in {}",
            rule.id,
            dir.display()
        );
        let audit = audit_with(&dir, &AuditOptions::default(), &[rule]).unwrap();
        for fixture in ["trigger", "near_miss"] {
            let file = format!("{fixture}.go");
            let found: Vec<&Finding> = audit.findings.iter().filter(|f| f.file == file).collect();
            assert!(found.iter().all(|f| f.rule == rule.id));
            if (fixture == "trigger") == found.is_empty() {
                failures.push(format!("{} {}: {} findings", rule.id, file, found.len()));
            }
            insta::assert_snapshot!(format!("{}__{fixture}", rule.slug), render(&found));
        }
    }
    assert!(failures.is_empty(), "fixtures not behaving: {failures:#?}");
}

#[test]
fn every_rule_documents_the_fixed_headings() {
    let mut ids = std::collections::HashSet::new();
    let mut slugs = std::collections::HashSet::new();
    let mut kinds = std::collections::BTreeSet::new();
    for r in RULES {
        assert!(ids.insert(r.id), "duplicate id {}", r.id);
        assert!(slugs.insert(r.slug), "duplicate slug {}", r.slug);
        kinds.insert(r.kind);
        let mut at = 0;
        for h in [
            "## What it finds",
            "## Why it costs",
            "## How to fix",
            "## References",
        ] {
            let pos = r.docs.find(h).unwrap_or_else(|| panic!("{}: no {h}", r.id));
            assert!(pos >= at, "{}: {h} out of order", r.id);
            at = pos;
        }
        assert!(r.docs.contains("```go"), "{}: no before/after sketch", r.id);
        assert!((0.0..=1.0).contains(&r.avoidable), "{}", r.id);
    }
    assert!(RULES.len() >= 25);
    assert_eq!(kinds.len(), 11, "every kind K1–K11 has a rule");
}

#[test]
fn plain_audit_leaves_profile_only_rules_out() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let profile_only: Vec<_> = RULES.iter().filter(|r| r.needs_profile).collect();
    assert!(!profile_only.is_empty(), "GS105 needs a profile");
    let source_rules = RULES.len() - profile_only.len();
    for rule in profile_only {
        let audit = gosleuth_rules::audit(&root.join(rule.slug), &AuditOptions::default()).unwrap();
        assert!(
            audit.findings.iter().all(|f| f.rule != rule.id),
            "{}: reported by audit",
            rule.id
        );
        assert_eq!(audit.rules_run, source_rules);
    }
}
