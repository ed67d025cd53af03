#!/usr/bin/env bash
# Subscriptions II costs (issue 10): the replay buffer per minute of the firehose (disk, and the heap of its
# index) and the replay throughput to one resuming client (ReplayBench, one JVM: a gateway whose buffer
# holds the minute, a websocket client resuming from before it); then the CPU of unique= per certificate
# (JMH, UniqueClaimBenchmark: the claim key and the decision against a full 400,000-claim window).
#   bench/measure-resume.sh [RATE] [SECONDS]     (defaults: 1500 certificates/s, 60 s: the 2026 firehose)
# CERTSTREAM_REPLAY_BLOCK_BYTES etc. apply as in the server; JMH=0 skips the JMH part; BUILD=0 skips the build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
v=0.1.0-SNAPSHOT
if [[ "${BUILD:-1}" != 0 ]]; then
  (cd "$root" && mvn -q -B -pl bench -am -DskipTests package)
fi
echo "=== replay buffer per minute, replay throughput ==="
java -Xmx1g -cp "$root/bench/target/bench-$v-all.jar" dev.certstream.bench.ReplayBench "${1:-1500}" "${2:-60}" 2>/dev/null
if [[ "${JMH:-1}" != 0 ]]; then
  echo "=== unique= CPU per certificate (JMH) ==="
  java -jar "$root/bench/target/benchmarks.jar" UniqueClaim -rf text -rff /dev/stderr 2>&1 \
    | grep -E "UniqueClaimBenchmark\.claimOneCertificate"
fi
