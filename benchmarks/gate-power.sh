#!/usr/bin/env bash
# Measures the regression gate's false-alarm and detection rates on this machine.
#
#   benchmarks/gate-power.sh [OUT] [BLOCKS]
#
# Runs one CI-like cell (Jedis, 4 BLPOP workers, 1,500 events/s Poisson, exp:1ms sleep work, 1 s warm-up,
# 4 s measured) in blocks of fresh JVMs: unchanged, 30 % slower work (exp:1.3ms), 15 % slower work
# (exp:1.15ms), twice as slow (exp:2ms), 50 % and 70 % slower (exp:1.5ms, exp:1.7ms), unchanged again;
# BLOCKS blocks (default 8: 16 unchanged runs, 8 of each regression).
# Then benchmarks/GatePower.java draws 3-vs-3 comparisons from that pool (disjoint repeats, as a CI A/B
# run of `repeats: 3` would have) and prints how often the gate flags each: unchanged vs unchanged (the
# false-alarm rate), and unchanged vs each regression (the detection rate). About 8 s a run on a quiet 2-core machine: 8 blocks of 7 runs in about 8 minutes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/results/gate-power-$(date -u +%Y%m%d-%H%M%S)}"
blocks="${2:-8}"
jar="$out/callq-bench.jar"
mkdir -p "$out"
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
  run "slower30/b$b" exp:1.3ms
  run "slower15/c$b" exp:1.15ms
  run "slower100/e$b" exp:2ms
  run "slower50/f$b" exp:1.5ms
  run "slower70/g$b" exp:1.7ms
  run "same/d$b" exp:1ms
  echo "block $((b + 1))/$blocks done, load $(cut -d' ' -f1-3 /proc/loadavg)"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"
java -cp "$here/target/callq-bench.jar" "$here/benchmarks/GatePower.java" "$out"
