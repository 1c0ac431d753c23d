//! Root-cause categories (SPEC §3.4): one per site, with the reason in one
//! sentence. Decided from the function, its package, the code of its heaviest
//! allocating line and its callers; the first matching rule wins.

use crate::model::Category;

/// What is known about a site when it is categorised.
pub(crate) struct SiteFacts<'a> {
    pub(crate) function: &'a str,
    /// Code of the heaviest allocating line, if the source was found.
    pub(crate) code: Option<&'a str>,
    /// Calling functions, heaviest first.
    pub(crate) callers: &'a [&'a str],
    /// Whether the site is a `sync.Pool`'s `New`.
    pub(crate) is_pool_new: bool,
}

type Test = fn(&SiteFacts<'_>) -> bool;

/// Ordered rules: (test, category, reason).
const RULES: &[(Test, Category, &str)] = &[
    (
        |s| {
            s.function.starts_with("runtime/pprof.")
                || s.callers.iter().any(|c| c.starts_with("runtime/pprof."))
        },
        Category::ProfilingOverhead,
        "the profiler's own bookkeeping (runtime/pprof): noise, not something to fix",
    ),
    (
        |s| s.is_pool_new,
        Category::PoolRefill,
        "a sync.Pool's New function: it runs when the pool is empty, so every call is a pool miss",
    ),
    (
        |s| {
            matches!(
                s.function,
                "runtime.malg" | "runtime.newproc1" | "runtime.allocm" | "runtime.stackalloc"
            )
        },
        Category::GoroutineStacks,
        "goroutine creation: each goroutine starts with its own stack",
    ),
    (
        |s| {
            has_any(
                s.function,
                &[
                    "time.NewTimer",
                    "time.newTimer",
                    "time.After",
                    "time.NewTicker",
                    "runtime.makechan",
                ],
            ) || s
                .code
                .is_some_and(|c| c.contains("make(chan") || c.contains("time.After("))
        },
        Category::TimersChannels,
        "timers and channels created per operation",
    ),
    (
        |s| {
            has_any(
                s.function,
                &[
                    "compress/",
                    "klauspost/compress",
                    "/s2.",
                    "snappy",
                    "zstd",
                    "lz4",
                    "deflate",
                    "flate.",
                    "gzip.",
                ],
            ) || s.code.is_some_and(|c| {
                c.contains("MaxEncodedLen") || c.contains("NewWriter") && c.contains("compress")
            }) || s
                .callers
                .first()
                .is_some_and(|c| has_any_lower(c, &["compress", "flate", "gzip", "zstd", "snappy"]))
        },
        Category::Compression,
        "compression state and output buffers (sized for the worst case unless reused)",
    ),
    (
        |s| {
            has_any(
                s.function,
                &[
                    "encoding/json",
                    "encoding/gob",
                    "google.golang.org/protobuf",
                    "gogo/protobuf",
                    "encoding/xml",
                    "msgpack",
                ],
            )
        },
        Category::Serialization,
        "encoding or decoding structured data allocates per value",
    ),
    (
        |s| {
            has_any(
                s.function,
                &[
                    "bufio.New",
                    "net.(*conn)",
                    "net.(*netFD)",
                    "net/http.",
                    "crypto/tls.",
                    "websocket",
                ],
            ) || has_any_lower(
                s.function,
                &[
                    "readloop",
                    "writeloop",
                    "flushoutbound",
                    "queueoutbound",
                    "readbuf",
                    "wsread",
                ],
            ) || s.code.is_some_and(|c| {
                has_any_lower(
                    c,
                    &[
                        "readbuf",
                        "rbuf",
                        "wbuf",
                        "outbound",
                        "nbpool",
                        "net.buffers",
                    ],
                )
            })
        },
        Category::NetworkBuffers,
        "per-connection read/write buffers allocated with make instead of reused",
    ),
    (
        |s| {
            has_any_lower(short(s.function), &["copy", "clone", "msgfrombuf", "dup"])
                || s.code.is_some_and(is_copy)
                || s.code.is_some_and(|c| c.starts_with("msg = append(msg"))
        },
        Category::MessageCopy,
        "every message or record is copied into a fresh buffer",
    ),
    (
        |s| {
            has_any(
                s.function,
                &[
                    "fmt.",
                    "strings.",
                    "strconv.",
                    "runtime.concatstring",
                    "runtime.slicebytetostring",
                    "runtime.intstring",
                ],
            ) || s
                .code
                .is_some_and(|c| c.contains("fmt.Sprintf") || c.contains("string("))
        },
        Category::Strings,
        "strings built per operation (formatting, concatenation, []byte→string conversions)",
    ),
    (
        |s| {
            has_any(
                s.function,
                &[
                    "runtime.mapassign",
                    "runtime.makemap",
                    "runtime.hashGrow",
                    "internal/runtime/maps.",
                ],
            ) || s.code.is_some_and(|c| c.contains("make(map"))
        },
        Category::CachesMaps,
        "maps that grow as entries are added (caches, registries, indexes)",
    ),
    (
        |s| {
            has_any(
                s.function,
                &[
                    "runtime.growslice",
                    "runtime.makeslice",
                    "bytes.(*Buffer).grow",
                    "bytes.growSlice",
                ],
            ) || s.code.is_some_and(|c| c.contains("append("))
        },
        Category::SliceMapGrowth,
        "slices and buffers grown by append or make as data arrives",
    ),
];

fn has_any(s: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| s.contains(n))
}

fn has_any_lower(s: &str, needles: &[&str]) -> bool {
    let lower = s.to_lowercase();
    needles.iter().any(|n| lower.contains(n))
}

/// The function's own name, without its package path (`copy` in a package
/// path such as `.../copyutil.F` does not make F a copy).
fn short(function: &str) -> &str {
    let after_slash = function.rfind('/').map_or(0, |i| i + 1);
    let rest = &function[after_slash..];
    rest.find('.').map_or(rest, |i| &rest[i + 1..])
}

fn is_copy(code: &str) -> bool {
    code.contains("copy(")
        || code.contains("append([]byte(nil)")
        || code.contains("append(b[:0:0]")
        || code.contains("bytes.Clone")
}

/// The site's category and the reason for it.
pub(crate) fn categorize(s: &SiteFacts<'_>) -> (Category, &'static str) {
    RULES.iter().find(|(test, _, _)| test(s)).map_or(
        (Category::Other, "allocations that fit no known pattern"),
        |(_, c, r)| (*c, *r),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat(function: &str, code: Option<&str>, callers: &[&str], pool: bool) -> Category {
        categorize(&SiteFacts {
            function,
            code,
            callers,
            is_pool_new: pool,
        })
        .0
    }

    #[test]
    fn known_sites_fall_in_their_categories() {
        assert_eq!(
            cat(
                "github.com/nats-io/nats-server/server.(*client).queueOutbound",
                None,
                &[],
                false
            ),
            Category::NetworkBuffers
        );
        assert_eq!(
            cat("compress/flate.(*compressor).init", None, &[], false),
            Category::Compression
        );
        assert_eq!(
            cat("x.init.func1", None, &["sync.(*Pool).Get"], true),
            Category::PoolRefill
        );
        assert_eq!(
            cat("runtime/pprof.(*profMap).lookup", None, &[], false),
            Category::ProfilingOverhead
        );
        assert_eq!(cat("x.copyBytes", None, &[], false), Category::MessageCopy);
        assert_eq!(cat("fmt.Sprintf", None, &[], false), Category::Strings);
        assert_eq!(
            cat("time.NewTimer", None, &[], false),
            Category::TimersChannels
        );
        assert_eq!(
            cat("x.f", Some("buf = append(buf, b...)"), &[], false),
            Category::SliceMapGrowth
        );
        assert_eq!(cat("x.f", None, &[], false), Category::Other);
    }
}
