#!/usr/bin/env bash
# Measures the CI gates' error rates on this machine: the A/B gate's false alarms (A/A: unchanged against
# unchanged) and detection rates (A/B: work 10 %, 20 % and 30 % slower), and the same for change points
# over a history (a 12 + 8 run history with the step at run 13; 20 unchanged runs).
#
#   benchmarks/gate-error-rates.sh [OUT] [BLOCKS]
#
# Runs one CI cell (Jedis, 4 BLPOP workers, Poisson 1,500 events/s, sleep work, 1 s warm-up, 4 s measured:
# benchmarks/ci.yaml's synthetic cell) in blocks of fresh JVMs: unchanged (exp:1ms), 10 % slower work
# (exp:1.1ms), 20 % (exp:1.2ms), 30 % (exp:1.3ms), unchanged again; BLOCKS blocks (default 12: 24 unchanged
# runs, 12 of each regression). Interleaving the kinds in blocks spreads the machine's drift over all of
# them. Then benchmarks/GatePower.java draws 3-vs-3 and 5-vs-5 comparisons from the pool, judged as
# `callq ab` judges them (Tolerance.DEFAULT), and benchmarks/HistoryPower.java draws histories judged as
# `callq history` judges them (p ≤ 0.001, change ≥ 5 %).
# About 10 s a run on a quiet 2-core machine: 12 blocks of 5 runs in about 10 minutes. Run it on the
# machine that gates, when it is quiet (the load average before and after is printed): on a machine
# shared with other jobs the runs measure the neighbours.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/results/gate-error-rates-$(date -u +%Y%m%d-%H%M%S)}"
blocks="${2:-12}"
mkdir -p "$out"
jar="$out/callq-bench.jar"
# A copy, so that a rebuild while the pool runs changes nothing.
[[ -f "$jar" ]] || cp "$here/target/callq-bench.jar" "$jar"

run() { # folder service-time
  [[ -f "$out/$1/summary.json" ]] && return 0
  mkdir -p "$(dirname "$out/$1")"
  java -jar "$jar" run --load synthetic --client jedis --pattern blpop --workers 4 --rate 1500 \
    --arrivals poisson --work sleep --service-time "$2" --warmup 1 --warmup-max 3 --duration 4 \
    --out "$out/$1" > "$out/$1.log" 2>&1 || echo "run $1 exited $?" >&2
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/load.txt"
for ((b = 0; b < blocks; b++)); do
  run "same/a$b" exp:1ms
  run "slower10/b$b" exp:1.1ms
  run "slower20/c$b" exp:1.2ms
  run "slower30/d$b" exp:1.3ms
  run "same/e$b" exp:1ms
  echo "block $((b + 1))/$blocks done, load $(cut -d' ' -f1-3 /proc/loadavg)"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"
java -cp "$jar" "$here/benchmarks/GatePower.java" "$out" | tee "$out/gate.txt"
java -cp "$jar" "$here/benchmarks/HistoryPower.java" "$out" | tee "$out/history.txt"
