#!/usr/bin/env bash
# steps.sh: a stepped call rate, one uac.sh run per step, to see where a Kamailio starts failing calls.
#   sipp-scenarios/steps.sh --from 100 --to 500 --step 100 --seconds 10 -- --kamailio 10.0.0.3:5060
# See steps.sh --help, and docs/sipp-by-hand.md.
set -eu

usage() {
    cat <<'EOF'
Usage: steps.sh [OPTION]... [-- UAC.SH-OPTION... [-- SIPP-OPTION...]]
Runs uac.sh once per step, at FROM calls/s, FROM+STEP, ... up to TO, each step for SECONDS (RATE x SECONDS
calls), and prints one line per step: calls made, succeeded and failed, from SIPp's statistics. Stops after
the first step where a call failed (SIPp's exit code not 0), unless --keep-going. Exits with the last
step's code (0: every call of every step succeeded), or 2 for a bad option.

  --from CPS             the first step's rate                                         default 10
  --to CPS               the last step's rate, at most                                 default 100
  --step CPS             added to the rate at each step                                default 10
  --seconds S            how long each step offers calls                               default 10
  --keep-going           run every step, whatever failed
  --trace-dir DIR        where SIPp writes its files, as uac.sh's                      default .
  --name NAME            each step's files are named NAME-<rate>cps (uac.sh's --name) default sipp-step
  --print-command        print each step's SIPp command line and exit, running nothing
  -h, --help             this text
After --, options for uac.sh (see uac.sh --help): where Kamailio and the UAS are, the hold time...;
steps.sh sets --rate, --calls, --name and --trace-dir itself.
EOF
}

die() {
    printf 'steps.sh: %s (see steps.sh --help)\n' "$1" >&2
    exit 2
}

matches() { [[ $2 =~ $1 ]]; }

uac=$(dirname -- "$0")/uac.sh
from=10
to=100
step=10
seconds=10
keep_going=false
trace_dir=.
name='sipp-step'
print_command=false

while [ $# -gt 0 ]; do
    case $1 in
        -h | --help) usage; exit 0 ;;
        --keep-going) keep_going=true; shift; continue ;;
        --print-command) print_command=true; shift; continue ;;
        --) shift; break ;;
        --from | --to | --step | --seconds | --trace-dir | --name)
            [ $# -ge 2 ] || die "$1 needs a value" ;;
        *) die "unknown option: $1 (uac.sh's options go after --)" ;;
    esac
    case $1 in
        --from) from=$2 ;;
        --to) to=$2 ;;
        --step) step=$2 ;;
        --seconds) seconds=$2 ;;
        --trace-dir) trace_dir=$2 ;;
        --name) name=$2 ;;
    esac
    shift 2
done
uac_options=("$@")

for option in from to step seconds; do
    matches '^[0-9]+(\.[0-9]+)?$' "${!option}" || die "--$option takes a number, not '${!option}'"
    matches '[1-9]' "${!option}" || die "--$option takes a number above 0, not '${!option}'"
done
matches '^[A-Za-z0-9._-]+$' "$name" || die "--name takes letters, digits, '.', '_' and '-' only"
for option in ${uac_options[@]+"${uac_options[@]}"}; do
    case $option in
        --) break ;;
        --rate | --calls | --name | --trace-dir | --print-command) die "$option is set by each step: leave it out" ;;
    esac
done

# The rates of the steps, one a line; and each step's calls, rounded up so that no step offers none.
rates=$(awk -v from="$from" -v to="$to" -v step="$step" 'BEGIN {
    for (i = 0; from + i * step <= to + 1e-9; i++) print from + i * step }')
[ -n "$rates" ] || die "--from $from is above --to $to: no step to run"

code=0
for rate in $rates; do
    calls=$(awk -v cps="$rate" -v s="$seconds" 'BEGIN { n = cps * s; c = int(n); if (c < n) c++; print (c < 1 ? 1 : c) }')
    step_name=$name-${rate}cps
    step_options=(--rate "$rate" --calls "$calls" --name "$step_name" --trace-dir "$trace_dir")
    if $print_command; then
        "$uac" --print-command "${step_options[@]}" ${uac_options[@]+"${uac_options[@]}"}
        continue
    fi
    code=0
    "$uac" "${step_options[@]}" ${uac_options[@]+"${uac_options[@]}"} || code=$?
    [ "$code" -ne 2 ] || exit 2
    # SIPp's cumulative counters, from the last line of its statistics file (';'-separated, named columns).
    counts=$(awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) column[$i] = i; next }
        { made = $column["OutgoingCall(C)"]; ok = $column["SuccessfulCall(C)"]; failed = $column["FailedCall(C)"] }
        END { printf "%s calls, %s succeeded, %s failed", made, ok, failed }' "$trace_dir/$step_name-stats.csv" 2>/dev/null) ||
        counts="no statistics"
    printf 'steps.sh: %s calls/s for %s s: %s (SIPp exit code %s)\n' "$rate" "$seconds" "$counts" "$code"
    if [ "$code" -ne 0 ] && ! $keep_going; then
        break
    fi
done
exit "$code"
