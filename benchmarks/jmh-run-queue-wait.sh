#!/usr/bin/env bash
# How much of a JMH RPUSH+BLPOP round trip is spent waiting for a CPU? Runs roundTripRpushBlpop for one
# client (1 fork, 4 x 1 s warm-up, 4 x 1 s measured, about 15 s) and reads, at the first and the last
# measured iteration, the run-queue wait (the second field of /proc/<pid>/task/<tid>/schedstat: time a
# runnable thread waited for a CPU) of the benchmark thread, the client's Netty event loops and
# redis-server. Printed per round trip beside the score: on a quiet machine the waits are near zero; when
# they are most of the score, the score measures the machine's load, not the client.
#
# HOW TO RUN THIS: mvn -B -q -o -DskipTests package && benchmarks/jmh-run-queue-wait.sh lettuce
set -euo pipefail
client="${1:?usage: benchmarks/jmh-run-queue-wait.sh jedis|lettuce|redisson}"
here="$(cd "$(dirname "$0")/.." && pwd)"
log="$(mktemp /tmp/jmh-run-queue-wait.XXXXXX)"
trap 'rm -f "$log"' EXIT
java -cp "$here/target/callq-bench.jar" org.openjdk.jmh.Main roundTripRpushBlpop -p "client=$client" \
    -f 1 -wi 4 -w 1 -i 4 -r 1 >"$log" 2>&1 &
jmh=$!

# Microseconds waited for a CPU by: the benchmark thread, the event loops, redis-server; then the benchmark
# thread's running time. Fails while a process is not there (yet or any more).
waits() {
  local fork=$1 redis=$2 bench=0 loops=0 benchRun=0 name run wait slices
  for task in /proc/"$fork"/task/*; do
    name=$(cat "$task/comm" 2>/dev/null) || continue
    read -r run wait slices <"$task/schedstat" 2>/dev/null || continue
    case "$name" in
      dev.callq.bench*) bench=$((bench + wait)); benchRun=$((benchRun + run)) ;;  # JMH's worker thread
      lettuce*|redisson*) loops=$((loops + wait)) ;;
    esac
  done
  read -r run wait slices <"/proc/$redis/schedstat" || return 1
  [ "$bench" -gt 0 ] || return 1
  echo "$((bench / 1000)) $((loops / 1000)) $((wait / 1000)) $((benchRun / 1000))"
}

fork=""; redis=""; first=""; last=""
while kill -0 "$jmh" 2>/dev/null; do
  [ -n "$fork" ] || fork=$(pgrep -f -P "$jmh" ForkedMain | head -1 || true)
  [ -z "$fork" ] || [ -n "$redis" ] || redis=$(pgrep -P "$fork" redis-server | head -1 || true)
  if [ -n "$redis" ] && grep -q "^Iteration   1:" "$log"; then
    now=$(waits "$fork" "$redis" 2>/dev/null || true)
    [ -n "$first" ] || first="$now"
    [ -z "$now" ] || last="$now"
  fi
  grep -q "^Iteration   4: [0-9]" "$log" && break
  sleep 0.1
done
wait "$jmh" || { cat "$log"; exit 1; }
score=$(grep -A1 "^Benchmark " "$log" | tail -1 | awk '{print $5}')
grep "^Iteration" "$log" | tr '\n' ' '; echo
python3 - "$first" "$last" "$score" "$client" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import sys
first, last = (list(map(int, a.split())) for a in sys.argv[1:3])
score = float(sys.argv[3])
round_trips = 4e6 / score  # four 1 s iterations
bench, loops, redis, run = ((b - a) / round_trips for a, b in zip(first, last))
print(f"{sys.argv[4]}: {score:.1f} µs/op; per round trip waited for a CPU: benchmark thread {bench:.1f} µs "
      f"(ran {run:.1f} µs), event loops {loops:.1f} µs, redis-server {redis:.1f} µs; load average {sys.argv[5]}")
PY
