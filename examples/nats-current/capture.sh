#!/usr/bin/env bash
# capture.sh [OUTDIR]
#
# Captures real profiles from a current nats-server (built from the module
# proxy with the machine's Go, no -trimpath, so frames name files in the module
# cache) while ../shared/tools/natsload drives it through
# ../shared/tools/capture_nats.sh. Keeps only the pprof protobuf profiles
# (*.pb.gz) in OUTDIR (default: the fixtures/ directory next to this script).
#
# Everything listens on 127.0.0.1 only (capture_nats.sh's fixed ports 4222,
# 8222, 6060 and 8080, which must be free). The run is bounded (a watchdog
# stops it after 5 minutes) and every process it starts is killed on exit.
#
# Environment:
#   GO            go binary (default: go on PATH, else /usr/local/go/bin/go)
#   NATS_VERSION  nats-server module version (default: v2.15.2, which was
#                 @latest when fixtures/ was captured)
#   GOSLEUTH_SHARED  the shared directory (default: ../shared beside the repo)
#   WORKLOADS, IDLE_CONNS  passed to capture_nats.sh (defaults below: modest)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/fixtures}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
GO=${GO:-$(command -v go || echo /usr/local/go/bin/go)}
NATS_VERSION=${NATS_VERSION:-v2.15.2}
SHARED=${GOSLEUTH_SHARED:-$(cd "$HERE/../../.." && pwd)/shared}
TOOLS=$SHARED/tools
export WORKLOADS=${WORKLOADS:-js -n 30000 -size 1024 -conns 4;fanout -n 50000 -size 256 -conns 6;ws -n 20000 -size 2048 -conns 3}
export IDLE_CONNS=${IDLE_CONNS:-200}

log() { echo "capture: $*" >&2; }
[ -x "$TOOLS/capture_nats.sh" ] || { log "missing $TOOLS/capture_nats.sh (set GOSLEUTH_SHARED)"; exit 2; }
for tool in curl setsid; do
	command -v "$tool" >/dev/null || { log "$tool is required"; exit 2; }
done

for port in 4222 8222 6060 8080; do
	if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
		log "127.0.0.1:$port is in use; capture_nats.sh needs it free"
		exit 2
	fi
done

WORK=$(mktemp -d)
CAPTURE_PID=
cleanup() {
	# capture_nats.sh runs in its own process group (setsid): the server,
	# the load generator and curl are all in it.
	if [ -n "$CAPTURE_PID" ]; then
		kill -TERM -- "-$CAPTURE_PID" 2>/dev/null || true
		wait "$CAPTURE_PID" 2>/dev/null || true
	fi
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- build -----------------------------------------------------------------
log "building nats-server $NATS_VERSION with $("$GO" version)"
GOBIN=$WORK/bin "$GO" install "github.com/nats-io/nats-server/v2@$NATS_VERSION"
log "building natsload as a module"
mkdir -p "$WORK/natsload"
cp "$TOOLS/natsload/main.go" "$WORK/natsload/"
(
	cd "$WORK/natsload"
	"$GO" mod init natsload >/dev/null 2>&1
	"$GO" mod tidy >/dev/null 2>&1
	"$GO" build -o natsload .
)

# ---- capture ---------------------------------------------------------------
log "WORKLOADS='$WORKLOADS' IDLE_CONNS='$IDLE_CONNS'"
# capture_nats.sh's own temp dir (config, JetStream store) goes under WORK.
mkdir -p "$WORK/tmp"
TMPDIR=$WORK/tmp NATSLOAD=$WORK/natsload/natsload NATS_SERVER=$WORK/bin/nats-server \
	setsid "$TOOLS/capture_nats.sh" "$WORK/raw" >"$WORK/capture.log" 2>&1 &
CAPTURE_PID=$!
deadline=$((SECONDS + 300))
while kill -0 "$CAPTURE_PID" 2>/dev/null; do
	if [ "$SECONDS" -ge "$deadline" ]; then
		log "timed out after 300 s; log:"
		cat "$WORK/capture.log" >&2
		exit 1
	fi
	sleep 1
done
# capture_nats.sh exits 1 even after a complete run (its EXIT trap ends with a
# failing `kill` of the already-stopped server under `set -e`), so success is
# judged by the profiles it must have written.
rc=0
wait "$CAPTURE_PID" || rc=$?
CAPTURE_PID=
expected=()
IFS=';' read -r -a wls <<<"$WORKLOADS"
for wl in "${wls[@]}"; do
	[ "$wl" = none ] && continue
	read -r -a args <<<"$wl"
	for kind in allocs heap goroutine cpu; do expected+=("${args[0]}.$kind.pb.gz"); done
done
for n in $IDLE_CONNS; do
	[ "$n" = none ] && continue
	for kind in allocs heap goroutine; do expected+=("idle$n.$kind.pb.gz"); done
done
for f in "${expected[@]}"; do
	if [ ! -s "$WORK/raw/$f" ]; then
		log "capture_nats.sh (exit $rc) did not write $f; log:"
		cat "$WORK/capture.log" >&2
		exit 1
	fi
done

# ---- keep the protobuf profiles only ---------------------------------------
for f in "${expected[@]}"; do cp "$WORK/raw/$f" "$OUT/"; done
log "nats-server: $("$WORK/bin/nats-server" --version) ($("$GO" version "$WORK/bin/nats-server" | cut -d' ' -f2))"
for f in "$WORK"/raw/*.load.txt; do
	log "$(basename "$f"): $(tr '\n' ' ' <"$f")"
done
log "done in ${SECONDS}s; wrote to $OUT:"
(cd "$OUT" && wc -c -- "${expected[@]}") >&2
