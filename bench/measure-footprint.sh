#!/usr/bin/env bash
# Memory footprint of the embedded default under different JVM flags: the CT log simulator with the
# firehose profile (~1,500 entries/s over 48 logs) in one JVM, the server in another with no clients,
# one flag set after the other. For each: mean and peak PSS (/proc/<pid>/smaps_rollup) over a window
# after a warm-up, the server's CPU, and the heap /stats reports at the end.
#   bench/measure-footprint.sh ["FLAGS" ...]     default: the launcher's flags with Serial, G1 and ZGC
# WARMUP (30), WINDOW (60) in seconds; BUILD=0 skips the build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
v=0.1.0-SNAPSHOT
if [[ "${BUILD:-1}" != 0 ]]; then
  (cd "$root" && mvn -q -B -DskipTests -pl ctlog-simulator,certstream-server -am package)
fi
work="$(mktemp -d -t certstream-footprint.XXXXXX)"
cp "$root/ctlog-simulator/target/ctlog-simulator-$v-all.jar" "$work/sim.jar"
cp "$root/certstream-server/target/certstream-server-$v-all.jar" "$work/server.jar"
base="$(JAVA_OPTS= "$root/bin/certstream" flags run | sed 's/-XX:+Use[A-Za-z0-9]*GC//')"
if [[ $# -eq 0 ]]; then
  set -- "$base -XX:+UseSerialGC" "$base -XX:+UseG1GC" "$base -XX:+UseZGC" "-XX:+UseZGC"
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
sim_port=$(free_port)
java -Xmx384m -XX:+UseSerialGC -jar "$work/sim.jar" --profile firehose --port "$sim_port" >"$work/sim.out" 2>"$work/sim.log" &
sim=$!
trap 'kill $sim 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$sim_port/log_list.json" >/dev/null && break; sleep 0.2; done
for flags in "$@"; do
  port=$(free_port)
  rm -rf "$work/var"
  (cd "$work" && env $("$root/bin/certstream" env) PORT="$port" \
    CERTSTREAM_LOG_LIST_URL="http://127.0.0.1:$sim_port/log_list.json" exec java $flags -jar server.jar) \
    >"$work/server.out" 2>"$work/server.log" &
  server=$!
  sleep "${WARMUP:-30}"
  cpu0=$(awk '{print $14+$15}' "/proc/$server/stat")
  sum=0; n=0; peak=0
  for _ in $(seq 1 $(( ${WINDOW:-60} / 5 ))); do
    sleep 5
    pss=$(awk '/^Pss:/{print $2}' "/proc/$server/smaps_rollup")
    sum=$((sum + pss)); n=$((n + 1)); (( pss > peak )) && peak=$pss
  done
  cpu1=$(awk '{print $14+$15}' "/proc/$server/stat")
  heap=$(curl -fs "http://127.0.0.1:$port/stats" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["memory"]["heap"]["used"]//1000000, "MB heap used,", d["processed_certificates"], "certificates")')
  echo "PSS mean $((sum / n / 1024)) MB, peak $((peak / 1024)) MB; server $(python3 -c "print(round(($cpu1-$cpu0)/100/${WINDOW:-60}, 2))") cores; $heap  <- $flags"
  kill "$server"; wait "$server" 2>/dev/null || true
done
