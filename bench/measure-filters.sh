#!/usr/bin/env bash
# The filter benchmark: the gateway at 2,000 certificates/s holding 0, 1, 100, 1,000 and 10,000 distinct
# filters (10 patterns each, drawn like brand lists; 10,000 filters = 100,000 patterns), measured with
# measure-fanout.sh (server CPU per certificate, lag of unfiltered clients) and the index's heap from the
# server's log; then the matching CPU per certificate alone (JMH, FilterMatchBenchmark).
#   bench/measure-filters.sh [RATE] [load tool options...]     (defaults: 2000, --clients 20 --duration 30s --warmup 15s)
# FILTER_COUNTS="0 10000" measures a subset; JMH=0 skips the JMH part; BUILD=0 skips the build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rate="${1:-2000}"
shift || true
opts=("$@")
[[ ${#opts[@]} -gt 0 ]] || opts=(--clients 20 --duration 30s --warmup 15s)
if [[ "${BUILD:-1}" != 0 ]]; then
  (cd "$root" && mvn -q -B -pl bench -am -DskipTests package)
fi
# 10,000 such filters take more than the default 24 MB filter index bound (CERTSTREAM_FILTER_MAX_INDEX_BYTES):
# lifted here, as a deployment holding them would (with a heap to match; the benchmark's server has 1 GB).
export CERTSTREAM_FILTER_MAX_INDEX_BYTES="${CERTSTREAM_FILTER_MAX_INDEX_BYTES:-1099511627776}"
for n in ${FILTER_COUNTS:-0 1 100 1000 10000}; do
  echo "=== $n distinct filters, $rate certificates/s ==="
  BUILD=0 SERVER_OPTS="--filters $n ${SERVER_OPTS:-}" SERVER_LOG_GREP="holding" \
    "$root/bench/measure-fanout.sh" "$rate" "${opts[@]}"
done
if [[ "${JMH:-1}" != 0 ]]; then
  echo "=== matching CPU per certificate (JMH) ==="
  java -jar "$root/bench/target/benchmarks.jar" FilterMatch -rf text -rff /dev/stderr 2>&1 \
    | grep -E "filters,|FilterMatchBenchmark\.matchOneCertificate"
fi
