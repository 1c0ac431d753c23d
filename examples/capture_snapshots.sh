#!/usr/bin/env bash
# capture_snapshots.sh N OUTDIR
#
# Builds examples/pushsvc with the machine's Go (like capture.sh), starts it
# once on loopback, runs the bounded load generator (pushsvc/cmd/load) against
# it, and while the load runs saves N successive /debug/pprof/allocs snapshots
# as OUTDIR/snap-0001.allocs.pb.gz .. OUTDIR/snap-NNNN.allocs.pb.gz, one about
# every INTERVAL seconds, so that each differs from the one before (the allocs
# profile is cumulative). OUTDIR/snapshots-info.txt records how.
#
# Bounded: the load generator stops by itself (and is restarted with the next
# seed if it ends before N snapshots are saved), a watchdog ends the script
# after WATCHDOG seconds, and every process it starts is killed on exit.
# N=200 takes about 30 s on 2 cores (plus the Go build).
#
# Environment: GO (go binary, default: go on PATH, else /usr/local/go/bin/go),
# PORT_BASE (default 17500; uses PORT_BASE+1 .. PORT_BASE+3),
# INTERVAL (default 0.05), WATCHDOG (default 110 + N/4 seconds).
set -euo pipefail

if [ $# -ne 2 ] || ! [[ $1 =~ ^[1-9][0-9]{0,3}$ ]]; then
	echo "usage: $0 N OUTDIR   (1 <= N <= 9999)" >&2
	exit 2
fi
N=$1
mkdir -p "$2"
OUT=$(cd "$2" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
SVC_SRC=$HERE/pushsvc
GO=${GO:-$(command -v go || echo /usr/local/go/bin/go)}
PORT_BASE=${PORT_BASE:-17500}
INTERVAL=${INTERVAL:-0.05}
WATCHDOG=${WATCHDOG:-$((110 + N / 4))}
# shellcheck source=lib.sh
. "$HERE/lib.sh"
capture_setup capture_snapshots "$WATCHDOG"

# ---- build -----------------------------------------------------------------
log "building with $("$GO" version)"
(
	cd "$SVC_SRC"
	"$GO" build -buildvcs=false -o "$WORK/pushsvc" .
	"$GO" build -buildvcs=false -o "$WORK/load" ./cmd/load
)

# ---- start the service once ------------------------------------------------
start_pushsvc "$WORK/pushsvc" 1 "${WATCHDOG}s"

# The load runs for about as long as the snapshots need (N fetches at
# INTERVAL plus the fetch time), at most 2 minutes (the generator's own cap).
LOAD_SECS=$(awk -v n="$N" -v i="$INTERVAL" 'BEGIN { s = int(n * (i + 0.1)) + 5; if (s > 120) s = 120; print s }')
SEED=0
LOAD_PID=
start_load() {
	SEED=$((SEED + 1))
	echo "load -duration ${LOAD_SECS}s -seed $SEED" >>"$OUT/snapshots-info.txt"
	"$WORK/load" -tcp "$TCP" -http "$API" -duration "${LOAD_SECS}s" -seed "$SEED" \
		>>"$WORK/load.out" 2>>"$WORK/load.log" &
	LOAD_PID=$!
	PIDS+=("$LOAD_PID")
}

# Remove snapshots of an earlier run, so that OUTDIR/*.pb.gz is exactly N files.
rm -f "$OUT"/snap-*.allocs.pb.gz
{
	echo "# written by examples/capture_snapshots.sh $N"
	echo "go: $("$GO" version)"
	echo "build: go build (no -trimpath)"
	echo "os: $(uname -srm), cpus: $(nproc)"
	echo "snapshots: $N of /debug/pprof/allocs, one every ${INTERVAL}s while the load runs"
} >"$OUT/snapshots-info.txt"

log "load for up to ${LOAD_SECS}s; $N snapshots, one every ${INTERVAL}s"
T0=$SECONDS
start_load
sleep 1 # let the load reach its steady state before the first snapshot
for i in $(seq 1 "$N"); do
	if ! kill -0 "$LOAD_PID" 2>/dev/null; then
		wait "$LOAD_PID" || true
		start_load
	fi
	f=$(printf 'snap-%04d.allocs.pb.gz' "$i")
	curl -sf --max-time 15 -o "$OUT/$f.tmp" "http://$PPROF/debug/pprof/allocs"
	mv "$OUT/$f.tmp" "$OUT/$f"
	sleep "$INTERVAL"
done
kill "$LOAD_PID" 2>/dev/null || true
wait "$LOAD_PID" 2>/dev/null || true
cat "$WORK/load.out" >>"$OUT/snapshots-info.txt" 2>/dev/null || true

# Every snapshot must be a readable gzip stream.
for f in "$OUT"/snap-*.allocs.pb.gz; do
	gzip -t "$f" || {
		log "$f is not a valid gzip file"
		exit 1
	}
done

BYTES=$(cat "$OUT"/snap-*.allocs.pb.gz | wc -c)
log "done: $N snapshots, $BYTES bytes, in $((SECONDS - T0))s of capture (${SECONDS}s in all), in $OUT"
