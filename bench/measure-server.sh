#!/usr/bin/env bash
# Fan-out of the embedded default as `bin/certstream run` starts it (its JVM flags from
# `bin/certstream flags run`, every CERTSTREAM_* default untouched but the log list, the port, the data
# directory and the per-address caps the load clients would hit), following the CT log simulator in a
# JVM of its own (2 RFC 6962 and 2 tiled logs growing at RATE certificates/s in all, 1-second STHs and
# checkpoints), and the fan-out load tool in a third. Prints the tool's delivery and lag figures, and the
# server's CPU (cores) and PSS over the tool's measured window, and the load tool's CPU (it shares the machine).
#   bench/measure-server.sh RATE [load tool options...]     e.g. bench/measure-server.sh 100 --clients 500
# SERVER_JAVA_OPTS: flags appended to the server's (the last occurrence wins); LOAD_JAVA_OPTS: the load
# tool's; SIM_ARGS: extra simulator options (e.g. --aligned-heads: all 4 logs publish at one moment);
# BUILD=0 skips the build.
set -euo pipefail
# Every load client connects from 127.0.0.1: lift the per-address caps unless the caller set them.
export CERTSTREAM_CLIENT_MAX_STREAMS="${CERTSTREAM_CLIENT_MAX_STREAMS:-1000000}"
export CERTSTREAM_CLIENT_STREAMS_PER_MINUTE="${CERTSTREAM_CLIENT_STREAMS_PER_MINUTE:-1000000}"
root="$(cd "$(dirname "$0")/.." && pwd)"
rate="${1:?usage: measure-server.sh RATE [load tool options]}"
shift
v=0.1.0-SNAPSHOT
if [[ "${BUILD:-1}" != 0 ]]; then
  (cd "$root" && mvn -q -B -DskipTests -pl ctlog-simulator,certstream-server,bench -am package)
fi
work="$(mktemp -d -t certstream-server-bench.XXXXXX)"
for m in ctlog-simulator certstream-server bench; do
  cp "$root/$m/target/$m-$v-all.jar" "$work/$m.jar"
done
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpu_seconds() {  # user+system CPU of a process so far, in seconds
  awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"
}
pss_mb() { awk '/^Pss:/ {print int($2 / 1024)}' "/proc/$1/smaps_rollup"; }
sim_port=$(free_port)
port=$(free_port)
java -Xmx384m -XX:+UseSerialGC -jar "$work/ctlog-simulator.jar" --port "$sim_port" --rfc6962-logs 2 --tiled-logs 2 \
  --growth "$(python3 -c "print($rate / 4)")" --sth-period-ms 1000 --checkpoint-period-ms 1000 --live-timestamps ${SIM_ARGS:-} \
  2>"$work/sim.log" &
sim=$!
server=""
trap 'kill $server $sim 2>/dev/null; wait $server $sim 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do
  curl -fs "http://127.0.0.1:$sim_port/log_list.json" >/dev/null 2>&1 && break
  kill -0 "$sim" 2>/dev/null || { cat "$work/sim.log"; exit 1; }
  sleep 0.2
done
server_flags="$("$root/bin/certstream" flags run) ${SERVER_JAVA_OPTS:-}"
# The launcher's environment too (MALLOC_ARENA_MAX), so that the server runs as bin/certstream runs it.
server_env="$("$root/bin/certstream" env | tr '\n' ' ')"
echo "server JVM flags: $server_flags; environment: $server_env"
env $server_env PORT="$port" CERTSTREAM_DATA_DIR="$work/var" CERTSTREAM_LOG_LIST_URL="http://127.0.0.1:$sim_port/log_list.json" \
  java $server_flags -jar "$work/certstream-server.jar" 2>"$work/server.log" &
server=$!
for _ in $(seq 1 600); do
  n=$(curl -fs "http://127.0.0.1:$port/stats" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin).get("processed_certificates",0))' 2>/dev/null || echo 0)
  [[ "$n" -gt 0 ]] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.2
done
java -Xms256m -Xmx1g -XX:+ExitOnOutOfMemoryError ${LOAD_JAVA_OPTS:-} -jar "$work/bench.jar" \
  --url "ws://127.0.0.1:$port/" "$@" 2>"$work/load.log" &
load=$!
# CPU is sampled when the tool logs the start and the end of its window, so it covers the window only.
phase=0 peak=0
while kill -0 "$load" 2>/dev/null; do
  if [[ $phase == 0 ]] && grep -q "measuring for" "$work/load.log"; then
    s0=$(cpu_seconds "$server"); l0=$(cpu_seconds "$load"); t0=$(date +%s.%N); phase=1
  elif [[ $phase == 1 ]] && grep -q "window ended" "$work/load.log"; then
    s1=$(cpu_seconds "$server"); l1=$(cpu_seconds "$load"); t1=$(date +%s.%N); phase=2
  fi
  if [[ $phase == 1 ]]; then
    p=$(pss_mb "$server"); [[ "$p" -gt "$peak" ]] && peak=$p
  fi
  sleep 0.1
done
wait "$load" || true
if [[ $phase == 2 ]]; then
  echo "$s0 $s1 $t0 $t1 $l0 $l1" | awk -v peak="$peak" '{printf "server over the window: %.3f cores, PSS peak %d MB (load tool: %.2f cores)\n", ($2 - $1) / ($4 - $3), peak, ($6 - $5) / ($4 - $3)}'
fi
curl -fs "http://127.0.0.1:$port/stats" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("server: processed", d["processed_certificates"], "dropped", d["dropped_messages"]["total"], "shed", d["dropped_messages"].get("shed_certificates"))'
grep -E "WARN|ERROR" "$work/server.log" | grep -v CERTSTREAM_CONTACT | head -5 || true
