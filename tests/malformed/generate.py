#!/usr/bin/env python3
"""Writes the malformed-input corpus: each file is one way an untrusted input
can be wrong. Run once; the files are committed, and expected.tsv says what
gosleuth must make of each (exit code and why). The 10 MB one-line Go file and
the 10 GB gzip bomb are made by the tests themselves, not committed.
"""
import gzip, os, random, struct, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
BASE_GZ = open(os.path.join(ROOT, "examples/fixtures/heap.pb.gz"), "rb").read()
BASE_PB = gzip.decompress(BASE_GZ)
DUMP = open(os.path.join(ROOT, "examples/fixtures/goroutine.debug2.txt"), "rb").read()
rng = random.Random(20240509)
files = {}


def put(name, data):
    assert name not in files, name
    files[name] = data


def varint(v):
    v &= (1 << 64) - 1
    out = bytearray()
    while v >= 0x80:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    out.append(v)
    return bytes(out)


def key(field, wt):
    return varint(field << 3 | wt)


def num(field, v):
    return key(field, 0) + varint(v)


def ld(field, b):
    return key(field, 2) + varint(len(b)) + b


STRINGS = [b"", b"alloc_space", b"bytes", b"main.f", b"main.go"]


def profile(sample=None, location=None, function=None, strings=STRINGS, extra=b""):
    """A one-sample profile; each part may be replaced."""
    if sample is None:
        sample = num(1, 1) + num(2, 7)
    if location is None:
        location = num(1, 1) + ld(4, num(1, 1) + num(2, 10))
    if function is None:
        function = num(1, 1) + num(2, 3) + num(4, 4)
    out = ld(1, num(1, 1) + num(2, 2)) + ld(2, sample) + ld(4, location) + ld(5, function)
    for s in strings:
        out += ld(6, s)
    return out + extra


def flip(data, at, mask=0xFF):
    b = bytearray(data)
    b[at % len(b)] ^= mask
    return bytes(b)


# --- empty and truncated ---------------------------------------------------
put("empty.pb.gz", b"")
put("only-newlines.txt", b"\n\n\r\n\n")
for cut in [1, 2, 9, 10, 11, 100, 1000, len(BASE_GZ) // 2, len(BASE_GZ) - 9,
            len(BASE_GZ) - 8, len(BASE_GZ) - 4, len(BASE_GZ) - 1]:
    put(f"gzip-cut-at-{cut}.pb.gz", BASE_GZ[:cut])
for cut in [1, 2, 3, 57, len(BASE_PB) // 3, len(BASE_PB) // 2, len(BASE_PB) - 1]:
    put(f"protobuf-cut-at-{cut}.pb", BASE_PB[:cut])
put("dump-cut-mid-frame.txt", DUMP[: DUMP.index(b"\n\t", 2000) + 3])

# --- flipped bytes -----------------------------------------------------------
put("gzip-flipped-method.pb.gz", flip(BASE_GZ, 2, 0x01))
put("gzip-flipped-flags.pb.gz", flip(BASE_GZ, 3, 0x1F))
put("gzip-flipped-deflate.pb.gz", flip(BASE_GZ, len(BASE_GZ) // 3))
put("gzip-flipped-crc.pb.gz", flip(BASE_GZ, len(BASE_GZ) - 6))
put("gzip-flipped-isize.pb.gz", flip(BASE_GZ, len(BASE_GZ) - 2))
for at in [0, 5, len(BASE_PB) // 4, len(BASE_PB) // 2]:
    put(f"protobuf-flipped-at-{at}.pb", flip(BASE_PB, at))

# --- wrong magic ---------------------------------------------------------------
put("magic-png.png", b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(200)))
put("magic-elf.bin", b"\x7fELF\x02\x01\x01\x00" + bytes(56))
put("magic-zip.zip", b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(100)))
put("magic-zstd.zst", b"\x28\xb5\x2f\xfd" + bytes(rng.randrange(256) for _ in range(100)))
put("magic-bzip2.bz2", b"BZh91AY&SY" + bytes(rng.randrange(256) for _ in range(100)))
put("magic-zlib-not-gzip.z", zlib.compress(BASE_PB))
put("gzip-of-gzip.pb.gz", gzip.compress(BASE_GZ, mtime=0))
put("gzip-then-garbage.pb.gz", BASE_GZ + b"garbage after the stream")
put("gzip-two-members.pb.gz", BASE_GZ + BASE_GZ)
put("gzip-of-nothing.pb.gz", gzip.compress(b"", mtime=0))

# --- huge declared lengths --------------------------------------------------------
put("length-2-to-62.pb", key(2, 2) + varint(1 << 62) + b"\x08\x01")
put("string-length-4g.pb", profile(strings=[]) + key(6, 2) + varint(0xFFFFFFFF) + b"ab")
put("sample-length-past-end.pb", ld(1, num(1, 1) + num(2, 2)) + key(2, 2) + varint(500) + b"\x08\x01")
put("varint-eleven-bytes.pb", key(7, 0) + b"\xff" * 10 + b"\x01")
put("heap-text-huge-count.txt", b"heap profile: 1: 99999999999999999999999 [1: 1] @ heap/1048576\n")
put("count-text-huge-total.txt", b"goroutine profile: total 184467440737095516160\n1 @ 0x1\n")
put("dump-huge-goroutine-id.txt", b"goroutine 99999999999999999999 [running]:\nmain.f()\n\t/a.go:1 +0x1\n")

# --- out-of-range ids and indices -----------------------------------------------------
put("sample-location-0.pb", profile(sample=num(1, 0) + num(2, 7)))
put("sample-location-max.pb", profile(sample=num(1, (1 << 64) - 1) + num(2, 7)))
put("location-function-missing.pb", profile(location=num(1, 1) + ld(4, num(1, 42))))
put("location-mapping-missing.pb", profile(location=num(1, 1) + num(2, 9)))
put("function-id-0.pb", profile(function=num(2, 3)))
put("function-id-twice.pb", profile() + ld(5, num(1, 1) + num(2, 3)))
put("string-index-negative.pb", profile(function=num(1, 1) + num(2, -1)))
put("string-index-max.pb", profile(function=num(1, 1) + num(2, (1 << 63) - 1)))
put("default-type-past-table.pb", profile(extra=num(14, 99)))
put("label-key-past-table.pb", profile(sample=num(1, 1) + num(2, 7) + ld(3, num(1, 77) + num(2, 1))))
put("sample-three-values.pb", profile(sample=num(1, 1) + num(2, 7) + num(2, 8) + num(2, 9)))
put("string-table-not-empty-first.pb", profile(strings=[b"x"] + STRINGS[1:]))
put("mapping-id-sparse-huge.pb", profile(location=num(1, 1) + num(2, 1 << 60) + ld(4, num(1, 1))) + ld(3, num(1, 1 << 60)))
put("values-int64-extremes.pb", profile(sample=num(1, 1) + num(2, (1 << 63) - 1)) + ld(2, num(1, 1) + num(2, (1 << 63) - 1)) + ld(2, num(1, 1) + num(2, 1 << 63)))

# --- deep recursion ------------------------------------------------------------------------
deep = b"".join(varint(1) for _ in range(100_000))
put("sample-100k-deep.pb.gz", gzip.compress(profile(sample=ld(1, deep) + num(2, 7)), mtime=0))
put("groups-nested-100k.pb", ld(1, num(1, 1) + num(2, 2)) + key(99, 3) * 100_000 + key(99, 4) * 100_000)
put("dump-100k-frames.txt.gz", gzip.compress(b"goroutine 1 [running]:\n" + b"main.f(...)\n\t/a.go:1\n" * 100_000, mtime=0))
put("heap-record-100k-addresses.txt.gz", gzip.compress(b"heap profile: 1: 1 [1: 1] @ heap/2\n1: 1 [1: 1] @" + b" 0x1" * 100_000 + b"\n", mtime=0))
put("dump-nested-parens.txt", b"goroutine 1 [running]:\nmain.f" + b"(" * 50_000 + b")" * 50_000 + b"\n\t/a.go:1 +0x1\n")

# --- invalid UTF-8 ------------------------------------------------------------------------
put("strings-invalid-utf8.pb", profile(strings=[b"", b"alloc_space", b"bytes", b"main.\xff\xfe\xc3(", b"\xed\xa0\x80.go"]))
put("dump-invalid-utf8.txt", b"goroutine 1 [chan \xff receive]:\nmain.\xc3\x28f()\n\t/src/\xfe.go:9 +0x1d\n")
put("heap-text-invalid-utf8.txt", b"heap profile: 1: 8 [1: 8] @ heap/1048576\n1: 8 [1: 8] @ 0x1001\n#\t0x1000\tmain.\xff+0x1\t/\xc0\xaf.go:3\n")
put("utf16-bom-dump.txt", "goroutine 1 [running]:\nmain.f()\n\t/a.go:1 +0x1\n".encode("utf-16"))

# --- binary data as text -------------------------------------------------------------------------
put("dump-header-then-binary.txt", b"goroutine 1 [running]:\n" + bytes(rng.randrange(256) for _ in range(4096)))
put("heap-header-then-binary.txt", b"heap profile: 1: 2 [3: 4] @ heap/8\n" + bytes(rng.randrange(256) for _ in range(4096)))
put("count-header-then-binary.txt", b"goroutine profile: total 3\n" + bytes(rng.randrange(256) for _ in range(4096)))
put("random-4k.bin", bytes(rng.randrange(256) for _ in range(4096)))
put("nul-bytes.txt", bytes(1000))
put("log-lines.txt", b"[1] 2024/05/09 12:00:00.000000 [INF] Starting nats-server\n" * 20)
put("json.txt", b'{"server_id":"x","now":"2024-05-09T12:00:00Z"}\n')

# --- reference bombs (legal sizes, huge once decoded) ----------------------------------
# One 1 MiB string referred to by a million comments: a terabyte of copies.
put("string-reference-bomb.pb.gz", gzip.compress(profile(strings=STRINGS + [b"x" * (1 << 20)]) + ld(13, varint(5) * 1_000_000), mtime=0))
# Two million empty samples: a few MB of wire, a gigabyte of decoded samples.
put("samples-2m-empty.pb.gz", gzip.compress(profile() + ld(2, num(2, 1)) * 2_000_000, mtime=0))

# --- Go source files (indexed through `gosleuth resolve --src`) ---------------------
GO = {
    "empty.go": b"",
    "binary.go": bytes(rng.randrange(256) for _ in range(4096)),
    "nul.go": b"package p\n\x00\x00func F() {}\n",
    "invalid-utf8.go": b"package p\n\nfunc F() {\n\ts := \"\xff\xfe\"\n\t_ = s // \xc3\x28\n}\n",
    "unbalanced.go": b"package p\n\nfunc F() {{{{ (( [[ \n",
    "not-go.go": b"#include <stdio.h>\nint main() { return 0; }\n",
    "deep-parens.go": b"package p\n\nfunc F() {\n\tx := " + b"(" * 100_000 + b"1" + b")" * 100_000 + b"\n\t_ = x\n}\n",
    "deep-blocks.go": b"package p\n\nfunc F() {\n" + b"{" * 100_000 + b"}" * 100_000 + b"\n}\n",
    "deep-closures.go": b"package p\n\nfunc F() {\n" + b"func() {" * 20_000 + b"}()" * 20_000 + b"\n}\n",
    "deep-composite.go": b"package p\n\nvar v = " + b"T{" * 50_000 + b"}" * 50_000 + b"\n\nfunc F() {}\n",
}
os.makedirs(os.path.join(HERE, "go"), exist_ok=True)
for name, data in GO.items():
    with open(os.path.join(HERE, "go", name), "wb") as f:
        f.write(data)

os.makedirs(os.path.join(HERE, "inputs"), exist_ok=True)
for name, data in files.items():
    with open(os.path.join(HERE, "inputs", name), "wb") as f:
        f.write(data)
print(len(files), "inputs")
