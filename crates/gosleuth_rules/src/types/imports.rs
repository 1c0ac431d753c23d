//! Import aliases: the local name of each imported package and the short
//! canonical id types are written with (`gzip`, `s2`, `websocket`).

use std::collections::HashMap;

use gosleuth_go::Import;

/// A file's imports by local name.
#[derive(Debug, Clone, Default)]
pub(crate) struct Imports {
    by_local: HashMap<String, String>,
}

impl Imports {
    pub(crate) fn new(imports: &[Import]) -> Imports {
        let mut by_local = HashMap::new();
        for imp in imports {
            let canon = canonical(&imp.path);
            let local = match imp.alias.as_deref() {
                Some("_" | ".") => continue,
                Some(a) => a.to_owned(),
                None => canon.clone(),
            };
            by_local.insert(local, canon);
        }
        Imports { by_local }
    }

    /// The canonical id of the package imported as `local`.
    pub(crate) fn canonical(&self, local: &str) -> Option<&str> {
        self.by_local.get(local).map(String::as_str)
    }
}

/// `github.com/pierrec/lz4/v4` → `lz4`; `gopkg.in/yaml.v3` → `yaml`;
/// `compress/gzip` → `gzip`.
pub(crate) fn canonical(path: &str) -> String {
    let mut parts: Vec<&str> = path.split('/').collect();
    if parts.len() > 1 && parts.last().is_some_and(|p| is_major(p)) {
        parts.pop();
    }
    let last = parts.last().copied().unwrap_or(path);
    let last = last.split(".v").next().unwrap_or(last);
    last.strip_prefix("go-").unwrap_or(last).to_owned()
}

fn is_major(s: &str) -> bool {
    s.strip_prefix('v')
        .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
}
