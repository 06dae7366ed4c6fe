#!/usr/bin/env bash
# Where does the latency go, and does the instrumentation that tells cost anything?
# Runs every client on the synthetic load at a low and a high rate, each REPEATS times, prints each
# run's latency split (p50/p99 per part), throughput and the producer's lag, and the load average.
#
# HOW TO RUN THIS: benchmarks/latency-split.sh [OUT_DIR] [RATES] [REPEATS]
#   e.g. benchmarks/latency-split.sh /tmp/split "1000 30000" 3
#   CALLQ_LATENCY_SPLIT=off benchmarks/latency-split.sh /tmp/nosplit "20000" 3   (without the instrumentation)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-results/latency-split}"
rates="${2:-1000 30000}"
repeats="${3:-3}"
workers="${WORKERS:-8}"
duration="${DURATION:-10}"
mkdir -p "$out"
for rate in $rates; do
  for repeat in $(seq 1 "$repeats"); do
    dir="$out/rate-$rate-run-$repeat"
    echo "== rate $rate run $repeat, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
    "$here/callq" run --load synthetic --client all --workers "$workers" --rate "$rate" \
        --duration "$duration" --out "$dir" >"$dir.log" 2>&1 || echo "   (exit $?)"
    python3 - "$dir/summary.json" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1]))
for c in summary["clients"]:
    split = c.get("latencySplit") or {}
    parts = "  ".join(f"{name} {p['p50Micros']}/{p['p99Micros']}" for name, p in split.items())
    lag = c["producer"]["lagMicros"]
    print(f"   {c['client']:8} {c['throughputPerSec']:9.0f}/s  e2d p50/p99 "
          f"{c['latencyMicros']['enqueueToDequeue']['p50']}/{c['latencyMicros']['enqueueToDequeue']['p99']} µs  "
          f"producer {c['producer'].get('client')} lag {lag['p50']}/{lag['p99']} µs  split(p50/p99 µs): {parts}")
PY
  done
done
