//! The decoded profile: `profile.proto` with ids resolved to indices and strings
//! resolved out of the string table, in the shape of Go's `profile.Profile`.

use std::collections::BTreeMap;

/// Index of a [`Location`] in [`Profile::locations`].
pub type LocationIdx = usize;
/// Index of a [`Function`] in [`Profile::functions`].
pub type FunctionIdx = usize;
/// Index of a [`Mapping`] in [`Profile::mappings`].
pub type MappingIdx = usize;

/// A whole profile.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profile {
    /// What each entry of [`Sample::values`] measures.
    pub sample_types: Vec<ValueType>,
    /// The sample type reports use when none is asked for (may be empty).
    pub default_sample_type: String,
    /// The samples, each a stack with values.
    pub samples: Vec<Sample>,
    /// Mapped binaries; the first is the main binary.
    pub mappings: Vec<Mapping>,
    /// Program counters with their (possibly inlined) source lines.
    pub locations: Vec<Location>,
    /// Functions referenced from [`Line`]s.
    pub functions: Vec<Function>,
    /// Free-form comments.
    pub comments: Vec<String>,
    /// Documentation URL for the profile type.
    pub doc_url: String,
    /// Regexp of frames to drop (pprof's `drop_frames`).
    pub drop_frames: String,
    /// Regexp of frames to keep (pprof's `keep_frames`).
    pub keep_frames: String,
    /// Collection time, nanoseconds since the epoch (0 if unknown).
    pub time_nanos: i64,
    /// Collection window in nanoseconds (0 if unknown).
    pub duration_nanos: i64,
    /// What [`Profile::period`] measures.
    pub period_type: Option<ValueType>,
    /// Sampling period.
    pub period: i64,
}

/// A sample type or period type: what is measured, in which unit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValueType {
    /// For example `alloc_space`, `cpu`, `goroutine`.
    pub r#type: String,
    /// For example `bytes`, `nanoseconds`, `count`.
    pub unit: String,
}

/// One sample: a stack (leaf first) and one value per sample type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sample {
    /// Leaf-first stack of locations.
    pub locations: Vec<LocationIdx>,
    /// One value per [`Profile::sample_types`] entry.
    pub values: Vec<i64>,
    /// String labels (key → values).
    pub labels: BTreeMap<String, Vec<String>>,
    /// Numeric labels (key → values), such as the heap profile's `bytes`.
    pub num_labels: BTreeMap<String, Vec<i64>>,
    /// Units of numeric labels, parallel to [`Sample::num_labels`] where present.
    pub num_units: BTreeMap<String, Vec<String>>,
}

/// A mapped object file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    /// Unique id within the profile.
    pub id: u64,
    /// Start address.
    pub start: u64,
    /// End address.
    pub limit: u64,
    /// File offset of the mapping.
    pub offset: u64,
    /// Object file name.
    pub file: String,
    /// Build id of the object file.
    pub build_id: String,
    /// Symbolization flags.
    pub has_functions: bool,
    /// Symbolization flags.
    pub has_filenames: bool,
    /// Symbolization flags.
    pub has_line_numbers: bool,
    /// Symbolization flags.
    pub has_inline_frames: bool,
}

/// A program counter and the source lines it stands for, innermost first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    /// Unique id within the profile.
    pub id: u64,
    /// The mapping the address belongs to, if any.
    pub mapping: Option<MappingIdx>,
    /// Instruction address.
    pub address: u64,
    /// Source lines: `lines[0]` is the innermost inlined function, the last the caller.
    pub lines: Vec<Line>,
    /// Whether the location was folded by the profiler.
    pub is_folded: bool,
}

/// One source line of a location.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Line {
    /// The function, if known.
    pub function: Option<FunctionIdx>,
    /// Line number (0 if unknown).
    pub line: i64,
    /// Column number (0 if unknown).
    pub column: i64,
}

/// A function.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Function {
    /// Unique id within the profile.
    pub id: u64,
    /// Name as shown to people, e.g. `github.com/x/y.(*T).M`.
    pub name: String,
    /// Name as the system knows it (usually equal to `name` for Go).
    pub system_name: String,
    /// Source file name as recorded at build time.
    pub filename: String,
    /// Line of the declaration (Go 1.20+; 0 when unknown).
    pub start_line: i64,
}

impl Profile {
    /// Index of the sample type named `name`, pprof's `-sample_index` rules:
    /// empty picks the default sample type (else the last), a number is an
    /// index, and `inuse_` is optional for legacy names.
    pub fn sample_index(&self, name: &str) -> Result<usize, String> {
        if self.sample_types.is_empty() {
            return Err("profile has no samples".to_string());
        }
        if name.is_empty() {
            let default = &self.default_sample_type;
            if let Some(i) = self
                .sample_types
                .iter()
                .position(|t| !default.is_empty() && &t.r#type == default)
            {
                return Ok(i);
            }
            return Ok(self.sample_types.len() - 1);
        }
        if let Ok(i) = name.parse::<i64>() {
            let last = self.sample_types.len() - 1;
            return usize::try_from(i)
                .ok()
                .filter(|i| *i <= last)
                .ok_or_else(|| format!("sample_index {name} is outside the range [0..{last}]"));
        }
        let no_inuse = name.strip_prefix("inuse_").unwrap_or(name);
        if let Some(i) = self
            .sample_types
            .iter()
            .position(|t| t.r#type == name || t.r#type == no_inuse)
        {
            return Ok(i);
        }
        let names: Vec<&str> = self
            .sample_types
            .iter()
            .map(|t| t.r#type.as_str())
            .collect();
        Err(format!(
            "sample_index {name:?} must be one of: [{}]",
            names.join(" ")
        ))
    }

    /// The function of a line, if it has one.
    pub fn function(&self, line: &Line) -> Option<&Function> {
        line.function.map(|f| &self.functions[f])
    }
}
