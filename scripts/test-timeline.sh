#!/usr/bin/env bash
# Where the test suite's minutes went: each test class's start and end, in seconds from the first start,
# its length, and how many classes were running once it had started (itself included), from target/test-timeline.tsv (written by the tests'
# testkit/RunningClasses as they run; remove it before a run to see that run alone).
#   scripts/test-timeline.sh [FILE] [MIN_SECONDS]   classes that took at least MIN_SECONDS (default 0)
set -euo pipefail
file="${1:-target/test-timeline.tsv}"
min="${2:-0}"
[[ -f "$file" ]] || { echo "test-timeline: no $file (run the tests first)" >&2; exit 2; }
awk -F'\t' -v min="$min" '
  NR == 1 { first = $1 }
  $2 == "start" { start[$3] = $1; with[$3] = $4 }
  $2 == "end" && ($3 in start) {
    seconds = ($1 - start[$3]) / 1000
    if (seconds >= min) printf "%7.1f %7.1f %7.1f  %d  %s\n", (start[$3] - first) / 1000, ($1 - first) / 1000, seconds, with[$3], $3
  }
' "$file" | sort -n
awk -F'\t' 'NR == 1 { first = $1 } { last = $1 } END { printf "the last class ended %.1f s after the first began\n", (last - first) / 1000 }' "$file"
