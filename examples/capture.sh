#!/usr/bin/env bash
# capture.sh OUTDIR
#
# Builds examples/pushsvc (normal and -tags fixed) with the machine's Go,
# runs it on loopback under the bounded load generator (pushsvc/cmd/load),
# and saves /debug/pprof captures into OUTDIR. Every file name is fixed (see
# the list printed at the end); the whole run takes about two minutes and
# every process it starts is killed on exit.
#
# Environment: GO (go binary, default: go on PATH, else /usr/local/go/bin/go),
# PORT_BASE (default 17400; uses PORT_BASE+1 .. PORT_BASE+6).
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
PORT_BASE=${PORT_BASE:-17400}
WROTE=()
# shellcheck source=lib.sh
. "$HERE/lib.sh"
capture_setup capture 240 # the script never runs longer than 4 minutes

# ---- build -----------------------------------------------------------------
log "building with $("$GO" version)"
mkdir -p "$WORK/before" "$WORK/fixed"
(
	cd "$SVC_SRC"
	"$GO" build -buildvcs=false -o "$WORK/before/pushsvc" .
	"$GO" build -buildvcs=false -tags fixed -o "$WORK/fixed/pushsvc" .
	"$GO" build -buildvcs=false -o "$WORK/load" ./cmd/load
)

# ---- helpers ---------------------------------------------------------------
# start_svc BINARY N: start the service on ports PORT_BASE+N.. and wait for it.
start_svc() { start_pushsvc "$1" "$2" 4m; }

stop_svc() {
	kill "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}

# fetch PATH FILE: save http://$PPROF/debug/pprof/PATH as OUT/FILE.
fetch() {
	curl -sf --max-time 15 -o "$OUT/$2" "http://$PPROF/debug/pprof/$1"
	WROTE+=("$2")
}

# start_load ARGS...: start the load generator against the current service
# in the background (it stops by itself); its PID is in LOAD_PID.
start_load() {
	echo "load $*" >>"$OUT/capture-info.txt"
	"$WORK/load" -tcp "$TCP" -http "$API" "$@" >>"$OUT/capture-info.txt" 2>>"$WORK/load.log" &
	LOAD_PID=$!
	PIDS+=("$LOAD_PID")
}

{
	echo "# written by examples/capture.sh"
	echo "go: $("$GO" version)"
	echo "build: go build (no -trimpath); fixed variant: go build -tags fixed"
	echo "os: $(uname -srm), cpus: $(nproc)"
} >"$OUT/capture-info.txt"
WROTE+=(capture-info.txt)

# ---- main run: one service, 14 s of load -----------------------------------
log "main run (14 s of load)"
start_svc "$WORK/before/pushsvc" 1
MAIN_PID=$SVC_PID
MAIN_PPROF=$PPROF
echo "== main run" >>"$OUT/capture-info.txt"
start_load -duration 14s -seed 1
LEAK_START=$SECONDS
nap 3
fetch 'goroutine?debug=2' leak.early.goroutine.debug2.txt
fetch 'goroutine' leak.early.goroutine.pb.gz
fetch 'profile?seconds=3' cpu.pb.gz
nap 5
fetch 'allocs' allocs.pb.gz
fetch 'heap' heap.pb.gz
fetch 'heap?debug=1' heap.debug1.txt
fetch 'goroutine' goroutine.pb.gz
fetch 'goroutine?debug=1' goroutine.debug1.txt
fetch 'goroutine?debug=2' goroutine.debug2.txt
curl -sf --max-time 5 -o "$OUT/varz.json" "http://$API/varz"
WROTE+=(varz.json)
nap 1
fetch 'goroutine?debug=2' leak.late.goroutine.debug2.txt
fetch 'goroutine' leak.late.goroutine.pb.gz
wait "$LOAD_PID"
# The main service stays up, idle, so that its leaked goroutines age.

# ---- nodes: ten separate runs of the same workload with some variation -----
RATES=(500 450 550 470 520 440 560 500 460 540)
SUBS=(24 22 26 24 23 25 24 21 27 24)
for i in $(seq 1 10); do
	node=$(printf 'node%02d' "$i")
	log "$node"
	start_svc "$WORK/before/pushsvc" 4
	echo "== $node" >>"$OUT/capture-info.txt"
	start_load -duration 5s -seed "$i" -rate "${RATES[i - 1]}" -subs "${SUBS[i - 1]}"
	wait "$LOAD_PID"
	fetch 'allocs' "$node.allocs.pb.gz"
	stop_svc "$SVC_PID"
done

# ---- fixed build, node01's workload ----------------------------------------
log "fixed build"
start_svc "$WORK/fixed/pushsvc" 4
echo "== fixed (same workload as node01)" >>"$OUT/capture-info.txt"
start_load -duration 5s -seed 1 -rate 500 -subs 24
wait "$LOAD_PID"
fetch 'allocs' fixed.allocs.pb.gz
stop_svc "$SVC_PID"

# ---- the leaked goroutines of the main run, more than a minute later --------
while [ $((SECONDS - LEAK_START)) -lt 75 ]; do
	nap 1
done
PPROF=$MAIN_PPROF
fetch 'goroutine?debug=2' leak.idle.goroutine.debug2.txt
stop_svc "$MAIN_PID"

log "done in ${SECONDS}s; wrote to $OUT:"
for f in "${WROTE[@]}"; do
	printf '%8d  %s\n' "$(wc -c <"$OUT/$f")" "$f"
done
