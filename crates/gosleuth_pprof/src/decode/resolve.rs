//! Resolves the wire form's string-table indices and ids into the [`Profile`]
//! model, checking every reference (an out-of-range index is an error, never a panic).

use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};

use super::limits::{Limits, check};
use super::proto::{PbLabel, PbProfile, PbValueType};
use crate::error::{Error, Result};
use crate::model::{Function, Line, Location, Mapping, Profile, Sample, ValueType};

/// The string table, and how many bytes of it records have copied so far:
/// each reference is a copy, so one long string referred to a million times
/// would otherwise take a million times its size.
struct Strings {
    table: Vec<prost::bytes::Bytes>,
    copied: Cell<u64>,
    max_copied: u64,
}

impl Strings {
    fn get(&self, index: i64, what: &str) -> Result<String> {
        let bytes = usize::try_from(index)
            .ok()
            .and_then(|i| self.table.get(i))
            .ok_or_else(|| {
                Error::Malformed(format!(
                    "{what} refers to string {index}, past the string table of {}",
                    self.table.len()
                ))
            })?;
        let copied = self.copied.get().saturating_add(bytes.len() as u64);
        self.copied.set(copied);
        check(
            copied,
            self.max_copied,
            "the size of the strings the profile refers to",
            "max-decompressed",
        )?;
        Ok(match std::str::from_utf8(bytes) {
            Ok(s) => s.to_owned(),
            Err(_) => String::from_utf8_lossy(bytes).into_owned(),
        })
    }

    fn value_type(&self, vt: &PbValueType, what: &str) -> Result<ValueType> {
        Ok(ValueType {
            r#type: self.get(vt.r#type, what)?,
            unit: self.get(vt.unit, what)?,
        })
    }
}

/// Id → index. Go numbers ids 1..n, so a dense table is the common case;
/// sparse ids (other profilers) fall back to a hash map.
enum IdIndex {
    Dense(Vec<usize>),
    Sparse(HashMap<u64, usize>),
}

const NO_INDEX: usize = usize::MAX;

impl IdIndex {
    /// Maps ids to indices, refusing id 0 and duplicates.
    fn new(ids: &[u64], what: &str) -> Result<IdIndex> {
        let max = ids.iter().copied().max().unwrap_or(0);
        let dense = usize::try_from(max)
            .ok()
            .filter(|&m| m <= ids.len().saturating_mul(4) + 16);
        let mut index = match dense {
            Some(m) => IdIndex::Dense(vec![NO_INDEX; m + 1]),
            None => IdIndex::Sparse(HashMap::with_capacity(ids.len())),
        };
        for (i, &id) in ids.iter().enumerate() {
            if id == 0 {
                return Err(Error::Malformed(format!("{what} has id 0")));
            }
            let fresh = match &mut index {
                IdIndex::Dense(v) => std::mem::replace(&mut v[id as usize], i) == NO_INDEX,
                IdIndex::Sparse(m) => m.insert(id, i).is_none(),
            };
            if !fresh {
                return Err(Error::Malformed(format!("{what} id {id} appears twice")));
            }
        }
        Ok(index)
    }

    fn get(&self, id: u64) -> Option<usize> {
        match self {
            IdIndex::Dense(v) => usize::try_from(id)
                .ok()
                .and_then(|i| v.get(i))
                .copied()
                .filter(|&i| i != NO_INDEX),
            IdIndex::Sparse(m) => m.get(&id).copied(),
        }
    }
}

pub(super) fn resolve(pb: PbProfile, limits: &Limits) -> Result<Profile> {
    if pb.string_table.first().is_some_and(|s| !s.is_empty()) {
        return Err(Error::Malformed(
            "string table does not start with the empty string".into(),
        ));
    }
    if pb.sample_type.is_empty() {
        let why = if pb.string_table.is_empty() {
            "no string table"
        } else {
            "no sample types"
        };
        return Err(Error::NotAProfile(why.into()));
    }
    let st = Strings {
        table: pb.string_table,
        copied: Cell::new(0),
        max_copied: limits.max_decompressed,
    };
    let mappings = pb
        .mapping
        .iter()
        .map(|m| {
            Ok(Mapping {
                id: m.id,
                start: m.memory_start,
                limit: m.memory_limit,
                offset: m.file_offset,
                file: st.get(m.filename, "mapping file name")?,
                build_id: st.get(m.build_id, "mapping build id")?,
                has_functions: m.has_functions,
                has_filenames: m.has_filenames,
                has_line_numbers: m.has_line_numbers,
                has_inline_frames: m.has_inline_frames,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let functions = pb
        .function
        .iter()
        .map(|f| {
            Ok(Function {
                id: f.id,
                name: st.get(f.name, "function name")?,
                system_name: st.get(f.system_name, "function system name")?,
                filename: st.get(f.filename, "function file name")?,
                start_line: f.start_line,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let mapping_ix = IdIndex::new(
        &mappings.iter().map(|m| m.id).collect::<Vec<_>>(),
        "mapping",
    )?;
    let function_ix = IdIndex::new(
        &functions.iter().map(|f| f.id).collect::<Vec<_>>(),
        "function",
    )?;
    let locations = pb
        .location
        .iter()
        .map(|l| {
            let mapping = match l.mapping_id {
                0 => None,
                id => Some(mapping_ix.get(id).ok_or_else(|| {
                    Error::Malformed(format!("location {} refers to missing mapping {id}", l.id))
                })?),
            };
            let lines = l
                .line
                .iter()
                .map(|ln| {
                    let function = match ln.function_id {
                        0 => None,
                        id => Some(function_ix.get(id).ok_or_else(|| {
                            Error::Malformed(format!(
                                "location {} refers to missing function {id}",
                                l.id
                            ))
                        })?),
                    };
                    Ok(Line {
                        function,
                        line: ln.line,
                        column: ln.column,
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            Ok(Location {
                id: l.id,
                mapping,
                address: l.address,
                lines,
                is_folded: l.is_folded,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let location_ix = IdIndex::new(
        &locations.iter().map(|l| l.id).collect::<Vec<_>>(),
        "location",
    )?;
    let sample_types = pb
        .sample_type
        .iter()
        .map(|t| st.value_type(t, "sample type"))
        .collect::<Result<Vec<_>>>()?;
    let samples = pb
        .sample
        .into_iter()
        .map(|s| resolve_sample(s, &st, &location_ix, sample_types.len()))
        .collect::<Result<Vec<_>>>()?;
    let period_type = match &pb.period_type {
        Some(vt) => Some(st.value_type(vt, "period type")?),
        None => Some(ValueType::default()),
    };
    Ok(Profile {
        sample_types,
        default_sample_type: st.get(pb.default_sample_type, "default sample type")?,
        samples,
        mappings,
        locations,
        functions,
        comments: pb
            .comment
            .iter()
            .map(|c| st.get(*c, "comment"))
            .collect::<Result<_>>()?,
        doc_url: st.get(pb.doc_url, "doc url")?,
        drop_frames: st.get(pb.drop_frames, "drop_frames")?,
        keep_frames: st.get(pb.keep_frames, "keep_frames")?,
        time_nanos: pb.time_nanos,
        duration_nanos: pb.duration_nanos,
        period_type,
        period: pb.period,
    })
}

fn resolve_sample(
    s: super::proto::PbSample,
    st: &Strings,
    location_ix: &IdIndex,
    num_types: usize,
) -> Result<Sample> {
    if s.value.len() != num_types {
        return Err(Error::Malformed(format!(
            "sample has {} values, profile has {num_types} sample types",
            s.value.len()
        )));
    }
    // A loop, not `collect::<Result<Vec<_>>>()`, which cannot size the vector.
    let mut locations = Vec::with_capacity(s.location_id.len());
    for id in &s.location_id {
        let l = location_ix
            .get(*id)
            .ok_or_else(|| Error::Malformed(format!("sample refers to missing location {id}")))?;
        locations.push(l);
    }
    let mut sample = Sample {
        locations,
        values: s.value,
        ..Sample::default()
    };
    resolve_labels(&s.label, st, &mut sample)?;
    Ok(sample)
}

/// Go's postDecode: a label with a string value is a string label; one with a
/// number or unit is numeric; units are padded with "" to line up with values.
fn resolve_labels(labels: &[PbLabel], st: &Strings, sample: &mut Sample) -> Result<()> {
    let mut units: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for l in labels {
        let key = st.get(l.key, "label key")?;
        if l.str != 0 {
            let value = st.get(l.str, "label value")?;
            sample.labels.entry(key).or_default().push(value);
        } else if l.num != 0 || l.num_unit != 0 {
            let values = sample.num_labels.entry(key.clone()).or_default();
            if l.num_unit != 0 {
                let unit = st.get(l.num_unit, "label unit")?;
                let u = units.entry(key).or_default();
                u.resize(values.len(), String::new());
                u.push(unit);
            }
            values.push(l.num);
        }
    }
    for (key, mut u) in units {
        let n = sample.num_labels.get(&key).map_or(0, Vec::len);
        u.resize(n, String::new());
        sample.num_units.insert(key, u);
    }
    Ok(())
}
