//! SARIF 2.1.0 for code-scanning integrations: one run, the rules that
//! fired in `tool.driver.rules`, one result per finding with a physical
//! location relative to the audited directory (`%SRCROOT%`) and, with
//! profiles, a `rank` from the share of their total through its lines.

use gosleuth_rules::{Audit, Severity};
use serde_json::{Value, json};

pub(crate) fn render(audit: &Audit) -> String {
    let mut ids: Vec<&str> = audit.findings.iter().map(|f| f.rule).collect();
    ids.sort_unstable();
    ids.dedup();
    let rules: Vec<&gosleuth_rules::Rule> = ids
        .iter()
        .filter_map(|id| gosleuth_rules::rule(id))
        .collect();
    let rule_values: Vec<Value> = rules
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.slug,
                "shortDescription": { "text": r.title },
                "fullDescription": { "text": format!("{} {}", r.impact, r.fix) },
                "help": { "text": r.docs, "markdown": r.docs },
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": {
                    "kind": r.kind.as_str(),
                    "category": r.category.slug(),
                    "avoidable": r.avoidable,
                    "effort": r.effort.as_str(),
                    "tags": ["performance", r.kind.as_str()],
                },
            })
        })
        .collect();
    let results: Vec<Value> = audit
        .findings
        .iter()
        .map(|f| {
            let index = rules.iter().position(|r| r.id == f.rule).unwrap_or(0);
            let mut result = json!({
                "ruleId": f.rule,
                "ruleIndex": index,
                "level": level(f.severity),
                "message": { "text": f.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": f.file, "uriBaseId": "%SRCROOT%" },
                        "region": {
                            "startLine": f.line,
                            "endLine": f.end_line,
                            "snippet": { "text": f.evidence },
                        },
                    },
                }],
                "properties": { "severity": f.severity.as_str(), "kind": f.kind.as_str() },
            });
            if let Some(w) = &audit.weighting {
                // SARIF's `rank` (0–100) orders results by importance: the
                // share of the profiles' total through the finding's lines.
                let share = crate::share(f, w).unwrap_or(0.0);
                result["rank"] = json!((share * 1000.0).round() / 10.0);
                result["properties"]["weight"] = json!(f.weight.unwrap_or(0));
                result["properties"]["sampleType"] = json!(w.sample_type);
            }
            if let Some(func) = &f.function {
                result["locations"][0]["logicalLocations"] =
                    json!([{ "name": func, "kind": "function" }]);
            }
            if !f.related.is_empty() {
                result["relatedLocations"] = Value::Array(
                    f.related
                        .iter()
                        .enumerate()
                        .map(|(i, r)| {
                            json!({
                                "id": i,
                                "message": { "text": r.note },
                                "physicalLocation": {
                                    "artifactLocation": { "uri": f.file, "uriBaseId": "%SRCROOT%" },
                                    "region": { "startLine": r.line.max(1) },
                                },
                            })
                        })
                        .collect(),
                );
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "gosleuth",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/gosleuth/gosleuth",
                    "rules": rule_values,
                },
            },
            "originalUriBaseIds": { "%SRCROOT%": { "description": { "text": "the audited directory" } } },
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}

/// SARIF levels: error for critical and high, warning for medium, note for low.
fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}
