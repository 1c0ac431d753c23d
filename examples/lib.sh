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
