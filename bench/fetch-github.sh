#!/usr/bin/env bash
# Fetches GitHub's REST API description from the npm registry for the
# benchmark: bench/data/api.github.com.json (@octokit/openapi 23.0.2, 13 MB,
# for lint) and the pair 22.0.0 -> 23.0.0 (11.8 MB -> 13 MB, for diff).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p data
cd data
fetch() {
  local version=$1 out=$2
  [ -f "$out" ] && return
  local tgz
  tgz=$(npm pack --silent "@octokit/openapi@$version")
  tar xzf "$tgz" package/generated/api.github.com.json
  mv package/generated/api.github.com.json "$out"
  rm -rf package "$tgz"
}
fetch 23.0.2 api.github.com.json
fetch 22.0.0 api.github.com-22.0.0.json
fetch 23.0.0 api.github.com-23.0.0.json
ls -la
