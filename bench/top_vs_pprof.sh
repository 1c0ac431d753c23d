#!/usr/bin/env bash
# bench/top_vs_pprof.sh [SNAPDIR]
#
# Speed of `gosleuth top` against `go tool pprof -top` on real heap profiles:
#   1. builds gosleuth in release (cargo build --release -p gosleuth);
#   2. captures N (default 200) successive allocs snapshots of examples/pushsvc
#      under load with examples/capture_snapshots.sh into SNAPDIR (default: a
#      new temporary directory, removed at the end); a SNAPDIR that already
#      holds exactly N snap-*.allocs.pb.gz files (and no other *.pb.gz) is
#      reused as it is;
#   3. checks that both tools print the same stdout, on all N files merged
#      and on the first and the last file alone (fails loudly if not);
#   4. runs ONE hyperfine invocation, with warmup, of
#        gosleuth top   on the N files merged
#        go tool pprof -top on the N files merged
#        zcat of the N files to /dev/null (floor: just decompressing them)
#        gosleuth top   on one file (the last, largest snapshot)
#        go tool pprof -top on that one file
#        the pprof binary that `go tool pprof` runs (`go tool -n pprof`), on
#        the N files and on the one file: without the go command's start-up
#      exports Markdown and JSON, and prints the ratios.
#
# Environment: GO (go binary; default go on PATH, else /usr/local/go/bin/go),
# GOSLEUTH (a gosleuth binary to time instead of building target/release's,
# e.g. a copy of an older build to compare with),
# N (default 200), RESULTS (where the exports go; default target/bench),
# WARMUP (default 3), MIN_RUNS (default 20), QUIET_WAIT (default 120: before
# timing, wait up to this many seconds for the machine's CPUs to be less than
# QUIET_BUSY percent busy (default 20) with other work, e.g. concurrent cargo
# builds; then run anyway, with a warning. 0 = do not wait).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
GO=${GO:-$(command -v go || echo /usr/local/go/bin/go)}
N=${N:-200}
RESULTS=${RESULTS:-$ROOT/target/bench}
WARMUP=${WARMUP:-3}
MIN_RUNS=${MIN_RUNS:-20}
QUIET_WAIT=${QUIET_WAIT:-120}
QUIET_BUSY=${QUIET_BUSY:-20}
GS=${GOSLEUTH:-}

log() { echo "top_vs_pprof: $*" >&2; }
die() {
	echo "top_vs_pprof: FAIL: $*" >&2
	exit 1
}

CLEAN=
cleanup() { if [ -n "$CLEAN" ]; then rm -rf "$CLEAN"; fi; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- tools -----------------------------------------------------------------
if ! command -v hyperfine >/dev/null; then
	log "installing hyperfine (Debian package)"
	apt-get install -y hyperfine >/dev/null 2>&1 ||
		{ apt-get update >/dev/null && apt-get install -y hyperfine >/dev/null; }
fi
command -v python3 >/dev/null || die "python3 is needed to print the ratios"
"$GO" version >/dev/null || die "no Go at $GO (set GO=)"

if [ -z "$GS" ]; then
	log "cargo build --release -p gosleuth"
	(cd "$ROOT" && cargo build --release -p gosleuth) || die "cargo build --release -p gosleuth failed"
	GS=$ROOT/target/release/gosleuth
	[ -x "$GS" ] || die "$GS was not built"
else
	GS=$(cd "$(dirname "$GS")" && pwd)/$(basename "$GS")
	[ -x "$GS" ] || die "GOSLEUTH=$GS is not an executable"
	log "using GOSLEUTH=$GS (no build)"
fi

# ---- snapshots -------------------------------------------------------------
if [ $# -ge 1 ]; then
	mkdir -p "$1"
	DIR=$(cd "$1" && pwd)
else
	DIR=$(mktemp -d)
	CLEAN=$DIR
fi
shopt -s nullglob
snaps=("$DIR"/snap-*.allocs.pb.gz)
all=("$DIR"/*.pb.gz)
if [ "${#snaps[@]}" -eq "$N" ] && [ "${#all[@]}" -eq "$N" ]; then
	log "reusing the $N snapshots in $DIR"
else
	[ "${#all[@]}" -eq "${#snaps[@]}" ] ||
		die "$DIR holds *.pb.gz files other than snap-*.allocs.pb.gz; use an empty or a snapshot directory"
	log "capturing $N snapshots into $DIR"
	t0=$SECONDS
	"$ROOT/examples/capture_snapshots.sh" "$N" "$DIR"
	log "capture took $((SECONDS - t0))s"
	snaps=("$DIR"/snap-*.allocs.pb.gz)
	[ "${#snaps[@]}" -eq "$N" ] || die "expected $N snapshots in $DIR, found ${#snaps[@]}"
fi
shopt -u nullglob
ONE=${snaps[$((N - 1))]}
BYTES=$(cat "${snaps[@]}" | wc -c)
RAW=$(zcat "${snaps[@]}" | wc -c)
log "$N files, $BYTES bytes gzipped, $RAW bytes raw; single file: $(basename "$ONE")"

# ---- same output first -------------------------------------------------------
# Run the go command outside any Go module, so no go.mod can pick its toolchain.
cd "$DIR"
check_same() { # NAME FILES...
	local name=$1
	shift
	local t
	t=$(mktemp -d)
	"$GS" top "$@" >"$t/gosleuth.txt" 2>"$t/gosleuth.err" ||
		{ cat "$t/gosleuth.err" >&2; die "gosleuth top failed on $name"; }
	"$GO" tool pprof -top "$@" >"$t/pprof.txt" 2>"$t/pprof.err" ||
		{ cat "$t/pprof.err" >&2; die "go tool pprof -top failed on $name"; }
	if ! cmp -s "$t/gosleuth.txt" "$t/pprof.txt"; then
		diff -u "$t/pprof.txt" "$t/gosleuth.txt" | head -40 >&2 || true
		die "stdout of gosleuth top and go tool pprof -top differ on $name (kept in $t)"
	fi
	log "same stdout on $name ($(wc -l <"$t/pprof.txt") lines)"
	rm -rf "$t"
}
check_same "the $N files merged" "${snaps[@]}"
check_same "$(basename "$ONE")" "$ONE"
check_same "$(basename "${snaps[0]}")" "${snaps[0]}"

# ---- hyperfine -----------------------------------------------------------------
# busy_pct: percent of all CPUs' time spent busy over the next second.
busy_pct() {
	local a b
	read -r -a a < <(head -1 /proc/stat)
	sleep 1
	read -r -a b < <(head -1 /proc/stat)
	local i total=0 idle
	for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
	idle=$((b[4] - a[4] + b[5] - a[5]))
	echo $(((total - idle) * 100 / (total > 0 ? total : 1)))
}
wait_quiet() {
	local waited=0 busy
	busy=$(busy_pct)
	while [ "$busy" -ge "$QUIET_BUSY" ] && [ "$waited" -lt "$QUIET_WAIT" ]; do
		[ "$waited" -eq 0 ] && log "CPUs ${busy}% busy with other work; waiting up to ${QUIET_WAIT}s for a quieter machine"
		sleep 4
		waited=$((waited + 5))
		busy=$(busy_pct)
	done
	[ "$busy" -lt "$QUIET_BUSY" ] || log "WARNING: CPUs still ${busy}% busy with other work; timings will be noisy"
	BUSY_BEFORE=$busy
}
(cd "$ROOT" && mkdir -p "$RESULTS")
RESULTS=$(cd "$ROOT" && cd "$RESULTS" && pwd)
# The commands run without a shell (hyperfine -N), so the single-file runs are
# not drowned in the cost of starting sh; the file list is expanded here, in
# the same (sorted) order as the shell's DIR/*.pb.gz, and hyperfine sends
# every command's output to /dev/null.
q() { printf '%q' "$1"; }
FILES=$(for f in "${snaps[@]}"; do printf ' %q' "$f"; done)
CMD_GS_ALL="$(q "$GS") top$FILES"
CMD_PP_ALL="$(q "$GO") tool pprof -top$FILES"
CMD_ZCAT="zcat$FILES"
CMD_GS_ONE="$(q "$GS") top $(q "$ONE")"
CMD_PP_ONE="$(q "$GO") tool pprof -top $(q "$ONE")"
# `go tool pprof` runs the go command first, which (Go 1.24+) finds or builds
# the pprof binary in the build cache; that costs more than pprof's own work
# on one file. `go tool -n pprof` prints that binary: it is timed too.
PPROF_BIN=$(cd "$DIR" && "$GO" tool -n pprof) || die "go tool -n pprof failed"
CMD_PB_ALL="$(q "$PPROF_BIN") -top$FILES"
CMD_PB_ONE="$(q "$PPROF_BIN") -top $(q "$ONE")"
wait_quiet
{
	echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
	echo "machine: $(uname -srm), nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
	echo "go: $("$GO" version)"
	echo "pprof binary (go tool -n pprof): $PPROF_BIN"
	echo "gosleuth: $GS, tree $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$ROOT" && git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
	echo "hyperfine: $(hyperfine --version)"
	echo "before timing: CPUs ${BUSY_BEFORE}% busy with other work, load average $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "snapshots: $N files in $DIR, $BYTES bytes gzipped, $RAW bytes raw"
} | tee "$RESULTS/top_vs_pprof.env.txt" >&2

hyperfine -N --warmup "$WARMUP" --min-runs "$MIN_RUNS" \
	--export-markdown "$RESULTS/top_vs_pprof.md" \
	--export-json "$RESULTS/top_vs_pprof.json" \
	--command-name "gosleuth top ($N files)" "$CMD_GS_ALL" \
	--command-name "go tool pprof -top ($N files)" "$CMD_PP_ALL" \
	--command-name "zcat ($N files) > /dev/null" "$CMD_ZCAT" \
	--command-name "gosleuth top (1 file)" "$CMD_GS_ONE" \
	--command-name "go tool pprof -top (1 file)" "$CMD_PP_ONE" \
	--command-name "pprof binary -top ($N files)" "$CMD_PB_ALL" \
	--command-name "pprof binary -top (1 file)" "$CMD_PB_ONE"
echo "after timing: load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RESULTS/top_vs_pprof.env.txt" >&2

echo
echo "Markdown: $RESULTS/top_vs_pprof.md"
cat "$RESULTS/top_vs_pprof.md"
echo
python3 - "$RESULTS/top_vs_pprof.json" <<'EOF' | tee "$RESULTS/top_vs_pprof.ratios.txt"
import json, sys
res = json.load(open(sys.argv[1]))["results"]
def ratios(stat):
    if stat == "cpu":
        vals = [(x["user"] + x["system"]) * 1e3 for x in res]
        print("by CPU time (user + system, mean; less sensitive to other load):")
    else:
        vals = [x[stat] * 1e3 for x in res]
        print(f"by {stat} wall time:")
    gs_all, pp_all, zcat, gs_one, pp_one, pb_all, pb_one = vals
    print(f"  go tool pprof / gosleuth, merged : {pp_all / gs_all:6.2f}x  ({pp_all:.1f} ms / {gs_all:.1f} ms)")
    print(f"  go tool pprof / gosleuth, 1 file : {pp_one / gs_one:6.2f}x  ({pp_one:.1f} ms / {gs_one:.1f} ms)")
    print(f"  pprof binary / gosleuth, merged  : {pb_all / gs_all:6.2f}x  ({pb_all:.1f} ms / {gs_all:.1f} ms)")
    print(f"  pprof binary / gosleuth, 1 file  : {pb_one / gs_one:6.2f}x  ({pb_one:.1f} ms / {gs_one:.1f} ms)")
    print(f"  gosleuth / zcat, merged          : {gs_all / zcat:6.2f}x  ({gs_all:.1f} ms / {zcat:.1f} ms)")
ratios("mean")
ratios("median")
ratios("cpu")
EOF
