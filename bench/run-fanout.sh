#!/usr/bin/env bash
# Builds the bench module (unless BUILD=0) and runs the fan-out load tool, or the bench server.
#   bench/run-fanout.sh --url ws://127.0.0.1:4000/ --clients 500 --duration 30s   (load tool; --help for all)
#   bench/run-fanout.sh server --rate 200 --port 4000                            (broker + gateway + paced publisher)
# JAVA_OPTS overrides the JVM flags. The jar is copied before running, so a rebuild while a run is going
# on cannot pull classes out from under it.
set -euo pipefail
# Every load client connects from 127.0.0.1: lift the per-address caps unless the caller set them.
export CERTSTREAM_CLIENT_MAX_STREAMS="${CERTSTREAM_CLIENT_MAX_STREAMS:-1000000}"
export CERTSTREAM_CLIENT_STREAMS_PER_MINUTE="${CERTSTREAM_CLIENT_STREAMS_PER_MINUTE:-1000000}"
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/bench/target/bench-0.1.0-SNAPSHOT-all.jar"
if [[ "${BUILD:-1}" != 0 || ! -f "$jar" ]]; then
  (cd "$root" && mvn -q -B -pl bench -am -DskipTests package)
fi
run_jar="$(mktemp -t certstream-bench.XXXXXX.jar)"
trap 'rm -f "$run_jar"' EXIT
cp "$jar" "$run_jar"
main=dev.certstream.bench.FanoutLoad
if [[ "${1:-}" == server ]]; then
  main=dev.certstream.bench.BenchServer
  shift
fi
# -Xmx1g: 500 clients need ~100 MB; the rest is headroom for bursts. Exit on OOM rather than limp on.
java ${JAVA_OPTS:--Xms256m -Xmx1g -XX:+ExitOnOutOfMemoryError} -cp "$run_jar" "$main" "$@"
