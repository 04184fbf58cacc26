#!/usr/bin/env bash
# Fetches GitHub's REST API description (13 MB) from the npm registry for the
# benchmark: bench/data/api.github.com.json (23.0.2) and api.github.com-22.json.
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
fetch 22.0.0 api.github.com-22.json
ls -la
