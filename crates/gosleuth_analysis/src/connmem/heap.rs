//! The per-connection heap: `inuse_space` samples reached through
//! per-connection functions, grouped by allocating line and object size,
//! turned into objects per connection, and classified by their statement.

use std::collections::BTreeMap;

use gosleuth_pprof::Profile;

use super::goroutines::ConnPaths;
use super::model::PartKind;
use crate::analyze::source::Source;
use crate::analyze::stats::frames;

/// The default `runtime.MemProfileRate`, for profiles that do not say.
const DEFAULT_RATE: f64 = 524_288.0;

/// One allocating line (and object size) on a per-connection path.
#[derive(Debug, Clone)]
pub(crate) struct HeapItem {
    pub(crate) function: String,
    pub(crate) file: String,
    pub(crate) line: i64,
    pub(crate) start_line: i64,
    pub(crate) via: String,
    pub(crate) object_bytes: f64,
    /// Estimated objects in use (unsampled, as the profile has it).
    pub(crate) objects: f64,
    /// Estimated bytes in use.
    pub(crate) bytes: f64,
    /// The profile's objects per connection (`objects / connections`).
    pub(crate) estimate: f64,
    /// Objects per connection the model counts.
    pub(crate) per_connection: f64,
    /// Whether `per_connection` was rounded to a whole number.
    pub(crate) whole: bool,
    /// Estimated samples behind the figure.
    pub(crate) samples: f64,
    /// Captures the figure was estimated from.
    pub(crate) captures: usize,
    pub(crate) kind: PartKind,
    pub(crate) code: Option<String>,
    pub(crate) place: Option<String>,
}

impl HeapItem {
    pub(crate) fn bytes_per_connection(&self) -> f64 {
        self.per_connection * self.object_bytes
    }
}

/// What the heap profile says about per-connection memory.
#[derive(Debug, Default)]
pub(crate) struct ConnHeap {
    pub(crate) items: Vec<HeapItem>,
    pub(crate) rate: f64,
    /// The profile's whole `inuse_space`.
    pub(crate) total: f64,
}

/// Attributes the heap profile's `inuse_space` to per-connection paths.
///
/// Objects per connection are set later, from all captures together
/// ([`estimate`](super::pool::estimate)).
pub(crate) fn conn_heap(p: &Profile, paths: &ConnPaths, source: &mut Source) -> Option<ConnHeap> {
    let space = p
        .sample_types
        .iter()
        .position(|t| t.r#type == "inuse_space")?;
    let objects = p
        .sample_types
        .iter()
        .position(|t| t.r#type == "inuse_objects")?;
    #[expect(
        clippy::cast_precision_loss,
        reason = "rates and counts are far below 2^52"
    )]
    let rate = if p.period > 0 {
        p.period as f64
    } else {
        DEFAULT_RATE
    };
    let mut groups: BTreeMap<(String, i64, i64), HeapItem> = BTreeMap::new();
    let mut total = 0.0;
    for s in &p.samples {
        #[expect(clippy::cast_precision_loss, reason = "byte counts are far below 2^52")]
        let (bytes, count) = (s.values[space] as f64, s.values[objects] as f64);
        total += bytes;
        if bytes <= 0.0 || count <= 0.0 {
            continue;
        }
        let fr = frames(p, &s.locations);
        let Some(leaf) = fr.first() else { continue };
        let names: Vec<&str> = fr.iter().map(|f| f.function).collect();
        let via = if leaf.function == "runtime.malg" {
            // A goroutine's descriptor: per connection as the goroutines are.
            (paths.per_connection() > 0).then_some("runtime.newproc1")
        } else {
            paths.path_of(&names)
        };
        let Some(via) = via else { continue };
        let size = (bytes / count).round();
        #[expect(clippy::cast_possible_truncation, reason = "object sizes are small")]
        let key = (
            format!("{}\0{}", leaf.function, leaf.file),
            leaf.line,
            size as i64,
        );
        let start_line = s
            .locations
            .first()
            .and_then(|&l| p.locations[l].lines.first())
            .and_then(|l| p.function(l))
            .map_or(0, |f| f.start_line);
        let item = groups.entry(key).or_insert_with(|| HeapItem {
            function: leaf.function.to_string(),
            file: leaf.file.to_string(),
            line: leaf.line,
            start_line,
            via: via.to_string(),
            object_bytes: size,
            objects: 0.0,
            bytes: 0.0,
            estimate: 0.0,
            per_connection: 0.0,
            whole: false,
            samples: 0.0,
            captures: 1,
            kind: PartKind::OtherHeap,
            code: None,
            place: None,
        });
        item.objects += count;
        item.bytes += bytes;
    }
    let mut items: Vec<HeapItem> = groups.into_values().collect();
    for it in &mut items {
        it.samples = it.objects * (1.0 - (-it.object_bytes / rate).exp());
        classify(it, source);
    }
    Some(ConnHeap { items, rate, total })
}

fn classify(it: &mut HeapItem, source: &mut Source) {
    if let Some(r) = source.resolve(&it.function, &it.file, it.line, it.start_line) {
        it.code = source.code(&r, it.line);
        it.place = source
            .display(&r)
            .map(|f| format!("{}:{}", short_file(&f), it.line));
    }
    if it.place.is_none() {
        it.place = Some(format!("{}:{}", short_file(&it.file), it.line));
    }
    it.kind = match (&it.code, it.function.as_str()) {
        (_, "runtime.malg") => PartKind::Structs,
        (Some(code), _) => kind_of_statement(code),
        (None, f) => kind_of_function(f),
    };
}

fn short_file(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The kind of memory a statement allocates.
pub(crate) fn kind_of_statement(code: &str) -> PartKind {
    let c = code.replace(' ', "");
    if c.contains("make(chan") {
        PartKind::Channels
    } else if c.contains("make(map") || c.contains("map[") && c.contains("{") && !c.contains("&") {
        PartKind::Maps
    } else if c.contains("make([]") || c.contains("append(") || c.contains("[]byte(") {
        PartKind::Buffers
    } else if c.contains("&") && c.contains("{") || c.contains("new(") {
        PartKind::Structs
    } else if is_index_assignment(&c) {
        // Assigning to an index allocates only when it inserts into a map.
        PartKind::Maps
    } else {
        PartKind::OtherHeap
    }
}

fn is_index_assignment(c: &str) -> bool {
    let Some((lhs, _)) = c.split_once('=') else {
        return false;
    };
    lhs.ends_with(']') && !lhs.ends_with(':') && !lhs.contains('(')
}

/// The kind of memory a standard-library allocating function returns, when
/// its statement is not known.
fn kind_of_function(f: &str) -> PartKind {
    if f.starts_with("bufio.New") || f.starts_with("bytes.") {
        PartKind::Buffers
    } else if f.contains("newFD") || f.starts_with("time.") || f.starts_with("syscall.") {
        PartKind::Structs
    } else {
        PartKind::OtherHeap
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_classify() {
        assert_eq!(
            kind_of_statement("c := &client{srv: s, nc: conn}"),
            PartKind::Structs
        );
        assert_eq!(kind_of_statement("s.clients[c.cid] = c"), PartKind::Maps);
        assert_eq!(
            kind_of_statement("a.clients[c] = struct{}{}"),
            PartKind::Maps
        );
        assert_eq!(
            kind_of_statement("b := make([]byte, c.in.rsz)"),
            PartKind::Buffers
        );
        assert_eq!(
            kind_of_statement("c.pcd = make(map[*client]struct{})"),
            PartKind::Maps
        );
        assert_eq!(
            kind_of_statement("ch := make(chan []byte, 10)"),
            PartKind::Channels
        );
        assert_eq!(
            kind_of_statement("return &level{nodes: make(map[string]*node)}"),
            PartKind::Maps
        );
        assert_eq!(
            kind_of_statement("x := fmt.Sprintf(\"%d\", n)"),
            PartKind::OtherHeap
        );
    }
}
