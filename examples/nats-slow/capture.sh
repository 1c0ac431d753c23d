#!/usr/bin/env bash
# capture.sh OUTDIR
#
# A real slow log for `gosleuth slow`: Debian's nats-server (2.9.10) on
# loopback under publish load (examples/natsconns -mode pub: 4 publishers,
# one subscriber), stalled twice mid-load with SIGSTOP (3 s, then 2.5 s) and
# resumed with SIGCONT. Read loops that were parsing when the process stopped
# log `Readloop processing time: …` (the server warns from 2 s on). Writes
# into OUTDIR:
#   server.log                the server's log (its stderr), whole
#   before.goroutine.debug2.txt   /debug/pprof/goroutine?debug=2 just before the first stall
#   after.goroutine.debug2.txt    the same just after the first SIGCONT
#   capture-info.txt          versions, timeline, counters
#
# Environment: NATS_SERVER (default /usr/sbin/nats-server), GO (default: go on
# PATH, else /usr/local/go/bin/go), PORT_BASE (default 17600; uses
# PORT_BASE+1 .. PORT_BASE+3). Every process it starts is killed on exit (a
# stopped server is continued first); a watchdog ends the run after 2 minutes.
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
PORT_BASE=${PORT_BASE:-17600}
# shellcheck source=../lib.sh
. "$HERE/../lib.sh"
capture_setup capture 120 # the script never runs longer than 2 minutes
SP=
# The server is stopped (SIGSTOP) on purpose: continue it so that it can end.
trap '[ -n "$SP" ] && kill -CONT "$SP" 2>/dev/null; capture_cleanup' EXIT

# Each step also goes to capture-info.txt, with its time.
log() { echo "capture: $*" >&2; echo "$(date -u +%H:%M:%S.%N | cut -c1-12) $*" >>"$OUT/capture-info.txt"; }

CLIENT=127.0.0.1:$((PORT_BASE + 1))
HTTP=127.0.0.1:$((PORT_BASE + 2))
PROF=127.0.0.1:$((PORT_BASE + 3))

"$GO" build -o "$WORK/natsconns" "$HERE/../natsconns/main.go"
cat >"$WORK/nats.conf" <<CONF
listen: $CLIENT
http: $HTTP
prof_port: $((PORT_BASE + 3))
CONF

{
	echo "# written by examples/nats-slow/capture.sh"
	echo "server: $("$NATS_SERVER" --version) ($("$GO" version "$NATS_SERVER" | cut -d' ' -f2))"
	echo "os: $(uname -srm), cpus: $(nproc)"
	echo "load: natsconns -mode pub -conns 4 -size 512 -duration 14s"
} >"$OUT/capture-info.txt"

"$NATS_SERVER" -c "$WORK/nats.conf" 2>"$OUT/server.log" >/dev/null &
SP=$!
PIDS+=("$SP")
for _ in $(seq 100); do grep -q "Server is ready" "$OUT/server.log" && break; sleep 0.1; done
grep -q "Server is ready" "$OUT/server.log" || { cat "$OUT/server.log" >&2; exit 1; }

"$WORK/natsconns" -mode pub -addr "$CLIENT" -conns 4 -size 512 -duration 14s >"$WORK/load.txt" 2>&1 &
LP=$!
PIDS+=("$LP")

sleep 3
curl -sf --max-time 10 -o "$OUT/before.goroutine.debug2.txt" "http://$PROF/debug/pprof/goroutine?debug=2"
log "SIGSTOP (3 s)"
kill -STOP "$SP"
sleep 3
kill -CONT "$SP"
log "SIGCONT"
curl -sf --max-time 10 -o "$OUT/after.goroutine.debug2.txt" "http://$PROF/debug/pprof/goroutine?debug=2"
sleep 3
log "SIGSTOP (2.5 s)"
kill -STOP "$SP"
sleep 2.5
kill -CONT "$SP"
log "SIGCONT"
wait "$LP" || true
cat "$WORK/load.txt" >>"$OUT/capture-info.txt"
kill "$SP"
wait "$SP" 2>/dev/null || true
SP=
echo "warnings: $(grep -c 'Readloop processing time' "$OUT/server.log" || true) Readloop processing time lines" >>"$OUT/capture-info.txt"
log "done in ${SECONDS}s"
ls -l "$OUT" >&2
