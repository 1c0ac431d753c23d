//! Build constraints: which files of a package a `go build` would compile,
//! from file-name suffixes (`_linux.go`, `_arm64.go`, `_test.go`) and
//! `//go:build` (or legacy `// +build`) lines.

const KNOWN_OS: &[&str] = &[
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "js",
    "linux",
    "nacl",
    "netbsd",
    "openbsd",
    "plan9",
    "solaris",
    "wasip1",
    "windows",
    "zos",
];
const KNOWN_ARCH: &[&str] = &[
    "386",
    "amd64",
    "amd64p32",
    "arm",
    "armbe",
    "arm64",
    "arm64be",
    "loong64",
    "mips",
    "mipsle",
    "mips64",
    "mips64le",
    "mips64p32",
    "mips64p32le",
    "ppc",
    "ppc64",
    "ppc64le",
    "riscv",
    "riscv64",
    "s390",
    "s390x",
    "sparc",
    "sparc64",
    "wasm",
];
const UNIX: &[&str] = &[
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "linux",
    "netbsd",
    "openbsd",
    "solaris",
];

/// The target a profile's binary was built for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildContext {
    /// `GOOS`, e.g. `linux`.
    pub goos: &'static str,
    /// `GOARCH`, e.g. `amd64`.
    pub goarch: &'static str,
    /// Whether cgo was enabled.
    pub cgo: bool,
    /// Extra build tags (`-tags`).
    pub tags: Vec<String>,
}

impl Default for BuildContext {
    /// `linux/amd64` without cgo, the usual build of a Go service.
    fn default() -> Self {
        BuildContext {
            goos: "linux",
            goarch: "amd64",
            cgo: false,
            tags: Vec::new(),
        }
    }
}

impl BuildContext {
    fn has_tag(&self, tag: &str) -> bool {
        tag == self.goos
            || tag == self.goarch
            || tag == "gc"
            || (tag == "unix" && UNIX.contains(&self.goos))
            || (tag == "cgo" && self.cgo)
            || tag
                .strip_prefix("go1.")
                .is_some_and(|v| v.parse::<u32>().is_ok())
            || self.tags.iter().any(|t| t == tag)
    }

    /// Whether `go build` compiles the file `name` with contents `src`.
    #[must_use]
    pub fn includes(&self, name: &str, src: &str) -> bool {
        self.name_ok(name) && self.header_ok(src)
    }

    /// Whether a file of this name can be in the build (its `_GOOS`,
    /// `_GOARCH` suffixes; not a test).
    pub(crate) fn name_ok(&self, name: &str) -> bool {
        let Some(stem) = name.strip_suffix(".go").or_else(|| name.strip_suffix(".s")) else {
            return false;
        };
        if stem.starts_with(['_', '.']) || stem.ends_with("_test") {
            return false;
        }
        let parts: Vec<&str> = stem.split('_').skip(1).collect();
        let n = parts.len();
        if n >= 2 && KNOWN_OS.contains(&parts[n - 2]) && KNOWN_ARCH.contains(&parts[n - 1]) {
            return parts[n - 2] == self.goos && parts[n - 1] == self.goarch;
        }
        match parts.last() {
            Some(os) if KNOWN_OS.contains(os) => *os == self.goos,
            Some(arch) if KNOWN_ARCH.contains(arch) => *arch == self.goarch,
            _ => true,
        }
    }

    fn header_ok(&self, src: &str) -> bool {
        let mut plus_lines = Vec::new();
        for line in src.lines() {
            let line = line.trim();
            if let Some(expr) = line.strip_prefix("//go:build") {
                return self.eval_expr(expr).unwrap_or(true);
            }
            if let Some(rest) = line.strip_prefix("// +build") {
                plus_lines.push(rest);
            } else if line.starts_with("package ") {
                break;
            }
        }
        plus_lines.iter().all(|l| self.eval_plus_build(l))
    }

    fn eval_plus_build(&self, line: &str) -> bool {
        line.split_whitespace().any(|option| {
            option.split(',').all(|term| match term.strip_prefix('!') {
                Some(t) => !self.has_tag(t),
                None => self.has_tag(term),
            })
        })
    }

    /// Evaluates a `//go:build` expression; `None` when it does not parse.
    fn eval_expr(&self, expr: &str) -> Option<bool> {
        let tokens = tokenize(expr);
        let mut pos = 0;
        let v = self.or(&tokens, &mut pos)?;
        (pos == tokens.len()).then_some(v)
    }

    fn or(&self, t: &[String], pos: &mut usize) -> Option<bool> {
        let mut v = self.and(t, pos)?;
        while t.get(*pos).is_some_and(|x| x == "||") {
            *pos += 1;
            v |= self.and(t, pos)?;
        }
        Some(v)
    }

    fn and(&self, t: &[String], pos: &mut usize) -> Option<bool> {
        let mut v = self.unary(t, pos)?;
        while t.get(*pos).is_some_and(|x| x == "&&") {
            *pos += 1;
            v &= self.unary(t, pos)?;
        }
        Some(v)
    }

    fn unary(&self, t: &[String], pos: &mut usize) -> Option<bool> {
        let tok = t.get(*pos)?;
        *pos += 1;
        match tok.as_str() {
            "!" => self.unary(t, pos).map(|v| !v),
            "(" => {
                let v = self.or(t, pos)?;
                (t.get(*pos)? == ")").then(|| {
                    *pos += 1;
                    v
                })
            }
            "||" | "&&" | ")" => None,
            tag => Some(self.has_tag(tag)),
        }
    }
}

fn tokenize(expr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = expr.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' => {}
            '!' | '(' | ')' => out.push(c.to_string()),
            '|' | '&' => {
                chars.next();
                out.push(format!("{c}{c}"));
            }
            _ => {
                let mut word = c.to_string();
                while let Some(&n) = chars.peek() {
                    if n.is_alphanumeric() || n == '_' || n == '.' {
                        word.push(n);
                        chars.next();
                    } else {
                        break;
                    }
                }
                out.push(word);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::BuildContext;

    #[test]
    fn file_names_and_constraints() {
        let b = BuildContext::default();
        assert!(b.includes("a.go", "package a"));
        assert!(!b.includes("a_test.go", "package a"));
        assert!(!b.includes("a_windows.go", "package a"));
        assert!(b.includes("a_linux_amd64.go", "package a"));
        assert!(!b.includes("a_linux_arm64.go", "package a"));
        assert!(b.includes("signal_linux.go", "package a"));
        assert!(b.includes(
            "x.go",
            "//go:build !windows && (linux || darwin)\n\npackage a"
        ));
        assert!(!b.includes("x.go", "//go:build windows\n\npackage a"));
        assert!(!b.includes("x.go", "// +build windows plan9\n\npackage a"));
        assert!(b.includes("x.go", "// +build !windows,!plan9\n\npackage a"));
        assert!(b.includes("x.go", "//go:build unix && go1.18\npackage a"));
        assert!(!b.includes("x.go", "//go:build cgo\npackage a"));
    }
}
