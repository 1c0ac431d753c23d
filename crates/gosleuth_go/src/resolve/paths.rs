//! Comparing profile file names with files on disk, one path element at a
//! time from the end.

use std::path::Path;

/// Path elements of a profile file name (`/` or `\` separated).
pub(crate) fn components(path: &str) -> Vec<&str> {
    path.split(['/', '\\'])
        .filter(|c| !c.is_empty() && *c != ".")
        .collect()
}

/// Whether a profile path element names the same thing as one on disk:
/// module-cache elements carry `@version` and escape capitals as `!x`.
pub(crate) fn same_component(profile: &str, disk: &str) -> bool {
    if profile == disk {
        return true;
    }
    let p = strip_version(profile);
    let d = strip_version(disk);
    p == d || unescape(p) == unescape(d)
}

fn strip_version(c: &str) -> &str {
    c.split_once('@').map_or(c, |(name, _)| name)
}

fn unescape(c: &str) -> String {
    let mut out = String::with_capacity(c.len());
    let mut upper = false;
    for ch in c.chars() {
        if ch == '!' {
            upper = true;
        } else if upper {
            out.extend(ch.to_uppercase());
            upper = false;
        } else {
            out.push(ch);
        }
    }
    out
}

/// How many trailing elements of `profile` match trailing elements of
/// `disk`. A `vN` major-version element of the profile path may be absent
/// on disk (GOPATH and Debian layouts drop it).
pub(crate) fn suffix_score(profile: &[&str], disk: &[String]) -> usize {
    let (mut p, mut d) = (profile.len(), disk.len());
    let mut score = 0;
    while p > 0 && d > 0 {
        if same_component(profile[p - 1], &disk[d - 1]) {
            score += 1;
            p -= 1;
            d -= 1;
        } else if is_major_version(profile[p - 1]) && score > 0 {
            p -= 1;
        } else {
            break;
        }
    }
    score
}

/// How many trailing elements of `profile` equal those of `disk` exactly,
/// `@version` included: among files with the same [`suffix_score`], the one
/// from the module version the profile names (`compress@v1.20.3`, not
/// `compress@v1.20.0` beside it in the module cache).
pub(crate) fn exact_suffix_len(profile: &[&str], disk: &[String]) -> usize {
    profile
        .iter()
        .rev()
        .zip(disk.iter().rev())
        .take_while(|(p, d)| **p == d.as_str())
        .count()
}

/// Whether directory elements `dir` end with import path elements `wanted`
/// (a `vN` element of `wanted` may be missing).
pub(crate) fn dir_ends_with(dir: &[String], wanted: &[&str]) -> bool {
    let mut d = dir.len();
    for w in wanted.iter().rev() {
        if d > 0 && same_component(w, &dir[d - 1]) {
            d -= 1;
        } else if !is_major_version(w) {
            return false;
        }
    }
    !wanted.is_empty()
}

/// Whether `dir` ends with the import path elements `wanted`, allowing a
/// missing `vN` element (module major versions are not directories in
/// GOPATH-style layouts).
pub(crate) fn dir_matches(dir: &Path, wanted: &[&str]) -> bool {
    let have: Vec<&str> = dir.iter().filter_map(|c| c.to_str()).collect();
    let mut h = have.len();
    for w in wanted.iter().rev() {
        if h > 0 && have[h - 1] == *w {
            h -= 1;
        } else if !is_major_version(w) {
            return false;
        }
    }
    true
}

pub(crate) fn is_major_version(s: &str) -> bool {
    s.strip_prefix('v')
        .is_some_and(|d| d.len() < 4 && !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::{components, exact_suffix_len, suffix_score};

    fn disk(p: &str) -> Vec<String> {
        components(p).into_iter().map(str::to_owned).collect()
    }

    #[test]
    fn scores() {
        let d = disk("github.com/nats-io/nats-server/server/client.go");
        assert_eq!(
            suffix_score(
                &components("github.com/nats-io/nats-server/v2/server/client.go"),
                &d
            ),
            5
        );
        assert_eq!(
            suffix_score(&components("/home/ci/src/nats-server/server/client.go"), &d),
            3
        );
        assert_eq!(
            suffix_score(
                &components(
                    "/root/go/pkg/mod/github.com/nats-io/nats-server@v1.2.3/server/client.go"
                ),
                &d
            ),
            5
        );
        let d = disk("pkg/mod/github.com/!azure/go-sdk@v1.0.0/x.go");
        assert_eq!(
            suffix_score(
                &components("/root/go/pkg/mod/github.com/!azure/go-sdk@v1.0.0/x.go"),
                &d
            ),
            6
        );
        assert_eq!(
            suffix_score(
                &components("github.com/Azure/go-sdk/x.go"),
                &disk("github.com/!azure/go-sdk@v1.0.0/x.go")
            ),
            4
        );
        assert_eq!(
            suffix_score(&components("C:\\src\\x\\y.go"), &disk("x/y.go")),
            2
        );
        assert_eq!(suffix_score(&components("a/y.go"), &disk("b/y.go")), 1);
    }

    #[test]
    fn exact_suffix_prefers_the_named_module_version() {
        let p = components("/root/go/pkg/mod/github.com/k/compress@v1.20.3/flate/inflate.go");
        let old = disk("github.com/k/compress@v1.20.0/flate/inflate.go");
        let new = disk("github.com/k/compress@v1.20.3/flate/inflate.go");
        assert_eq!(suffix_score(&p, &old), suffix_score(&p, &new));
        assert_eq!(exact_suffix_len(&p, &old), 2);
        assert_eq!(exact_suffix_len(&p, &new), 5);
    }
}
