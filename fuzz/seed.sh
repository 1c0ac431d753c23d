#!/usr/bin/env bash
# Seeds each fuzz target's corpus from the real captures: the NATS 2.9.10
# profiles in shared/data, the example service's fixtures and its Go source.
set -euo pipefail
cd "$(dirname "$0")"
root=..
shared=${GOSLEUTH_SHARED:-$root/../shared}
nats=$shared/data/nats-2.9.10
fixtures=$root/examples/fixtures
mkdir -p corpus/{pprof_decode,pprof_protobuf,pprof_gzip,legacy_heap,goroutine_dump,count_text,go_index,go_audit}
for f in "$nats"/*.pb.gz "$fixtures"/*.pb.gz "$root"/examples/nats-current/fixtures/*.pb.gz; do
  name=$(basename "$(dirname "$f")").$(basename "$f" .gz)
  cp "$f" "corpus/pprof_decode/$name.gz"
  gzip -dc "$f" > "corpus/pprof_protobuf/$name"
  cp "corpus/pprof_protobuf/$name" "corpus/pprof_gzip/$name"
done
for f in "$nats"/*.txt "$fixtures"/*debug*.txt; do
  cp "$f" "corpus/pprof_decode/$(basename "$f")"
done
# Text seeds are cut to 64 KiB: the fuzzer mutates better on small inputs.
cut() { head -c 65536 "$1" > "$2"; }
for f in "$nats"/*.heap.debug1.txt "$fixtures"/heap.debug1.txt; do
  cut "$f" "corpus/legacy_heap/$(basename "$(dirname "$f")").$(basename "$f")"
done
for f in "$nats"/*.goroutine.debug2.txt "$fixtures"/*goroutine.debug2.txt; do
  cut "$f" "corpus/goroutine_dump/$(basename "$(dirname "$f")").$(basename "$f")"
done
for f in "$nats"/*.goroutine.debug1.txt "$fixtures"/goroutine.debug1.txt; do
  cut "$f" "corpus/count_text/$(basename "$(dirname "$f")").$(basename "$f")"
done
find "$root/examples/pushsvc" -name '*.go' | while read -r f; do
  cp "$f" "corpus/go_index/$(echo "${f#"$root"/}" | tr / _)"
done
# A few standard-library files, when Debian's Go source is installed.
for f in $(find /usr/share/go-1.19/src/sync /usr/share/go-1.19/src/strings -name '*.go' -size -24k 2>/dev/null | grep -v _test | head -25); do
  cp "$f" "corpus/go_index/goroot_$(basename "$(dirname "$f")")_$(basename "$f")"
done
# The rules' own trigger and near-miss fixtures, with the index's seeds.
cp corpus/go_index/* corpus/go_audit/
find "$root/crates/gosleuth_rules/fixtures" -name '*.go' | while read -r f; do
  cp "$f" "corpus/go_audit/fixture_$(echo "${f#"$root"/crates/gosleuth_rules/fixtures/}" | tr / _)"
done
for d in corpus/*; do echo "$d: $(ls "$d" | wc -l) seeds"; done
