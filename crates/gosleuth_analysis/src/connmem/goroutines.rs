//! Which goroutines exist once (or a fixed number of times) per connection,
//! and which functions therefore lie on per-connection code paths.

use std::collections::BTreeMap;

use rustc_hash::FxHashSet;

use super::model::GoroutineGroup;
use crate::goroutines::Record;

/// Standard-library functions that run once per accepted connection: what
/// they allocate lives as long as the connection.
const ACCEPT_PATHS: &[&str] = &[
    "net.(*TCPListener).Accept",
    "net.(*UnixListener).Accept",
    "net/http.(*Server).newConn",
    "crypto/tls.(*Conn).Handshake",
    "crypto/tls.(*Conn).HandshakeContext",
];

/// A group needs at least this many goroutines per connection to count.
const MIN_PER_CONNECTION: f64 = 0.5;

/// Per-connection goroutines and the functions on per-connection paths.
#[derive(Debug, Default)]
pub(crate) struct ConnPaths {
    pub(crate) groups: Vec<GoroutineGroup>,
    /// Functions whose allocations are per connection.
    pub(crate) functions: FxHashSet<String>,
    /// Goroutines in the profile.
    pub(crate) total: u64,
}

impl ConnPaths {
    /// Goroutines per connection, summed over the groups.
    pub(crate) fn per_connection(&self) -> u64 {
        self.groups.iter().map(|g| g.per_connection).sum()
    }

    /// The outermost per-connection function of a stack (innermost first).
    pub(crate) fn path_of<'a>(&self, stack: &[&'a str]) -> Option<&'a str> {
        stack
            .iter()
            .rev()
            .find(|f| self.functions.contains(**f))
            .copied()
    }
}

/// Groups goroutines by entry function; a group whose count is at least half
/// the connection count is per connection, `round(count / connections)` each.
pub(crate) fn conn_paths(records: &[Record<'_>], connections: u64) -> ConnPaths {
    let mut by_entry: BTreeMap<&str, Entry<'_>> = BTreeMap::new();
    let total = records.iter().map(|r| r.count).sum();
    for r in records {
        let Some(entry) = r
            .frames
            .iter()
            .rev()
            .map(|f| f.function)
            .find(|f| *f != "runtime.goexit")
        else {
            continue;
        };
        let e = by_entry.entry(entry).or_default();
        e.count += r.count;
        for f in &r.frames {
            if !is_std(f.function) || f.function == entry {
                e.functions.insert(f.function);
            }
        }
        let wait = r
            .frames
            .iter()
            .find(|f| !is_std(f.function))
            .map(|f| f.function);
        if let Some(w) = wait {
            *e.waits.entry(w).or_default() += r.count;
        }
    }
    let mut out = ConnPaths {
        total,
        ..ConnPaths::default()
    };
    out.functions
        .extend(ACCEPT_PATHS.iter().map(|s| (*s).to_string()));
    for (entry, e) in by_entry {
        #[expect(
            clippy::cast_precision_loss,
            reason = "goroutine counts are far below 2^52"
        )]
        let ratio = e.count as f64 / connections.max(1) as f64;
        if ratio < MIN_PER_CONNECTION {
            continue;
        }
        let owner = enclosing(entry);
        out.functions
            .extend(e.functions.iter().map(|f| (*f).to_string()));
        out.functions.insert(owner.to_string());
        let waiting_in = e
            .waits
            .iter()
            .max_by_key(|(f, n)| (**n, std::cmp::Reverse(**f)))
            .map(|(f, _)| (*f).to_string());
        out.groups.push(GoroutineGroup {
            entry: entry.to_string(),
            owner: owner.to_string(),
            count: e.count,
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "a small positive ratio"
            )]
            per_connection: ratio.round() as u64,
            waiting_in,
        });
    }
    out
}

#[derive(Default)]
struct Entry<'a> {
    count: u64,
    functions: FxHashSet<&'a str>,
    waits: BTreeMap<&'a str, u64>,
}

/// Whether a function belongs to the standard library (or the runtime): its
/// import path's first element has no dot and it is not `main`.
pub(crate) fn is_std(function: &str) -> bool {
    let path_end = function.rfind('/').map_or(0, |i| i + 1);
    let first = function[..path_end].split('/').next().unwrap_or("");
    let first = if first.is_empty() {
        function.split('.').next().unwrap_or("")
    } else {
        first
    };
    !first.contains('.') && first != "main"
}

/// A function without its package path: `github.com/x/y/server.(*client).readLoop` →
/// `(*client).readLoop`.
pub(crate) fn short(function: &str) -> &str {
    let after_slash = function.rfind('/').map_or(0, |i| i + 1);
    let rest = &function[after_slash..];
    rest.find('.').map_or(rest, |i| &rest[i + 1..])
}

/// The function a closure belongs to: `(*Server).createClient.func1` →
/// `(*Server).createClient`; other names are returned unchanged.
pub(crate) fn enclosing(function: &str) -> &str {
    let mut f = function;
    loop {
        let Some((head, tail)) = f.rsplit_once('.') else {
            return f;
        };
        let closure = tail
            .strip_prefix("func")
            .or_else(|| tail.strip_prefix("gowrap"))
            .unwrap_or(tail);
        if closure.is_empty() || !closure.chars().all(|c| c.is_ascii_digit()) || head.ends_with('/')
        {
            return f;
        }
        f = head;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            enclosing("github.com/nats-io/nats-server/server.(*Server).createClient.func1"),
            "github.com/nats-io/nats-server/server.(*Server).createClient"
        );
        assert_eq!(enclosing("main.main.func1.2"), "main.main");
        assert_eq!(
            enclosing("github.com/x/y.(*c).readLoop"),
            "github.com/x/y.(*c).readLoop"
        );
        assert!(is_std("net.(*conn).Read"));
        assert!(is_std("internal/poll.(*FD).Read"));
        assert!(!is_std("github.com/x/y.F"));
        assert!(!is_std("main.main"));
    }
}
