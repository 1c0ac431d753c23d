//! Frames → [`CodeSite`]s: resolved to files under the source roots and to
//! their statements, once per distinct frame.

use gosleuth_go::Resolution;
use rustc_hash::FxHashMap;

use super::model::CodeSite;
use crate::analyze::source::Source;
use crate::analyze::stats::Frame;

/// The source roots and what has been resolved so far.
pub(crate) struct Sites {
    pub(crate) source: Source,
    cache: FxHashMap<(String, String, i64), (CodeSite, Option<Resolution>)>,
}

impl Sites {
    pub(crate) fn new(source: Source) -> Sites {
        Sites {
            source,
            cache: FxHashMap::default(),
        }
    }

    /// The frame as a code site.
    pub(crate) fn site(&mut self, f: &Frame<'_>) -> CodeSite {
        self.lookup(f).0
    }

    /// The frame's resolution, when it resolved.
    pub(crate) fn resolution(&mut self, f: &Frame<'_>) -> Option<Resolution> {
        self.lookup(f).1
    }

    fn lookup(&mut self, f: &Frame<'_>) -> (CodeSite, Option<Resolution>) {
        let key = (f.function.to_string(), f.file.to_string(), f.line);
        if let Some(hit) = self.cache.get(&key) {
            return hit.clone();
        }
        let r = self.source.resolve(f.function, f.file, f.line, 0);
        let site = CodeSite {
            function: f.function.to_string(),
            file: r
                .as_ref()
                .and_then(|r| self.source.display(r))
                .unwrap_or_else(|| f.file.to_string()),
            line: f.line,
            code: r.as_ref().and_then(|r| self.source.code(r, f.line)),
            resolved: r.is_some(),
        };
        self.cache.insert(key, (site.clone(), r.clone()));
        (site, r)
    }
}

/// Application code: not the standard library (whose import paths have no
/// dot in their first element), `main` included.
pub(crate) fn is_application(function: &str) -> bool {
    let (package, _) = gosleuth_go::split_function_name(function);
    let first = package.split('/').next().unwrap_or(&package);
    package == "main" || first.contains('.')
}

#[cfg(test)]
mod tests {
    use super::is_application;

    #[test]
    fn application_frames() {
        assert!(is_application(
            "github.com/gosleuth/examples/pushsvc/broker.(*Server).publishWithTimeout.func1"
        ));
        assert!(is_application("main.main"));
        assert!(!is_application("runtime.gopark"));
        assert!(!is_application("net/http.(*conn).serve"));
    }
}
