#!/usr/bin/env bash
# bench/analyze_speed.sh
#
# Speed of `gosleuth analyze` on one real profile with its source (goal: under
# 300 ms each), in ONE hyperfine invocation (-N, warmup, min runs):
#   nats js / ws / fanout   ../shared/data/nats-2.9.10/*.allocs.pb.gz with
#                           Debian's nats-server source (/usr/share/gocode/src)
#                           and the Go 1.19 standard library that built it
#   example node01          examples/fixtures/node01.allocs.pb.gz with
#                           examples/pushsvc, the module cache and this Go
# Every run parses the source it needs afresh: gosleuth keeps no cache.
# Writes $RESULTS/analyze_speed.{md,json} and prints each mean against 300 ms.
#
# Environment: GOSLEUTH (a gosleuth binary instead of building
# target/release's), SHARED (default ../shared), RESULTS (default
# target/bench), WARMUP (default 2), MIN_RUNS (default 10).
set -euo pipefail
cd "$(dirname "$0")/.."

SHARED=${SHARED:-../shared}
RESULTS=${RESULTS:-target/bench}
NATS=$SHARED/data/nats-2.9.10
SRC=/usr/share/gocode/src
GO119=/usr/share/go-1.19
command -v hyperfine >/dev/null || { echo "hyperfine is required (apt-get install hyperfine)" >&2; exit 1; }
[ -d "$SRC/github.com/nats-io/nats-server" ] || { echo "$SRC missing: apt-get install golang-github-nats-io-nats-server-dev" >&2; exit 1; }
[ -d "$GO119/src" ] || { echo "$GO119 missing: apt-get install golang-1.19-src" >&2; exit 1; }
[ -f "$NATS/js.allocs.pb.gz" ] || { echo "$NATS missing (set SHARED=)" >&2; exit 1; }

if [ -z "${GOSLEUTH:-}" ]; then
  cargo build --release -q -p gosleuth
  GOSLEUTH=$PWD/target/release/gosleuth
fi
mkdir -p "$RESULTS"
EX="--src examples/pushsvc --src $(go env GOMODCACHE) --goroot $(go env GOROOT)"
hyperfine -N --warmup "${WARMUP:-2}" --min-runs "${MIN_RUNS:-10}" \
  --export-markdown "$RESULTS/analyze_speed.md" --export-json "$RESULTS/analyze_speed.json" \
  -n "nats js" "$GOSLEUTH analyze $NATS/js.allocs.pb.gz --src $SRC --goroot $GO119" \
  -n "nats ws" "$GOSLEUTH analyze $NATS/ws.allocs.pb.gz --src $SRC --goroot $GO119" \
  -n "nats fanout" "$GOSLEUTH analyze $NATS/fanout.allocs.pb.gz --src $SRC --goroot $GO119" \
  -n "example node01" "$GOSLEUTH analyze examples/fixtures/node01.allocs.pb.gz $EX"
python3 - "$RESULTS/analyze_speed.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    ms = r["mean"] * 1000
    print(f'{r["command"]:>15}: {ms:6.1f} ms mean, {r["median"]*1000:6.1f} ms median  '
          f'{"under" if ms < 300 else "OVER"} 300 ms')
PY
