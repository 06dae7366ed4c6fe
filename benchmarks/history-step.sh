#!/usr/bin/env bash
# Checks change-point detection over a history of real runs: does `callq history` name the commit where the
# consumer got slower, and only that one, and name nothing on a history where nothing changed?
#
#   benchmarks/history-step.sh [OUT] [BEFORE] [AFTER] [FLAT] [SEED]
#
# Makes a git repository in OUT/step-repo whose every commit is one CI run: BEFORE (default 12) commits whose
# cell has the usual work (exp:1ms per event), then AFTER (default 8) whose work is 20 % slower (exp:1.2ms);
# and OUT/flat-repo with FLAT (default 20) commits of unchanged work. Each commit gets one short CI cell (Jedis,
# 4 BLPOP workers, Poisson 1,500 events/s, sleep work, 1 s warm-up, 5 s measured: benchmarks/ci.yaml's
# synthetic cell), measured in a random order of all the commits of both repositories (bash's RANDOM seeded
# with SEED, default 1; the order, with the time and load of each run, goes to OUT/order.txt). Then each
# history is built in commit order, as the workflow builds it push after push:
#   callq history OUT/step-history --add RUN --commit SHA --gate
# recording whether that push would have failed (OUT/step-gate.txt, OUT/flat-gate.txt).
# Why a random order: in CI the runs of successive pushes are minutes or hours apart, so a minute in which
# the machine is slower falls on one run. Measured back to back (13 s apart), such a minute fell on five
# successive commits and was named, rightly, as a change of level at a commit that changed nothing
# (docs/ci-gate.md, "On real runs"). Shuffled, a slow minute lands on runs scattered over both histories.
# Expected: the step history names the first exp:1.2ms commit and no other, the gate fails on one push only
# (the one that makes the step certain: 4 runs after it); the flat history names nothing and never fails.
# About 13 s a run on a quiet 2-core machine: 40 runs in about 9 minutes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/results/history-step-$(date -u +%Y%m%d-%H%M%S)}"
before="${2:-12}"
after="${3:-8}"
flat="${4:-20}"
seed="${5:-1}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
jar="$out/callq-bench.jar"
# A copy, so that a rebuild while the runs go on changes nothing.
[[ -f "$jar" ]] || cp "$here/target/callq-bench.jar" "$jar"

runs=() # "NAME I COMMIT WORK" per commit, in commit order

# make_commits NAME SERVICE-TIME...: a repository with one commit per service time.
make_commits() {
  local name="$1"; shift
  local repo="$out/$name-repo" i=0 commit
  rm -rf "$repo" "$out/$name-history" "$out/$name-runs" "$out/$name-gate.txt"
  git init -q "$repo"
  for work in "$@"; do
    i=$((i + 1))
    echo "service-time: $work" > "$repo/cell.txt"
    git -C "$repo" add cell.txt
    git -C "$repo" -c user.name=history-step -c user.email=history-step@callq.invalid \
      commit -q --allow-empty -m "run $i: work $work"
    commit="$(git -C "$repo" rev-parse --short=12 HEAD)"
    runs+=("$name $i $commit $work")
  done
}

# measure NAME I WORK: one run of the cell into OUT/NAME-runs/I.
measure() {
  local run="$out/$1-runs/$2"
  mkdir -p "$(dirname "$run")"
  java -jar "$jar" run --load synthetic --client jedis --pattern blpop --workers 4 --rate 1500 \
    --arrivals poisson --work sleep --service-time "$3" --warmup 1 --warmup-max 3 --duration 5 \
    --out "$run" > "$run.log" 2>&1 || echo "$1 run $2 exited $? (see $run.log)"
}

# record_history NAME: append NAME's runs in commit order, each with --gate as on a push; then analyse.
record_history() {
  local name="$1" hist="$out/$1-history" entry n=0 gate run_name i commit work
  for entry in "${runs[@]}"; do
    read -r run_name i commit work <<< "$entry"
    [[ "$run_name" == "$name" ]] || continue
    n=$((n + 1))
    set +e
    java -jar "$jar" history "$hist" --add "$out/$name-runs/$i" --commit "$commit" --gate \
      --out "$out/$name-report" > "$out/$name-runs/$i-history.log" 2>&1
    gate=$?
    set -e
    echo "$name run $i: commit $commit work $work, gate exit $gate, measured $(grep "^$name run $i:" "$out/order.txt" \
      | sed 's/.*measured //')" | tee -a "$out/$name-gate.txt"
  done
  echo
  echo "== $name: callq history $hist"
  java -jar "$jar" history "$hist" --out "$out/$name-report" | tee "$out/$name-history.txt"
  echo "$name: the gate failed on $(grep -c 'gate exit 4' "$out/$name-gate.txt") of $n pushes" \
    "(other exits: $(grep -vc 'gate exit [04],' "$out/$name-gate.txt" || true))"
}

works() { # COUNT WORK: the work COUNT times
  for ((k = 0; k < $1; k++)); do echo "$2"; done
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/load.txt"
# shellcheck disable=SC2046 # one word per run
make_commits step $(works "$before" exp:1ms) $(works "$after" exp:1.2ms)
# shellcheck disable=SC2046
make_commits flat $(works "$flat" exp:1ms)

# Fisher–Yates over the runs' positions, with bash's generator seeded so that a SEED repeats its order.
RANDOM="$seed"
order=("${!runs[@]}")
for ((k = ${#order[@]} - 1; k > 0; k--)); do
  j=$((RANDOM % (k + 1)))
  swap="${order[k]}"; order[k]="${order[j]}"; order[j]="$swap"
done
: > "$out/order.txt"
m=0
for k in "${order[@]}"; do
  m=$((m + 1))
  read -r run_name i commit work <<< "${runs[k]}"
  measure "$run_name" "$i" "$work"
  echo "$run_name run $i: work $work, measured $m of ${#order[@]} at $(date -u +%H:%M:%S)," \
    "load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/order.txt"
done

record_history step
record_history flat
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"
echo "first slower commit: $(git -C "$out/step-repo" log --reverse --format='%h %s' --abbrev=12 | grep -m1 'exp:1.2ms')"
