#!/usr/bin/env bash
# The clustered path against the single JVM, on this machine: a CT log simulator growing at RATE
# certificates/s in all (4 logs), followed once by `bin/certstream run` (one JVM, local event bus) and
# once by a watcher JVM, a broker JVM and a gateway JVM joined by the Hazelcast-clustered event bus.
# Each time the fan-out load tool (CLIENTS websocket clients on /) reports the certificates delivered per
# second and the lag from the watcher's `seen` stamp to the client, so the difference is what the bus
# hop adds.
#   bench/measure-cluster.sh [RATE] [DURATION]      e.g. bench/measure-cluster.sh 400 30s
# CLIENTS (default 20), WARMUP (default 15s: the JVMs start cold), BUILD=0 skips the build.
set -euo pipefail
# Every load client connects from 127.0.0.1: lift the per-address caps unless the caller set them.
export CERTSTREAM_CLIENT_MAX_STREAMS="${CERTSTREAM_CLIENT_MAX_STREAMS:-1000000}"
export CERTSTREAM_CLIENT_STREAMS_PER_MINUTE="${CERTSTREAM_CLIENT_STREAMS_PER_MINUTE:-1000000}"
root="$(cd "$(dirname "$0")/.." && pwd)"
rate="${1:-400}"
duration="${2:-30s}"
clients="${CLIENTS:-20}"
v=0.1.0-SNAPSHOT
if [[ "${BUILD:-1}" != 0 ]]; then
  (cd "$root" && mvn -q -B -DskipTests -pl ctlog-simulator,watcher-verticle,broker-verticle,gateway-verticle,certstream-server,bench -am package)
fi
work="$(mktemp -d -t certstream-cluster.XXXXXX)"
for m in ctlog-simulator watcher-verticle broker-verticle gateway-verticle certstream-server bench; do
  cp "$root/$m/target/$m-$v-all.jar" "$work/$m.jar"
done
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() {  # url deadline-seconds
  for _ in $(seq 1 $(($2 * 5))); do
    curl -fs "$1" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "no answer from $1" >&2; return 1
}
wait_flowing() {  # gateway port: until the broker has counted certificates
  for _ in $(seq 1 300); do
    n=$(curl -fs "http://127.0.0.1:$1/stats" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin).get("processed_certificates",0))' 2>/dev/null || echo 0)
    [[ "$n" -gt 0 ]] && return 0
    sleep 0.2
  done
  echo "no certificates flowing on port $1" >&2; return 1
}
jvm="-Xmx512m -XX:+ExitOnOutOfMemoryError"
sim_port=$(free_port)
growth=$(python3 -c "print($rate / 4)")
java $jvm -jar "$work/ctlog-simulator.jar" --port "$sim_port" --rfc6962-logs 2 --tiled-logs 2 --growth "$growth" \
  --checkpoint-period-ms 250 --page-cap 1000 --initial-size 1000 2>"$work/sim.log" &
pids+=($!)
wait_http "http://127.0.0.1:$sim_port/log_list.json" 120
common=(CERTSTREAM_LOG_LIST_URL="http://127.0.0.1:$sim_port/log_list.json" CERTSTREAM_POLL_INTERVAL=250ms
        CERTSTREAM_PARTIAL_TILE_WAIT=0 CERTSTREAM_HEARTBEAT_INTERVAL=0)

load() {  # port label
  echo "== $2: $rate certificates/s, $clients clients on /, $duration"
  java $jvm -jar "$work/bench.jar" --url "ws://127.0.0.1:$1/" --clients "$clients" --duration "$duration" --warmup "${WARMUP:-15s}" \
    2>"$work/load-$2.log" | grep -E "delivered|lag ms|index gaps"
}

# 1. One JVM: watcher, broker and gateway on the local event bus.
port=$(free_port)
env "${common[@]}" PORT="$port" CERTSTREAM_DATA_DIR="$work/single" java $jvm -jar "$work/certstream-server.jar" 2>"$work/single.log" &
single=$!; pids+=($single)
wait_http "http://127.0.0.1:$port/ready" 120 && wait_flowing "$port"
load "$port" "single JVM"
kill "$single"; wait "$single" 2>/dev/null || true

# 2. Three JVMs on the clustered event bus.
cluster=(CERTSTREAM_CLUSTER_NAME="bench-$RANDOM-$$" CERTSTREAM_CLUSTER_PORT=$((20000 + RANDOM % 20000)))
hp1=$(free_port); hp2=$(free_port); port=$(free_port)
env "${common[@]}" "${cluster[@]}" CERTSTREAM_HEALTH_PORT="$hp1" CERTSTREAM_DATA_DIR="$work/w" \
  java $jvm -jar "$work/watcher-verticle.jar" watcher 2>"$work/watcher.log" & pids+=($!)
env "${cluster[@]}" CERTSTREAM_HEALTH_PORT="$hp2" java $jvm -jar "$work/broker-verticle.jar" 2>"$work/broker.log" & pids+=($!)
env "${cluster[@]}" CERTSTREAM_HEARTBEAT_INTERVAL=0 PORT="$port" java $jvm -jar "$work/gateway-verticle.jar" 2>"$work/gateway.log" & pids+=($!)
wait_http "http://127.0.0.1:$port/ready" 180 && wait_flowing "$port"
load "$port" "cluster (watcher JVM -> gateway JVM)"
