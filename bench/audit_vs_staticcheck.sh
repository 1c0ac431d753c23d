#!/usr/bin/env bash
# bench/audit_vs_staticcheck.sh
#
# Speed of `gosleuth audit` against staticcheck on the same packages, both
# cold, on the Debian nats-server 2.9.10 source
# (golang-github-nats-io-nats-server-dev, /usr/share/gocode/src/...):
#   1. builds gosleuth in release;
#   2. copies the nats-server source to a scratch directory and downloads its
#      module dependencies (staticcheck type-checks them; the download is not
#      timed);
#   3. installs staticcheck (honnef.co/go/tools/cmd/staticcheck@latest) unless
#      $STATICCHECK names one;
#   4. runs ONE hyperfine invocation of
#        gosleuth audit DIR --format json          (no cache exists to clear)
#        staticcheck -tests=false ./...            cold: GOCACHE and the
#                                                  staticcheck cache emptied
#                                                  before every run
#      on the non-test files of every package (what `gosleuth audit` reads by
#      default), exports Markdown and JSON, and prints the ratio of means.
#
# Environment: GO (go binary), GOSLEUTH (a gosleuth binary instead of building
# target/release's), STATICCHECK, RUNS (default 5), RESULTS (default
# target/bench), NATS_SRC (default the Debian path).
set -euo pipefail
cd "$(dirname "$0")/.."

GO=${GO:-$(command -v go || echo /usr/local/go/bin/go)}
RUNS=${RUNS:-5}
RESULTS=${RESULTS:-target/bench}
NATS_SRC=${NATS_SRC:-/usr/share/gocode/src/github.com/nats-io/nats-server}
command -v hyperfine >/dev/null || { echo "hyperfine is required (apt-get install hyperfine)" >&2; exit 1; }
[ -d "$NATS_SRC" ] || { echo "$NATS_SRC missing: apt-get install golang-github-nats-io-nats-server-dev" >&2; exit 1; }

if [ -z "${GOSLEUTH:-}" ]; then
  cargo build --release -q -p gosleuth
  GOSLEUTH=$PWD/target/release/gosleuth
fi
if [ -z "${STATICCHECK:-}" ]; then
  STATICCHECK=$("$GO" env GOPATH)/bin/staticcheck
  [ -x "$STATICCHECK" ] || "$GO" install honnef.co/go/tools/cmd/staticcheck@latest
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$NATS_SRC" "$work/nats-server"
chmod -R u+w "$work/nats-server"
(cd "$work/nats-server" && GOFLAGS=-mod=mod "$GO" mod download)
# One untimed run: staticcheck exits 1 when it has findings, which is
# expected; what it prints on stderr (type-check failures) is shown.
(cd "$work/nats-server" && GOFLAGS=-mod=mod "$STATICCHECK" -tests=false ./... >/dev/null) || true

mkdir -p "$RESULTS"
export GOFLAGS=-mod=mod
hyperfine --runs "$RUNS" --ignore-failure \
  --export-markdown "$RESULTS/audit_vs_staticcheck.md" \
  --export-json "$RESULTS/audit_vs_staticcheck.json" \
  --command-name "gosleuth audit (nats-server, non-test files)" \
  "$GOSLEUTH audit $work/nats-server --format json -o /dev/null" \
  --command-name "staticcheck cold (nats-server, -tests=false)" \
  --prepare "rm -rf $work/gocache $work/sccache" \
  "cd $work/nats-server && GOCACHE=$work/gocache XDG_CACHE_HOME=$work/sccache STATICCHECK_CACHE=$work/sccache $STATICCHECK -tests=false ./... >/dev/null"

python3 - "$RESULTS/audit_vs_staticcheck.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
g, s = r[0]["mean"], r[1]["mean"]
print(f"gosleuth audit {g:.3f} s, staticcheck cold {s:.3f} s: gosleuth is {s / g:.0f}x faster")
PY
