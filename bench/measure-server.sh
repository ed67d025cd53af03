#!/usr/bin/env bash
# Fan-out of the real server: `bin/certstream run --demo` (watcher, broker, gateway and the CT log simulator
# in one JVM, the simulator growing at RATE certificates/s in all over its 4 logs) and the fan-out load
# tool in another JVM on the same machine.
#   bench/measure-server.sh RATE [load tool options...]     e.g. bench/measure-server.sh 200 --clients 500
# SERVER_JAVA_OPTS / LOAD_JAVA_OPTS: JVM flags (default ZGC for both); BUILD=0 skips the build.
set -euo pipefail
# Every load client connects from 127.0.0.1: lift the per-address caps unless the caller set them.
export CERTSTREAM_CLIENT_MAX_STREAMS="${CERTSTREAM_CLIENT_MAX_STREAMS:-1000000}"
export CERTSTREAM_CLIENT_STREAMS_PER_MINUTE="${CERTSTREAM_CLIENT_STREAMS_PER_MINUTE:-1000000}"
root="$(cd "$(dirname "$0")/.." && pwd)"
rate="${1:?usage: measure-server.sh RATE [load tool options]}"
shift
v=0.1.0-SNAPSHOT
if [[ "${BUILD:-1}" != 0 ]]; then
  (cd "$root" && mvn -q -B -DskipTests -pl certstream-server,bench -am package)
fi
work="$(mktemp -d -t certstream-server-bench.XXXXXX)"
cp "$root/certstream-server/target/certstream-server-$v-all.jar" "$work/server.jar"
cp "$root/bench/target/bench-$v-all.jar" "$work/bench.jar"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
PORT="$port" CERTSTREAM_DATA_DIR="$work/var" CERTSTREAM_DEMO_RATE=$((rate / 4)) CERTSTREAM_POLL_INTERVAL=250ms \
  CERTSTREAM_PARTIAL_TILE_WAIT=0 java -Xmx1g -XX:+ExitOnOutOfMemoryError ${SERVER_JAVA_OPTS:--XX:+UseZGC} \
  -jar "$work/server.jar" --demo 2>"$work/server.log" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do
  n=$(curl -fs "http://127.0.0.1:$port/stats" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin).get("processed_certificates",0))' 2>/dev/null || echo 0)
  [[ "$n" -gt 0 ]] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.2
done
java -Xms256m -Xmx1g -XX:+ExitOnOutOfMemoryError ${LOAD_JAVA_OPTS:--XX:+UseZGC} -jar "$work/bench.jar" \
  --url "ws://127.0.0.1:$port/" "$@" 2>"$work/load.log"
curl -fs "http://127.0.0.1:$port/stats" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("server: processed", d["processed_certificates"], "dropped", d["dropped_messages"]["total"])'
