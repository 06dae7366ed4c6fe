#!/usr/bin/env bash
# What the harness costs per event, before and after a change, in one window: issue 22's goals.
#
#   benchmarks/harness-cost.sh [BEFORE] [OUT] [ROUNDS]
#
# BEFORE (default c84647c, the commit the cost work started from) is built in a clone under /tmp with the
# commit that split the JVM's cost by group of threads put on top (it measures and changes nothing else),
# so that both sides report the same figures. The working tree's HEAD is "after". Then, alternating
# before/after ROUNDS times (default 2):
#   callq run --load synthetic --client jedis --workers 8 --rate 20000 --duration 10
# and once each, max-rate for Jedis and Lettuce BLPOP (8 workers, p99 <= 100 ms, 10 % precision), with
# redis-benchmark's LPUSH, 50 clients, beside them. It prints one table, the goals checked, and the load
# average at each figure: above 1 (2 cores), the machine was shared and the figures are noisy.
# About 10 minutes on a quiet 2-core machine.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
before="${1:-c84647c}"
out="${2:-$here/results/harness-cost-$(date -u +%Y%m%d-%H%M%S)}"
rounds="${3:-2}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
split_message='Cost per 1,000 events split by group of threads'

# --- the two builds ---------------------------------------------------------------------------------
before_dir="/tmp/callq-before-$before"
if [[ ! -f "$before_dir/target/callq-bench.jar" ]]; then
  rm -rf "$before_dir"
  git clone -q "$here" "$before_dir"
  git -C "$before_dir" checkout -q "$before"
  if [[ ! -f "$before_dir/src/main/java/dev/callq/bench/measure/ThreadCpu.java" ]]; then
    split="$(git -C "$here" log --format=%H --grep="$split_message" -1)"
    [[ -n "$split" ]] || { echo "no commit '$split_message' in $here" >&2; exit 2; }
    git -C "$before_dir" -c user.name=harness-cost -c user.email=harness-cost@callq.invalid cherry-pick -X theirs "$split" >/dev/null
  fi
  (cd "$before_dir" && mvn -B -q -o -DskipTests package)
fi
after_jar="$here/target/callq-bench.jar"
(cd "$here" && [[ -f "$after_jar" ]] || mvn -B -q -o -DskipTests package)
before_jar="$before_dir/target/callq-bench.jar"
echo "before: $before (+ the cost split) in $before_dir; after: $(git -C "$here" rev-parse --short HEAD) in $here" \
  | tee "$out/builds.txt"

load() { cut -d' ' -f1 /proc/loadavg; }

# --- 20,000 events/s, 8 Jedis workers ------------------------------------------------------------------
run_20k() {  # side jar round
  local dir="$out/run-$1-$3"
  local load_before; load_before="$(load)"
  java -jar "$2" run --load synthetic --client jedis --workers 8 --rate 20000 --duration 10 --out "$dir" \
    > "$dir.log" 2>&1 || true
  echo "$load_before $(load)" > "$dir.load"
}
for ((r = 0; r < rounds; r++)); do
  run_20k before "$before_jar" "$r"
  run_20k after "$after_jar" "$r"
done

# --- max-rate, and redis-benchmark in the same window ---------------------------------------------------
for side in before after; do
  jar="$before_jar"; [[ $side == after ]] && jar="$after_jar"
  for client in jedis lettuce; do
    dir="$out/max-rate-$side-$client"
    load_before="$(load)"
    java -jar "$jar" max-rate --client "$client" --workers 8 --slo p99=100ms --start-rate 5000 --max-rate 80000 \
      --precision 0.1 --confirmations 1 --max-probes 12 --duration 4 --out "$dir" > "$dir.log" 2>&1 || true
    echo "$load_before $(load)" > "$dir.load"
  done
done
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
redis-server --port "$port" --save '' --appendonly no --daemonize no > "$out/redis-benchmark-server.log" 2>&1 &
redis_pid=$!
trap 'kill "$redis_pid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do redis-cli -p "$port" ping > /dev/null 2>&1 && break; sleep 0.1; done
load_before="$(load)"
redis-benchmark -p "$port" -c 50 -n 300000 -t lpush -q > "$out/redis-benchmark.txt" 2>&1
echo "$load_before $(load)" > "$out/redis-benchmark.load"
kill "$redis_pid"; wait "$redis_pid" 2>/dev/null || true
trap - EXIT

# --- the table ---------------------------------------------------------------------------------------
python3 - "$out" "$rounds" <<'PY'
import json, os, re, sys
out, rounds = sys.argv[1], int(sys.argv[2])

def client(path):
    try:
        return json.load(open(os.path.join(path, "summary.json")))["clients"][0]
    except (OSError, KeyError, IndexError, ValueError):
        return None

def load(path):
    try:
        return open(path + ".load").read().split()
    except OSError:
        return ["?", "?"]

def share(c, role):
    s = (c.get("cost") or {}).get("threads", {}).get(role)
    return None if s is None else s["userCpuMsPer1k"] + s["systemCpuMsPer1k"]

def fmt(v, digits=1):
    return "-" if v is None else f"{v:.{digits}f}"

rows = []
for side in ("before", "after"):
    for r in range(rounds):
        path = os.path.join(out, f"run-{side}-{r}")
        c = client(path)
        if c is None:
            rows.append((side, r, None, load(path)))
            continue
        cost = c.get("cost") or {}
        jvm = (cost.get("jvmUserCpuMsPer1k") or 0) + (cost.get("jvmSystemCpuMsPer1k") or 0)
        lag = c["producer"]["lagMicros"]
        rows.append((side, r, dict(jvm=jvm, producer=share(c, "producer"), workers=share(c, "workers"),
                                   harness=share(c, "harness"), untracked=cost.get("untrackedCpuMsPer1k"),
                                   alloc=cost.get("jvmAllocatedKbPer1k"), lag50=lag["p50"], lag99=lag["p99"],
                                   e2d99=c["latencyMicros"]["enqueueToDequeue"]["p99"],
                                   trustworthy=not c.get("warnings") or not any(
                                       w.startswith(("FAILED", "PRODUCER FELL", "NOT SUSTAINED")) for w in c["warnings"]),
                                   throughput=c["throughputPerSec"]), load(path)))

print()
print("20,000 events/s, 8 Jedis workers, 10 s (per 1,000 events: ms of CPU = µs per event)")
head = ["side", "JVM CPU", "producer", "workers", "harness", "GC/JIT/VM", "alloc KiB", "lag p50 µs",
        "lag p99 µs", "e2d p99 µs", "events/s", "load"]
print("  ".join(f"{h:>10}" for h in head))
for side, r, f, ld in rows:
    if f is None:
        print(f"{side:>10}  run {r} failed (see its log)")
        continue
    cells = [side, fmt(f["jvm"]), fmt(f["producer"]), fmt(f["workers"]), fmt(f["harness"]), fmt(f["untracked"]),
             fmt(f["alloc"], 0), str(f["lag50"]), str(f["lag99"]), str(f["e2d99"]), fmt(f["throughput"], 0),
             f"{ld[0]}-{ld[1]}"]
    print("  ".join(f"{c:>10}" for c in cells))

def best(side, key):
    values = [f[key] for s, _, f, _ in rows if s == side and f is not None and f[key] is not None]
    return min(values) if values else None

print()
print("goals (after, best round; from about 52 ms per 1,000 before):")
checks = [("producer CPU < 5 µs/event", best("after", "producer"), 5),
          ("producer lag p99 < 2 ms", None if best("after", "lag99") is None else best("after", "lag99") / 1000, 2),
          ("harness threads < 3 µs/event", best("after", "harness"), 3),
          ("JVM CPU <= 26 ms per 1,000", best("after", "jvm"), 26)]
for name, value, limit in checks:
    mark = "?" if value is None else ("✓" if value < limit or (name.startswith("JVM") and value <= limit) else "✗")
    print(f"  {mark} {name}: {fmt(value, 2)}")
if best("before", "jvm") and best("after", "jvm"):
    print(f"  JVM CPU per event, after / before (best rounds): {best('after', 'jvm') / best('before', 'jvm'):.2f}")

print()
print("max-rate, BLPOP, 8 workers, p99 <= 100 ms (events/s)      load")
for side in ("before", "after"):
    for cl in ("jedis", "lettuce"):
        path = os.path.join(out, f"max-rate-{side}-{cl}")
        try:
            answer = json.load(open(os.path.join(path, "max-rate.json")))
            rate = str(answer["maxRatePerSec"]) if answer.get("converged") else "NOT CONVERGED"
        except (OSError, ValueError, KeyError):
            rate = "-"
        ld = load(path)
        print(f"  {side:<7} {cl:<8} {rate:>13}                               {ld[0]}-{ld[1]}")
try:
    text = open(os.path.join(out, "redis-benchmark.txt")).read()
    rps = re.findall(r"LPUSH: ([0-9.]+) requests per second", text)
    ld = load(os.path.join(out, "redis-benchmark"))
    print(f"  redis-benchmark LPUSH -c 50: {rps[-1] if rps else '?'} requests/s          {ld[0]}-{ld[1]}")
except OSError:
    pass
print()
print(f"load average (1 min) on 2 cores: figures taken above 1 are noisy. Raw results: {out}")
PY
