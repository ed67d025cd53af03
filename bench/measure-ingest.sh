#!/usr/bin/env bash
# Ingest ceiling of the whole server: the embedded server (watcher, broker and gateway in one JVM, no
# websocket client) following the CT log simulator in a JVM of its own, whose logs grow faster than it can
# follow, so the watcher reads, decodes, renders and publishes as fast as it can. (The simulator keeps every
# leaf hash of its Merkle trees to answer proofs: ~100 bytes per entry, 8 MB/s at this rate, so it must
# not share the server's heap, as it did with --demo.) Prints certificates processed per second over
# the window (the broker's processed_certificates in /stats), the server's CPU in cores, and its PSS.
#   bench/measure-ingest.sh [SECONDS]                      e.g. bench/measure-ingest.sh 60
#   SERVER_JAVA_OPTS=-Xmx256m bench/measure-ingest.sh 60   the same with a 256 MB heap
# RATE: entries/s each simulated log grows by (default 20000); LOGS: simulated logs of each kind (default 2,
# so 4 logs); WARMUP: seconds before the window (default 20); SERVER_JAVA_OPTS: JVM flags (default ZGC);
# BUILD=0 skips the build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-60}"
v=0.1.0-SNAPSHOT
if [[ "${BUILD:-1}" != 0 ]]; then
  (cd "$root" && mvn -q -B -DskipTests -pl ctlog-simulator,certstream-server -am package)
fi
work="$(mktemp -d -t certstream-ingest-bench.XXXXXX)"
cp "$root/certstream-server/target/certstream-server-$v-all.jar" "$work/server.jar"
cp "$root/ctlog-simulator/target/ctlog-simulator-$v-all.jar" "$work/sim.jar"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
sim_port=$(free_port)
java -Xmx4g -XX:+UseParallelGC -jar "$work/sim.jar" --port "$sim_port" --rfc6962-logs "${LOGS:-2}" \
  --tiled-logs "${LOGS:-2}" --growth "${RATE:-20000}" 2>"$work/sim.log" &
sim=$!
server=""
trap 'kill $server $sim 2>/dev/null; wait $server $sim 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do
  curl -fs "http://127.0.0.1:$sim_port/log_list.json" >/dev/null 2>&1 && break
  kill -0 "$sim" 2>/dev/null || { cat "$work/sim.log"; exit 1; }
  sleep 0.2
done
PORT="$port" CERTSTREAM_DATA_DIR="$work/var" CERTSTREAM_LOG_LIST_URL="http://127.0.0.1:$sim_port/log_list.json" \
  CERTSTREAM_POLL_INTERVAL=250ms CERTSTREAM_PARTIAL_TILE_WAIT=0 \
  java -XX:+ExitOnOutOfMemoryError ${SERVER_JAVA_OPTS:--XX:+UseZGC} -jar "$work/server.jar" 2>"$work/server.log" &
server=$!

processed() {
  curl -fs "http://127.0.0.1:$port/stats" 2>/dev/null \
    | python3 -c 'import json,sys; print(json.load(sys.stdin).get("processed_certificates",0))' 2>/dev/null || echo 0
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
pss_kb() { awk '/^Pss:/ {print $2}' "/proc/$server/smaps_rollup"; }

for _ in $(seq 1 600); do
  [[ "$(processed)" -gt 0 ]] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.2
done
sleep "${WARMUP:-20}"
n0=$(processed); c0=$(cpu_ticks); t0=$(date +%s.%N); peak=0
for _ in $(seq 1 "$seconds"); do
  sleep 1
  kill -0 "$server" 2>/dev/null || { echo "server died:"; tail -20 "$work/server.log"; exit 1; }
  p=$(pss_kb); (( p > peak )) && peak=$p
done
n1=$(processed); c1=$(cpu_ticks); t1=$(date +%s.%N); last=$(pss_kb)
hz=$(getconf CLK_TCK)
python3 - "$n0" "$n1" "$t0" "$t1" "$c0" "$c1" "$hz" "$last" "$peak" <<'PY'
import sys
n0, n1, t0, t1, c0, c1, hz, last, peak = (float(a) for a in sys.argv[1:])
wall = t1 - t0
print(f"ingest: {(n1 - n0) / wall:,.0f} certificates/s over {wall:.1f} s ({int(n1 - n0):,} processed)")
print(f"server: {(c1 - c0) / hz / wall:.2f} cores, PSS {last / 1024:.0f} MB at the end, {peak / 1024:.0f} MB at the most")
PY
