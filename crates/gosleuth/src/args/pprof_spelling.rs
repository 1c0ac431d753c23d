//! pprof's single-dash spellings (`-sample_index=x`, `-nodecount=10`, `-lines`)
//! rewritten into ours before clap parses them.

use std::ffi::OsString;

/// pprof flags that take a value; the rest are switches.
const PPROF_VALUE_FLAGS: &[&str] = &[
    "sample_index",
    "nodecount",
    "nodefraction",
    "edgefraction",
    "focus",
    "ignore",
    "hide",
    "show",
    "unit",
    "trim_path",
    "source_path",
    "seconds",
    "timeout",
    "src",
    "output",
    "o",
];
const PPROF_SWITCHES: &[&str] = &[
    "functions",
    "filefunctions",
    "lines",
    "files",
    "addresses",
    "noinlines",
    "cum",
    "flat",
    "compact_labels",
    "drop_negative",
];

/// Rewrites pprof-style `-name[=value]` arguments into `--name[=value]`, with `_` → `-`.
pub(crate) fn normalize(args: impl IntoIterator<Item = OsString>) -> Vec<OsString> {
    args.into_iter()
        .map(|arg| {
            let Some(s) = arg.to_str() else { return arg };
            let Some(rest) = s.strip_prefix('-').filter(|r| !r.starts_with('-')) else {
                return match s.strip_prefix("--") {
                    Some(long) => OsString::from(format!("--{}", dash_name(long))),
                    None => arg,
                };
            };
            let name = rest.split('=').next().unwrap_or(rest);
            if PPROF_VALUE_FLAGS.contains(&name) && name.len() > 1 || PPROF_SWITCHES.contains(&name)
            {
                OsString::from(format!("--{}", dash_name(rest)))
            } else {
                arg
            }
        })
        .collect()
}

/// `sample_index=a_b` → `sample-index=a_b`: only the flag name changes.
fn dash_name(flag: &str) -> String {
    match flag.split_once('=') {
        Some((name, value)) => format!("{}={value}", name.replace('_', "-")),
        None => flag.replace('_', "-"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(args: &[&str]) -> Vec<String> {
        normalize(args.iter().map(OsString::from))
            .into_iter()
            .map(|a| a.into_string().unwrap())
            .collect()
    }

    #[test]
    fn pprof_spellings_become_ours() {
        assert_eq!(
            norm(&[
                "top",
                "-sample_index=alloc_space",
                "-nodecount=10",
                "-lines",
                "-cum",
                "x.pb.gz"
            ]),
            [
                "top",
                "--sample-index=alloc_space",
                "--nodecount=10",
                "--lines",
                "--cum",
                "x.pb.gz"
            ]
        );
        assert_eq!(
            norm(&["top", "--sample_index", "inuse_space", "-"]),
            ["top", "--sample-index", "inuse_space", "-"]
        );
        assert_eq!(
            norm(&["top", "-focus=a_b", "-x"]),
            ["top", "--focus=a_b", "-x"]
        );
    }
}
