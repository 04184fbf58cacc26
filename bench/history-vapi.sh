#!/usr/bin/env bash
# A git repository whose history is the 16 published versions of Vapi's
# openapi.json (../shared/corpus/vapi), one commit each at the date the
# file name gives, then `vapi-spec history` on it, timed.
#
#   bench/history-vapi.sh            # writes bench/scratch/vapi-history.html
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=${SRC:-../shared/corpus/vapi}
REPO=bench/scratch/vapi-history
rm -rf "$REPO" && mkdir -p "$REPO"
git -C "$REPO" init -q
for f in "$SRC"/[0-9]*.json; do
  name=$(basename "$f" .json)            # 120_20260306T160330_73d8b709df
  stamp=${name#*_}; stamp=${stamp%%_*}   # 20260306T160330
  date="${stamp:0:4}-${stamp:4:2}-${stamp:6:2}T${stamp:9:2}:${stamp:11:2}:${stamp:13:2}Z"
  cp "$f" "$REPO/openapi.json"
  git -C "$REPO" add openapi.json
  GIT_AUTHOR_DATE=$date GIT_COMMITTER_DATE=$date git -C "$REPO" \
    -c user.name="Vapi" -c user.email=api@vapi.test -c commit.gpgsign=false \
    commit -q -m "Publish revision ${name%%_*}"
done
cargo build --release --quiet --bin vapi-spec
/usr/bin/time -f '%e s wall, %M KB peak' target/release/vapi-spec history "$REPO/openapi.json" -o bench/scratch/vapi-history.html
