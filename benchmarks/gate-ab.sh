#!/usr/bin/env bash
# Checks the same-runner A/B gate end to end on a regression in the code, not in the configuration.
#
#   benchmarks/gate-ab.sh [OUT] [ROUNDS] [DELAY_US]
#
# Makes two clones of this repository's HEAD in OUT: "same" as it is, and "slower" with one more commit
# whose workers sleep DELAY_US (default 300) µs more per event. Each round runs, on this machine,
#   callq ab --base HEAD   from the "same" build (an unchanged pair: both sides are HEAD), and
#   callq ab --base HEAD~1 from the "slower" build (the pull request adds the delay),
# on one CI cell (Jedis, 4 BLPOP workers, Poisson 1,500 events/s, exp:1ms sleep work, 4 s measured,
# 3 repeats a side: benchmarks/ci.yaml's synthetic cell), and counts how often each fails the gate.
# About 3 minutes a round on a quiet 2-core machine (each ab builds its base: ~20 s).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/results/gate-ab-$(date -u +%Y%m%d-%H%M%S)}"
rounds="${2:-5}"
delay_us="${3:-300}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

work_source=src/main/java/dev/callq/bench/run/WorkFactory.java
anchor='return () -> perThread.get().perform();'
slower="return () -> { perThread.get().perform(); java.util.concurrent.locks.LockSupport.parkNanos(${delay_us}_000L); };"

for side in same slower; do
  [[ -d "$out/$side" ]] || git clone -q "$here" "$out/$side"
done
if ! grep -qF "$slower" "$out/slower/$work_source"; then
  grep -qF "$anchor" "$out/slower/$work_source" || { echo "no '$anchor' in $work_source" >&2; exit 2; }
  python3 - "$out/slower/$work_source" "$anchor" "$slower" <<'PY'
import sys
path, anchor, slower = sys.argv[1:]
text = open(path).read()
open(path, "w").write(text.replace(anchor, slower))
PY
  git -C "$out/slower" -c user.name=gate-ab -c user.email=gate-ab@callq.invalid commit -qam "workers sleep ${delay_us} µs more per event"
fi
for side in same slower; do
  [[ -f "$out/$side/target/callq-bench.jar" ]] || (cd "$out/$side" && mvn -B -q -o -DskipTests package)
done

cat > "$out/cell.yaml" <<'YAML'
name: gate-ab
sweeps:
  - name: synthetic
    load: synthetic
    phases: {warmupSeconds: 1, durationSeconds: 4, drainTimeoutSeconds: 30}
    options: {arrivals: poisson, work: sleep}
    axes: {clients: [jedis], patterns: [blpop], workers: [4], rates: [1500], serviceTimes: ['exp:1ms'], repeats: 3}
YAML

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/load.txt"
for ((r = 0; r < rounds; r++)); do
  for side in same slower; do
    base=HEAD; [[ $side == slower ]] && base=HEAD~1
    set +e
    java -jar "$out/$side/target/callq-bench.jar" ab --base "$base" "$out/cell.yaml" --out "$out/$side-$r" \
      > "$out/$side-$r.log" 2>&1
    echo "$side round $r: exit $?" | tee -a "$out/exits.txt"
    set -e
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"
for side in same slower; do
  echo "$side: the gate failed $(grep -c "^$side round .*exit 4" "$out/exits.txt") of $rounds rounds" \
    "(other exits: $(grep "^$side round" "$out/exits.txt" | grep -vc 'exit [04]$'))"
done
