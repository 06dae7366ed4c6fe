#!/usr/bin/env bash
# Checks change-point detection over a history of real runs: does `callq history` name the commit where the
# consumer got slower, and only that one, and name nothing on a history where nothing changed?
#
#   benchmarks/history-step.sh [OUT] [BEFORE] [AFTER] [FLAT]
#
# Makes a git repository in OUT/step-repo whose every commit is one CI run: BEFORE (default 12) commits whose
# cell has the usual work (exp:1ms per event), then AFTER (default 8) whose work is 20 % slower (exp:1.2ms).
# For each commit it measures one short CI cell (Jedis, 4 BLPOP workers, Poisson 1,500 events/s, sleep work,
# 1 s warm-up, 5 s measured: benchmarks/ci.yaml's synthetic cell) and appends it to OUT/step-history with
#   callq history OUT/step-history --add RUN --commit SHA --gate
# as the workflow does on a push, recording whether that push would have failed. Then the same for FLAT
# (default 20) commits of unchanged work in OUT/flat-repo and OUT/flat-history.
# Expected: the step history names the first exp:1.2ms commit and no other, the gate fails on one push only
# (the one that makes the step certain: 4 runs after it); the flat history names nothing and never fails.
# About 10 s a run on a quiet 2-core machine: 40 runs in about 7 minutes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/results/history-step-$(date -u +%Y%m%d-%H%M%S)}"
before="${2:-12}"
after="${3:-8}"
flat="${4:-20}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
jar="$out/callq-bench.jar"
# A copy, so that a rebuild while the runs go on changes nothing.
[[ -f "$jar" ]] || cp "$here/target/callq-bench.jar" "$jar"

# record_history NAME SERVICE-TIME...: one commit and one run per service time, appended in order.
record_history() {
  local name="$1"; shift
  local repo="$out/$name-repo" hist="$out/$name-history" i=0
  rm -rf "$repo" "$hist" "$out/$name-runs"
  git init -q "$repo"
  for work in "$@"; do
    i=$((i + 1))
    echo "service-time: $work" > "$repo/cell.txt"
    git -C "$repo" add cell.txt
    git -C "$repo" -c user.name=history-step -c user.email=history-step@callq.invalid \
      commit -q --allow-empty -m "run $i: work $work"
    local commit run="$out/$name-runs/$i"
    commit="$(git -C "$repo" rev-parse --short=12 HEAD)"
    mkdir -p "$(dirname "$run")"
    java -jar "$jar" run --load synthetic --client jedis --pattern blpop --workers 4 --rate 1500 \
      --arrivals poisson --work sleep --service-time "$work" --warmup 1 --warmup-max 3 --duration 5 \
      --out "$run" > "$run.log" 2>&1 || echo "run $i exited $? (see $run.log)"
    set +e
    java -jar "$jar" history "$hist" --add "$run" --commit "$commit" --gate --out "$out/$name-report" \
      > "$out/$name-runs/$i-history.log" 2>&1
    local gate=$?
    set -e
    echo "$name run $i: commit $commit work $work, gate exit $gate, load $(cut -d' ' -f1-3 /proc/loadavg)" \
      | tee -a "$out/$name-gate.txt"
  done
  echo
  echo "== $name: callq history $hist"
  java -jar "$jar" history "$hist" --out "$out/$name-report" | tee "$out/$name-history.txt"
  echo "$name: the gate failed on $(grep -c 'gate exit 4' "$out/$name-gate.txt") of $i pushes" \
    "(other exits: $(grep -vc 'gate exit [04],' "$out/$name-gate.txt" || true))"
}

works() { # COUNT WORK: the work COUNT times
  for ((k = 0; k < $1; k++)); do echo "$2"; done
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/load.txt"
# shellcheck disable=SC2046 # one word per run
record_history step $(works "$before" exp:1ms) $(works "$after" exp:1.2ms)
# shellcheck disable=SC2046
record_history flat $(works "$flat" exp:1ms)
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"
echo "first slower commit: $(git -C "$out/step-repo" log --reverse --format='%h %s' --abbrev=12 | grep -m1 'exp:1.2ms')"
