#!/usr/bin/env bash
# The firehose benchmark: the CT log simulator with the firehose profile (48 logs shaped like the 2026
# log list, ~1,500 entries/s, 1-second checkpoints and STHs) in one JVM, the embedded default exactly as
# `bin/certstream run` starts it (its JVM flags from `bin/certstream flags run`, every CERTSTREAM_*
# default untouched, only the log list URL and PORT set) in another, and 100 lite, 10 full and 10
# domains-only websocket clients in a third (from 127.0.0.10 up, 50 per address: the server's per-address
# cap of 100 streams stays at its default). Every 10 s it prints freshness p50/p99 (receive time minus
# the entry's source.timestamp), delivered messages, index gaps, drops, server CPU and PSS.
#   bench/measure-firehose.sh [--duration 10m] [--catch-up-at 2m --downtime 5m] [--lite N --full N --domains N] [--json]
# SIM_ARGS: extra simulator options (e.g. "--rate-scale 2", or "--profile standard --rfc6962-logs 2
# --tiled-logs 0 --growth 50 --live-timestamps --sth-period-ms 1000" for 100 entries/s on 2 logs).
# SERVER_JAVA_OPTS: flags appended to the server's (the last occurrence wins). BUILD=0 skips the build.
# CLIENT_JAVA_OPTS replaces the clients' JVM flags: their default gives Netty pooled buffers and 1 GB of
# direct memory, since with less the clients' reads stalled in Bits.reserveMemory and the server dropped
# what they could not take (a bench artifact that once looked like a server defect).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
v=0.1.0-SNAPSHOT
if [[ "${BUILD:-1}" != 0 ]]; then
  (cd "$root" && mvn -q -B -DskipTests -pl ctlog-simulator,certstream-server,bench -am package)
fi
work="$(mktemp -d -t certstream-firehose.XXXXXX)"
# Copies: a rebuild during a 10-minute run must not change the classes under running JVMs.
for m in ctlog-simulator certstream-server bench; do
  cp "$root/$m/target/$m-$v-all.jar" "$work/$m.jar"
done
server_flags="$("$root/bin/certstream" flags run) ${SERVER_JAVA_OPTS:-}"
# The launcher's environment too (MALLOC_ARENA_MAX): without it the PSS figures were not bin/certstream run's.
server_env="$("$root/bin/certstream" env | tr '\n' ' ')"
echo "server JVM flags: $server_flags; environment: $server_env"
java ${CLIENT_JAVA_OPTS:--Xmx512m -XX:MaxDirectMemorySize=1g -Dio.netty.allocator.type=pooled} -cp "$work/bench.jar" dev.certstream.bench.firehose.FirehoseBench \
  --work "$work/server" \
  --server-cmd "env $server_env java $server_flags -jar $work/certstream-server.jar" \
  --sim-cmd "java -Xmx384m -XX:+UseSerialGC -jar $work/ctlog-simulator.jar --profile firehose ${SIM_ARGS:-}" \
  "$@"
echo "logs and the server's data directory: $work"
