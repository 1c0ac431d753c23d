//! Go's `path/filepath` helpers for Unix paths, as pprof applies them to file names.

/// Go's `filepath.Clean`: the shortest equivalent path by purely lexical processing.
pub fn clean(path: &str) -> String {
    if path.is_empty() {
        return ".".to_string();
    }
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_string(),
        (false, false) => joined,
    }
}

/// Go's `filepath.Base`: the last element, trailing slashes removed.
pub fn base(path: &str) -> &str {
    if path.is_empty() {
        return ".";
    }
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        return "/";
    }
    trimmed.rsplit('/').next().unwrap_or(trimmed)
}

/// Go's `filepath.SplitList` on Unix: `:`-separated, empty input gives nothing.
pub fn split_list(list: &str) -> Vec<&str> {
    if list.is_empty() {
        Vec::new()
    } else {
        list.split(':').collect()
    }
}

/// pprof's `trimPath`: strips a build prefix from a profile file name, guessing
/// it from the basenames of `source_path` entries when `trim_path` is empty.
pub fn trim_path<'a>(path: &'a str, trim_path: &str, source_path: &str) -> &'a str {
    if trim_path.is_empty() {
        for dir in split_list(source_path) {
            let want = format!("/{}/", base(dir));
            if let Some(found) = path.find(&want) {
                return &path[found + want.len()..];
            }
        }
    }
    let mut prefixes: Vec<String> = split_list(trim_path)
        .into_iter()
        .map(str::to_string)
        .collect();
    prefixes.push("/proc/self/cwd/./".to_string());
    prefixes.push("/proc/self/cwd/".to_string());
    for mut prefix in prefixes {
        if !prefix.ends_with('/') {
            prefix.push('/');
        }
        if let Some(rest) = path.strip_prefix(prefix.as_str()) {
            return rest;
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_matches_go() {
        assert_eq!(clean("a/b/../c"), "a/c");
        assert_eq!(clean("/../a//b/./"), "/a/b");
        assert_eq!(clean("../../x"), "../../x");
        assert_eq!(clean(""), ".");
        assert_eq!(clean("a/.."), ".");
    }

    #[test]
    fn trim_path_matches_pprof() {
        assert_eq!(trim_path("/proc/self/cwd/x/y.go", "", ""), "x/y.go");
        assert_eq!(
            trim_path("/build/my-project/foo/bar.c", "", "/local/my-project"),
            "foo/bar.c"
        );
        assert_eq!(trim_path("/build/x/y.go", "/build", ""), "x/y.go");
        assert_eq!(base("/a/b/"), "b");
    }
}
