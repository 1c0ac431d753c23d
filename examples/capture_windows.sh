#!/usr/bin/env bash
# capture_windows.sh OUTDIR
#
# Builds examples/pushsvc with the machine's Go (like capture.sh) and captures
# three nodes whose allocation profiles cover windows of different lengths:
# for each window W in WINDOWS (default "4 8 12" seconds) it starts a fresh
# service, runs node01's workload of capture.sh (same seed, rate and
# subscribers) for W+2 s and, one second in, fetches
# /debug/pprof/allocs?seconds=W as OUTDIR/winWW.allocs.pb.gz. With `seconds`
# the handler returns the delta over the window and records it in the
# profile's duration_nanos, so the three totals differ roughly in proportion
# to W while the rates per minute agree. OUTDIR/windows-info.txt records how.
#
# Bounded: the load generator stops by itself, a watchdog ends the script
# after 120 s, and every process it starts is killed on exit. Takes about
# 35 s plus the Go build.
#
# Environment: GO (go binary, default: go on PATH, else /usr/local/go/bin/go),
# PORT_BASE (default 17600; uses PORT_BASE+1 .. PORT_BASE+3), WINDOWS.
set -euo pipefail

if [ $# -ne 1 ]; then
	echo "usage: $0 OUTDIR" >&2
	exit 2
fi
mkdir -p "$1"
OUT=$(cd "$1" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
SVC_SRC=$HERE/pushsvc
GO=${GO:-$(command -v go || echo /usr/local/go/bin/go)}
PORT_BASE=${PORT_BASE:-17600}
WINDOWS=${WINDOWS:-4 8 12}
# shellcheck source=lib.sh
. "$HERE/lib.sh"
capture_setup capture_windows 120 # the script never runs longer than 2 minutes

log "building with $("$GO" version)"
(
	cd "$SVC_SRC"
	"$GO" build -buildvcs=false -o "$WORK/pushsvc" .
	"$GO" build -buildvcs=false -o "$WORK/load" ./cmd/load
)

# start_svc: start a fresh service and wait until both ports answer.
start_svc() { start_pushsvc "$WORK/pushsvc" 1 1m; }

{
	echo "# written by examples/capture_windows.sh"
	echo "go: $("$GO" version)"
	echo "build: go build (no -trimpath)"
	echo "os: $(uname -srm), cpus: $(nproc)"
} >"$OUT/windows-info.txt"

for w in $WINDOWS; do
	f=$(printf 'win%02d.allocs.pb.gz' "$w")
	log "$f: allocs?seconds=$w"
	start_svc
	echo "== $f: allocs?seconds=$w, one second into the load" >>"$OUT/windows-info.txt"
	echo "load -duration $((w + 2))s -seed 1 -rate 500 -subs 24" >>"$OUT/windows-info.txt"
	"$WORK/load" -tcp "$TCP" -http "$API" -duration "$((w + 2))s" -seed 1 -rate 500 -subs 24 \
		>>"$OUT/windows-info.txt" 2>>"$WORK/load.log" &
	LOAD_PID=$!
	PIDS+=("$LOAD_PID")
	sleep 1
	curl -sf --max-time $((w + 15)) -o "$OUT/$f" "http://$PPROF/debug/pprof/allocs?seconds=$w"
	wait "$LOAD_PID"
	kill "$SVC_PID" 2>/dev/null || true
	wait "$SVC_PID" 2>/dev/null || true
	gzip -t "$OUT/$f"
done

log "done in ${SECONDS}s; wrote to $OUT:"
for w in $WINDOWS; do
	f=$(printf 'win%02d.allocs.pb.gz' "$w")
	printf '%8d  %s\n' "$(wc -c <"$OUT/$f")" "$f"
done
