# examples/lib.sh: sourced by the capture scripts (capture.sh,
# capture_snapshots.sh, capture_windows.sh, nats-idle/capture.sh).
#
# capture_setup NAME SECONDS sets up what each of them needs to stay bounded:
#   WORK    a fresh temporary directory, removed on exit;
#   PIDS    background processes to kill (then wait for) on exit: append
#           every process started;
#   a watchdog that ends the script after SECONDS with "NAME: timed out";
#   log MESSAGE…   one line on stderr, prefixed "NAME: ";
#   nap SECONDS    a sleep that signals interrupt.
#
# start_pushsvc BINARY N MAX_RUNTIME starts examples/pushsvc on loopback ports
# PORT_BASE+N (TCP), +N+1 (API) and +N+2 (pprof), sets TCP, API, PPROF and
# SVC_PID, and waits until the API and pprof ports answer (the log goes to
# $WORK/svc.log and is shown if it does not start).

capture_setup() {
	CAPTURE_NAME=$1
	local seconds=$2
	WORK=$(mktemp -d)
	PIDS=()
	trap capture_cleanup EXIT
	trap 'exit 130' INT TERM
	(
		trap 'kill $s 2>/dev/null; exit 0' TERM
		sleep "$seconds" &
		s=$!
		wait $s
		echo "$CAPTURE_NAME: timed out after ${seconds}s" >&2
		kill -TERM $$
	) &
	PIDS+=($!)
}

capture_cleanup() {
	local p
	for p in "${PIDS[@]}"; do
		kill "$p" 2>/dev/null || true
	done
	for p in "${PIDS[@]}"; do
		wait "$p" 2>/dev/null || true
	done
	rm -rf "$WORK"
}

log() { echo "$CAPTURE_NAME: $*" >&2; }

# nap SECONDS: an interruptible sleep (signals are handled during wait).
nap() {
	sleep "$1" &
	PIDS+=($!)
	wait $!
}

start_pushsvc() {
	local bin=$1 n=$2 max_runtime=$3 i
	TCP=127.0.0.1:$((PORT_BASE + n))
	API=127.0.0.1:$((PORT_BASE + n + 1))
	PPROF=127.0.0.1:$((PORT_BASE + n + 2))
	"$bin" -listen "$TCP" -http "$API" -pprof "$PPROF" -quiet -max-runtime "$max_runtime" \
		>>"$WORK/svc.log" 2>&1 &
	SVC_PID=$!
	PIDS+=("$SVC_PID")
	for i in $(seq 50); do
		if curl -sf --max-time 1 -o /dev/null "http://$API/varz" &&
			curl -sf --max-time 1 -o /dev/null "http://$PPROF/debug/pprof/"; then
			return 0
		fi
		sleep 0.1
	done
	log "service did not start; log:"
	cat "$WORK/svc.log" >&2
	exit 1
}
