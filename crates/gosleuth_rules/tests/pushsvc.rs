//! The example service's answer key: every problem listed in
//! `examples/pushsvc/PROBLEMS.md` is found (a finding of one of the row's
//! kinds at one of the row's locations), and nothing else is high or critical.

use std::path::Path;

use gosleuth_rules::{AuditOptions, Finding, Severity, audit};

/// A row of the answer key: its number, kinds and (file, first, last) locations.
struct Problem {
    number: String,
    kinds: Vec<String>,
    places: Vec<(String, u32, u32)>,
}

/// Parses the table of PROBLEMS.md: locations are `` `path:a-b` `` or
/// `` `:a` `` (same file as the previous one).
fn problems(md: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    for line in md
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| #") && !l.starts_with("|---"))
    {
        let cols: Vec<&str> = line.split('|').map(str::trim).collect();
        let (number, where_, kinds) = (cols[1], cols[2], cols[3]);
        let mut places = Vec::new();
        let mut file = String::new();
        for code in where_.split('`').skip(1).step_by(2) {
            let (f, range) = code.rsplit_once(':').unwrap_or((code, ""));
            if !f.is_empty() {
                file = f.to_owned();
            }
            let (a, b) = range.split_once('-').unwrap_or((range, range));
            if let (Ok(a), Ok(b)) = (a.parse(), b.parse()) {
                places.push((file.clone(), a, b));
            }
        }
        // Sub-kinds (`K3c`) count as their kind.
        let kinds = kinds
            .split(',')
            .map(|k| {
                k.trim()
                    .trim_end_matches(|c: char| c.is_ascii_lowercase())
                    .to_owned()
            })
            .collect();
        out.push(Problem {
            number: number.to_owned(),
            kinds,
            places,
        });
    }
    out
}

fn overlaps(f: &Finding, (file, a, b): &(String, u32, u32)) -> bool {
    f.file == *file && f.line <= *b && *a <= f.end_line
}

#[test]
fn every_planted_problem_is_found_and_nothing_else_is_high() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/pushsvc");
    let key = problems(&std::fs::read_to_string(root.join("PROBLEMS.md")).unwrap());
    assert_eq!(key.len(), 20, "PROBLEMS.md rows");
    let audit = audit(&root, &AuditOptions::default()).unwrap();
    let mut missing = Vec::new();
    for p in &key {
        let found = audit.findings.iter().any(|f| {
            p.kinds.iter().any(|k| k == f.kind.as_str())
                && p.places.iter().any(|pl| overlaps(f, pl))
        });
        if !found {
            missing.push(format!("#{} {:?} {:?}", p.number, p.kinds, p.places));
        }
    }
    assert!(
        missing.is_empty(),
        "planted problems not found: {missing:#?}"
    );
    let extra: Vec<String> = audit
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::High)
        .filter(|f| !key.iter().flat_map(|p| &p.places).any(|pl| overlaps(f, pl)))
        .map(|f| format!("{} {}:{} {}", f.rule, f.file, f.line, f.message))
        .collect();
    assert!(
        extra.is_empty(),
        "high findings outside the answer key: {extra:#?}"
    );
}

/// `analyze` audits hot files from the parses its resolver kept: the same
/// findings as parsing them afresh.
#[test]
fn auditing_kept_parses_finds_what_parsing_afresh_finds() {
    use gosleuth_go::{BuildContext, Index, SyntaxFile};
    use gosleuth_rules::{RULES, Rule, audit_files, audit_parsed};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/pushsvc/broker")
        .canonicalize()
        .unwrap();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "go"))
        .collect();
    files.sort();
    let mut index = Index::new(BuildContext::default());
    index.keep_syntax_under(vec![dir.clone()]);
    index.add_files_partial(&files);
    let kept: Vec<&SyntaxFile> = files.iter().map(|f| index.syntax(f).unwrap()).collect();
    let rules: Vec<&'static Rule> = RULES.to_vec();
    let from_kept = audit_parsed(&dir, &kept, &index, &rules);
    let afresh = audit_files(&dir, files, &rules);
    assert!(from_kept.findings.len() >= 10, "{:#?}", from_kept.findings);
    assert_eq!(format!("{from_kept:#?}"), format!("{afresh:#?}"));
}
