#!/usr/bin/env bash
# capture.sh OUTDIR
#
# Real captures for `gosleuth connmem`: Debian's nats-server (2.9.10) on
# loopback, holding idle client connections at several counts (each count a
# fresh server), with what connmem reads saved per count N into OUTDIR:
#   idleN.heap.pb.gz        /debug/pprof/heap?gc=1     (inuse_space, after a GC)
#   idleN.heap.debug1.txt   /debug/pprof/heap?debug=1  (its # runtime.MemStats block)
#   idleN.goroutine.pb.gz   /debug/pprof/goroutine
#   idleN.varz.json         /varz                      (connections, mem = RSS)
# plus capture-info.txt (versions, settings, counters).
#
# The heap profile keeps the default sampling (one sample per 512 KiB
# allocated): Go 1.19 sets runtime.MemProfileRate in a package initializer
# that runs after GODEBUG is read, so GODEBUG=memprofilerate cannot refine it
# for this binary. gosleuth connmem pools the captures' samples instead.
#
# Environment: NATS_SERVER (default /usr/sbin/nats-server), GO (default: go on
# PATH, else /usr/local/go/bin/go), COUNTS (default "500 1000 2000 4000 6000"),
# PORT_BASE (default 17500; uses PORT_BASE+1 .. PORT_BASE+4). Every process it
# starts is killed on exit; a watchdog ends the run after 4 minutes.
set -euo pipefail

if [ $# -ne 1 ]; then
	echo "usage: $0 OUTDIR" >&2
	exit 2
fi
mkdir -p "$1"
OUT=$(cd "$1" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
NATS_SERVER=${NATS_SERVER:-/usr/sbin/nats-server}
GO=${GO:-$(command -v go || echo /usr/local/go/bin/go)}
COUNTS=${COUNTS:-500 1000 2000 4000 6000}
PORT_BASE=${PORT_BASE:-17500}
# shellcheck source=../lib.sh
. "$HERE/../lib.sh"
capture_setup capture 240 # the script never runs longer than 4 minutes

CLIENT=127.0.0.1:$((PORT_BASE + 1))
HTTP=127.0.0.1:$((PORT_BASE + 2))
PROF=127.0.0.1:$((PORT_BASE + 3))
WS=127.0.0.1:$((PORT_BASE + 4))

"$GO" build -o "$WORK/natsconns" "$HERE/../natsconns/main.go"

# The same server configuration as ../shared/tools/capture_nats.sh (JetStream
# and WebSocket on), on our own ports.
cat >"$WORK/nats.conf" <<CONF
listen: $CLIENT
http: $HTTP
prof_port: $((PORT_BASE + 3))
max_connections: 100000
jetstream { store_dir: $WORK/js, max_mem: 1G, max_file: 4G }
websocket { listen: "$WS", no_tls: true, compression: true }
CONF

{
	echo "# written by examples/nats-idle/capture.sh"
	echo "server: $("$NATS_SERVER" --version) ($("$GO" version "$NATS_SERVER" | cut -d' ' -f2))"
	echo "default MemProfileRate (512 KiB); heap profile fetched with ?gc=1, then MemStats, then /varz"
	echo "os: $(uname -srm), cpus: $(nproc)"
} >"$OUT/capture-info.txt"

for n in $COUNTS; do
	log "$n idle connections"
	rm -rf "$WORK/js"
	: >"$WORK/server.log"
	"$NATS_SERVER" -c "$WORK/nats.conf" >"$WORK/server.log" 2>&1 &
	SP=$!
	PIDS+=("$SP")
	for _ in $(seq 100); do grep -q "Server is ready" "$WORK/server.log" && break; sleep 0.1; done
	grep -q "Server is ready" "$WORK/server.log" || { cat "$WORK/server.log" >&2; exit 1; }
	"$WORK/natsconns" -mode idle -addr "$CLIENT" -conns "$n" -hold 30s >"$WORK/load.txt" &
	LP=$!
	PIDS+=("$LP")
	for _ in $(seq 300); do grep -q holding "$WORK/load.txt" && break; sleep 0.1; done
	grep -q holding "$WORK/load.txt" || { log "connections not established"; exit 1; }
	# Let the connection setup settle (first PINGs, the GC after setup).
	sleep 2
	# The heap after a GC, then at once its MemStats and the process's RSS, so
	# that the three describe the same moment.
	curl -sf --max-time 10 -o "$OUT/idle$n.heap.pb.gz" "http://$PROF/debug/pprof/heap?gc=1"
	curl -sf --max-time 10 -o "$OUT/idle$n.heap.debug1.txt" "http://$PROF/debug/pprof/heap?debug=1"
	curl -sf --max-time 10 -o "$OUT/idle$n.varz.json" "http://$HTTP/varz"
	curl -sf --max-time 10 -o "$OUT/idle$n.goroutine.pb.gz" "http://$PROF/debug/pprof/goroutine"
	echo "idle$n: $(cat "$WORK/load.txt"); varz connections $(grep -o '"connections": [0-9]*' "$OUT/idle$n.varz.json")" >>"$OUT/capture-info.txt"
	kill "$LP" 2>/dev/null || true
	wait "$LP" 2>/dev/null || true
	kill "$SP"
	wait "$SP" 2>/dev/null || true
done

log "done in ${SECONDS}s; wrote to $OUT:"
ls -l "$OUT" >&2
