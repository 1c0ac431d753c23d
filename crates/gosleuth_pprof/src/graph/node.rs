//! Graph nodes keyed as pprof keys them (`graph.NodeInfo`), and their printable names.

use crate::gopath;
use crate::model::{Line, Location, Profile};

/// What identifies a node at the chosen granularity (pprof's `NodeInfo`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeInfo {
    /// Function name ("" when aggregated away).
    pub name: String,
    /// System name (kept only on request; empty here).
    pub orig_name: String,
    /// Address (only at `addresses` granularity).
    pub address: u64,
    /// Cleaned file name ("" when aggregated away).
    pub file: String,
    /// Function start line (kept only when there is no name).
    pub start_line: i64,
    /// Line number (0 when aggregated away).
    pub lineno: i64,
    /// Column number.
    pub columnno: i64,
    /// Object file (kept only when there is no name, or for raw views).
    pub objfile: String,
}

impl NodeInfo {
    /// pprof's `PrintableName`.
    pub fn printable_name(&self) -> String {
        let mut parts: Vec<String> = Vec::with_capacity(3);
        if self.address != 0 {
            parts.push(format!("{:016x}", self.address));
        }
        if !self.name.is_empty() {
            parts.push(self.name.clone());
        }
        if self.lineno != 0 {
            let mut s = format!("{}:{}", self.file, self.lineno);
            if self.columnno != 0 {
                s.push_str(&format!(":{}", self.columnno));
            }
            parts.push(s);
        } else if !self.file.is_empty() {
            parts.push(self.file.clone());
        } else if !self.name.is_empty() {
        } else if !self.objfile.is_empty() {
            parts.push(format!("[{}]", gopath::base(&self.objfile)));
        } else {
            parts.push("<unknown>".to_string());
        }
        parts.join(" ")
    }

    /// Go's `fmt.Sprint(NodeInfo)`, pprof's last tie-breaker when sorting.
    pub fn go_sprint(&self) -> String {
        format!(
            "{{{} {} {} {} {} {} {} {}}}",
            self.name,
            self.orig_name,
            self.address,
            self.file,
            self.start_line,
            self.lineno,
            self.columnno,
            self.objfile
        )
    }
}

/// Which parts of a frame survive aggregation (pprof's `-functions`, `-lines`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Granularity {
    /// One node per function (the default).
    #[default]
    Functions,
    /// One node per function and file.
    FileFunctions,
    /// One node per file.
    Files,
    /// One node per source line.
    Lines,
    /// One node per address.
    Addresses,
}

/// How frames become node keys: granularity, inlining and path trimming.
#[derive(Debug, Clone, Default)]
pub struct NodeKeying {
    /// The granularity.
    pub granularity: Granularity,
    /// Drop inlined frames, keeping only each location's outermost line.
    pub no_inlines: bool,
    /// Keep object file names on every node (raw and list views).
    pub obj_names: bool,
    /// pprof's `-trim_path`.
    pub trim_path: String,
    /// pprof's `-source_path` (used to guess the trim prefix).
    pub source_path: String,
}

impl NodeKeying {
    /// The lines of a location that become nodes, innermost first.
    pub fn lines<'a>(&self, loc: &'a Location) -> &'a [Line] {
        let inlines_kept = !self.no_inlines || self.granularity == Granularity::Addresses;
        if !inlines_kept && loc.lines.len() > 1 {
            &loc.lines[loc.lines.len() - 1..]
        } else {
            &loc.lines
        }
    }

    /// pprof's `nodeInfo` after `Profile.Aggregate` for this granularity.
    pub fn node_info(&self, p: &Profile, loc: &Location, line: Option<&Line>) -> NodeInfo {
        // `-addresses` with inlines kept is the one case pprof aggregates nothing.
        let (function, filename, linenumber, address) = match self.granularity {
            Granularity::Addresses => (true, true, true, true),
            Granularity::Lines => (true, true, true, false),
            Granularity::Files => (false, true, false, false),
            Granularity::Functions => (true, false, false, false),
            Granularity::FileFunctions => (true, true, false, false),
        };
        let keep_columns = self.granularity == Granularity::Addresses && !self.no_inlines;
        let objfile = loc
            .mapping
            .map(|m| p.mappings[m].file.clone())
            .unwrap_or_default();
        let address = if address { loc.address } else { 0 };
        let Some(f) = line.and_then(|l| p.function(l)) else {
            return NodeInfo {
                address,
                objfile,
                ..NodeInfo::default()
            };
        };
        let line = line.copied().unwrap_or_default();
        let mut ni = NodeInfo {
            address,
            lineno: if linenumber { line.line } else { 0 },
            columnno: if linenumber && keep_columns {
                line.column
            } else {
                0
            },
            name: if function {
                f.name.clone()
            } else {
                String::new()
            },
            ..NodeInfo::default()
        };
        let trimmed = if filename {
            gopath::trim_path(&f.filename, &self.trim_path, &self.source_path)
        } else {
            ""
        };
        if !trimmed.is_empty() {
            ni.file = gopath::clean(trimmed);
        }
        if self.obj_names || ni.name.is_empty() {
            ni.objfile = objfile;
            ni.start_line = f.start_line;
        }
        ni
    }
}
