#!/usr/bin/env bash
# One fan-out measurement on this machine: the bench server (broker + gateway + paced publisher) in one
# JVM, the load tool in another, and the CPU each used during the run.
#   bench/measure-fanout.sh RATE [load tool options...]
#   e.g. bench/measure-fanout.sh 200 --clients 500 --duration 30s --json
# SERVER_OPTS adds bench server options (e.g. "--instances 2 --metrics off"); PORT picks the port (4000);
# JAR runs another build of the bench jar (e.g. one with a prototype gateway change); BUILD=0 skips the build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rate="${1:?usage: measure-fanout.sh RATE [load tool options]}"
shift
port="${PORT:-4000}"
jar="${JAR:-$root/bench/target/bench-0.1.0-SNAPSHOT-all.jar}"
if [[ -z "${JAR:-}" && ( "${BUILD:-1}" != 0 || ! -f "$jar" ) ]]; then
  (cd "$root" && mvn -q -B -pl bench -am -DskipTests package)
fi
work="$(mktemp -d -t certstream-measure.XXXXXX)"
cp "$jar" "$work/bench.jar"
cpu_seconds() {  # user+system CPU of a process so far, in seconds
  awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"
}
java -Xms256m -Xmx1g -XX:+ExitOnOutOfMemoryError -cp "$work/bench.jar" dev.certstream.bench.BenchServer \
  --port "$port" --rate "$rate" ${SERVER_OPTS:-} 2>"$work/server.log" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do
  grep -q "bench server on port" "$work/server.log" && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.2
done
server_cpu0=$(cpu_seconds "$server")
start=$(date +%s.%N)
java -Xms256m -Xmx1g -XX:+ExitOnOutOfMemoryError -cp "$work/bench.jar" dev.certstream.bench.FanoutLoad \
  --url "ws://127.0.0.1:$port/" "$@" 2>"$work/load.log" &
load=$!
load_cpu=0
while kill -0 "$load" 2>/dev/null; do
  load_cpu=$(cpu_seconds "$load" 2>/dev/null || echo "$load_cpu")
  sleep 0.5
done
wait "$load"
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
server_cpu=$(echo "$(cpu_seconds "$server") - $server_cpu0" | bc)
echo "rate $rate/s; whole run ${elapsed%.*} s (connect + warm-up + window + drain):" \
  "server CPU ${server_cpu} s, load tool CPU >= ${load_cpu} s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E "WARN|ERROR" "$work/server.log" "$work/load.log" | head -5 || true
