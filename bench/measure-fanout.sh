#!/usr/bin/env bash
# One fan-out measurement on this machine: the bench server (broker + gateway + paced publisher) in one
# JVM, the load tool in another, and the CPU each used during the run.
#   bench/measure-fanout.sh RATE [load tool options...]
#   e.g. bench/measure-fanout.sh 200 --clients 500 --duration 30s --json
# SERVER_OPTS adds bench server options (e.g. "--instances 2 --metrics off"); PORT picks the port (4000);
# SERVER_JAR runs the server from another build (e.g. one with a prototype gateway change); BUILD=0 skips
# the build; SERVER_JAVA_OPTS adds JVM flags to the server, LOAD_JAVA_OPTS to the load tool; SERVER_LOG_GREP
# prints the server log lines matching it at the end.
set -euo pipefail
# Every load client connects from 127.0.0.1: lift the per-address caps unless the caller set them.
export CERTSTREAM_CLIENT_MAX_STREAMS="${CERTSTREAM_CLIENT_MAX_STREAMS:-1000000}"
export CERTSTREAM_CLIENT_STREAMS_PER_MINUTE="${CERTSTREAM_CLIENT_STREAMS_PER_MINUTE:-1000000}"
root="$(cd "$(dirname "$0")/.." && pwd)"
rate="${1:?usage: measure-fanout.sh RATE [load tool options]}"
shift
port="${PORT:-4000}"
jar="$root/bench/target/bench-0.1.0-SNAPSHOT-all.jar"
if [[ "${BUILD:-1}" != 0 || ! -f "$jar" ]]; then
  (cd "$root" && mvn -q -B -pl bench -am -DskipTests package)
fi
work="$(mktemp -d -t certstream-measure.XXXXXX)"
cp "$jar" "$work/bench.jar"
cp "${SERVER_JAR:-$jar}" "$work/server.jar"
cpu_seconds() {  # user+system CPU of a process so far, in seconds
  awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"
}
java -Xms256m -Xmx1g -XX:+ExitOnOutOfMemoryError ${SERVER_JAVA_OPTS:-} -cp "$work/server.jar" dev.certstream.bench.BenchServer \
  --port "$port" --rate "$rate" ${SERVER_OPTS:-} 2>"$work/server.log" &
server=$!
# The trap must not set the exit status: wait returns 143 for the killed server, and callers use set -e.
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do
  grep -q "bench server on port" "$work/server.log" && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.2
done
busy_seconds() {  # CPU time of the whole machine (every process, every container) so far, in seconds
  awk -v hz="$(getconf CLK_TCK)" '/^cpu /{print ($2 + $3 + $4 + $7 + $8 + $9) / hz}' /proc/stat
}
java -Xms256m -Xmx1g -XX:+ExitOnOutOfMemoryError ${LOAD_JAVA_OPTS:-} -cp "$work/bench.jar" dev.certstream.bench.FanoutLoad \
  --url "ws://127.0.0.1:$port/" "$@" 2>"$work/load.log" &
load=$!
# CPU is sampled when the tool logs the start and the end of its window, so it covers the window only.
phase=0
while kill -0 "$load" 2>/dev/null; do
  if [[ $phase == 0 ]] && grep -q "measuring for" "$work/load.log"; then
    s0=$(cpu_seconds "$server"); l0=$(cpu_seconds "$load"); b0=$(busy_seconds); t0=$(date +%s.%N); phase=1
  elif [[ $phase == 1 ]] && grep -q "window ended" "$work/load.log"; then
    s1=$(cpu_seconds "$server"); l1=$(cpu_seconds "$load"); b1=$(busy_seconds); t1=$(date +%s.%N); phase=2
  fi
  sleep 0.1
done
wait "$load"
if [[ $phase == 2 ]]; then
  echo "$rate $s0 $s1 $l0 $l1 $b0 $b1 $t0 $t1 $(nproc)" | awk '{w = $9 - $8; s = $3 - $2; l = $5 - $4; o = ($7 - $6) - s - l;
    printf "rate %s/s, window CPU in cores (of %d): server %.2f, load tool %.2f, everything else %.2f (other tenants and loopback softirq)\n",
      $1, $10, s / w, l / w, o / w}'
  msgs=$(grep -o "window ended: [0-9]*" "$work/load.log" | grep -o "[0-9]*$")
  echo "$s0 $s1 $l0 $l1 $msgs" | awk '$5 > 0 {printf "CPU per delivered message: server %.1f us, load tool %.1f us\n", ($2 - $1) * 1e6 / $5, ($4 - $3) * 1e6 / $5}'
fi
if [[ -n "${SERVER_LOG_GREP:-}" ]]; then grep -h "$SERVER_LOG_GREP" "$work/server.log" || true; fi
grep -E "WARN|ERROR" "$work/server.log" "$work/load.log" | head -5 || true
