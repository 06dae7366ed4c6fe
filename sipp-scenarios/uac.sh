#!/usr/bin/env bash
# uac.sh: the calling side of callq's SIP load, SIPp's UAC spelled out once. callq runs SIPp through this
# script, and so can you, against any Kamailio: it needs nothing but bash, coreutils and sipp.
#   sipp-scenarios/uac.sh --kamailio 127.0.0.1:5060 --uas 127.0.0.1:5070 --rate 100 --calls 300
# See uac.sh --help, and docs/sipp-by-hand.md.
set -eu

usage() {
    cat <<'EOF'
Usage: uac.sh [OPTION]... [-- SIPP-OPTION...]
Runs SIPp's UAC: CALLS calls at RATE calls/s, every message sent to Kamailio, each INVITE addressed to
the UAS (its Request-URI), which Kamailio relays to; each call is held HOLD-MS between ACK and BYE.
SIPp shows its screen while it runs and prints its final statistics when it ends; the script exits with
SIPp's code (0: every call succeeded, 1: some failed; see sipp(1)), or 2 for a bad option.

  --kamailio HOST:PORT   where every message goes (SIPp's -rsa)                  default 127.0.0.1:5060
  --uas HOST:PORT        the UAS each INVITE is addressed to (SIPp's remote host) default 127.0.0.1:5070
  --local ADDRESS        the address SIPp binds and writes in Via and Contact (-i) default 127.0.0.1
  --local-port PORT      SIPp's UDP port (-p)                             default: one the system picks
  --rate CPS             new calls per second (-r, with -rp 1000)                      default 10
  --calls N              calls to make before SIPp exits (-m)                          default 100
  --hold-ms MS           pause between ACK and BYE (-d)                                default 200
  --max-open N           the most calls open at once (-l); SIPp silently lowers the rate at this cap
                         default 2 x RATE x (HOLD-MS + 1000 ms) / 1000, at least 10
  --call-id-prefix P     starts every Call-ID: P<call number>-<sipp pid>@<local address> default call-
  --call-number-only     Call-IDs are P<call number> alone (unique within one SIPp run only)
  --lost PERCENT         drop this share of the messages received (-lost): a lossy network
  --scenario FILE        the UAC scenario                          default uac.xml beside this script
  --trace-dir DIR        where SIPp runs and writes its files (created if missing)     default .
  --name NAME            names the files in DIR:                                       default sipp-uac
                           NAME-stats.csv   SIPp's statistics, every second (-trace_stat -fd 1)
                           NAME-invites.log the scenario's <log> lines: Call-ID, INVITE send time
                                            (and Call-ID, time, code as its 180 and 200 arrive)
                           NAME-errors.log  unexpected messages (-trace_err)
                           NAME.cmd         this script's call and the SIPp command line it ran
                         and SIPp names its own <scenario>_<pid>_rtt.csv, every call's response times
  --sipp PATH            the SIPp binary                                               default sipp
  --print-command        print the SIPp command line and exit, running nothing
  -h, --help             this text
Anything after -- goes to SIPp as is, after the options above.
EOF
}

die() {
    printf 'uac.sh: %s (see uac.sh --help)\n' "$1" >&2
    exit 2
}

# Each word of "$@" as a POSIX shell word, quoted only when it has to be; one line.
quoted() {
    local word line=""
    for word in "$@"; do
        case $word in
            '' | *[!A-Za-z0-9_./:=@%+,-]*) word="'${word//\'/\'\\\'\'}'" ;;
        esac
        line+="${line:+ }$word"
    done
    printf '%s\n' "$line"
}

matches() { [[ $2 =~ $1 ]]; }

here=$(dirname -- "$0")
call=("$0" "$@")
kamailio=127.0.0.1:5060
uas=127.0.0.1:5070
local_address=127.0.0.1
local_port=
rate=10
calls=100
hold_ms=200
max_open=
call_id_prefix=call-
call_number_only=false
lost=
scenario=$here/uac.xml
trace_dir=.
name='sipp-uac'
sipp=sipp
print_command=false

while [ $# -gt 0 ]; do
    case $1 in
        -h | --help) usage; exit 0 ;;
        --call-number-only) call_number_only=true; shift; continue ;;
        --print-command) print_command=true; shift; continue ;;
        --) shift; break ;;
        --kamailio | --uas | --local | --local-port | --rate | --calls | --hold-ms | --max-open | \
        --call-id-prefix | --lost | --scenario | --trace-dir | --name | --sipp)
            [ $# -ge 2 ] || die "$1 needs a value" ;;
        *) die "unknown option: $1" ;;
    esac
    case $1 in
        --kamailio) kamailio=$2 ;;
        --uas) uas=$2 ;;
        --local) local_address=$2 ;;
        --local-port) local_port=$2 ;;
        --rate) rate=$2 ;;
        --calls) calls=$2 ;;
        --hold-ms) hold_ms=$2 ;;
        --max-open) max_open=$2 ;;
        --call-id-prefix) call_id_prefix=$2 ;;
        --lost) lost=$2 ;;
        --scenario) scenario=$2 ;;
        --trace-dir) trace_dir=$2 ;;
        --name) name=$2 ;;
        --sipp) sipp=$2 ;;
    esac
    shift 2
done
sipp_options=("$@")

host_port='^([^:[:space:]]+|\[[0-9A-Fa-f:.]+\]):[0-9]{1,5}$'
number='^[0-9]+(\.[0-9]+)?$'
matches "$host_port" "$kamailio" || die "--kamailio takes HOST:PORT, not '$kamailio'"
matches "$host_port" "$uas" || die "--uas takes HOST:PORT, not '$uas'"
matches '^[^[:space:]]+$' "$local_address" || die "--local takes an address, not '$local_address'"
[ -z "$local_port" ] || matches '^[0-9]{1,5}$' "$local_port" || die "--local-port takes a port, not '$local_port'"
for rule in "$number" '[1-9]'; do
    matches "$rule" "$rate" || die "--rate takes calls per second above 0, not '$rate'"
done
matches '^[1-9][0-9]*$' "$calls" || die "--calls takes a whole number above 0, not '$calls'"
matches '^[0-9]+$' "$hold_ms" || die "--hold-ms takes whole milliseconds, not '$hold_ms'"
[ -z "$max_open" ] || matches '^[1-9][0-9]*$' "$max_open" || die "--max-open takes a whole number above 0, not '$max_open'"
matches '^[A-Za-z0-9._-]*$' "$call_id_prefix" || die "--call-id-prefix takes letters, digits, '.', '_' and '-' only"
[ -z "$lost" ] || matches "$number" "$lost" || die "--lost takes a percentage, not '$lost'"
matches '^[A-Za-z0-9._-]+$' "$name" || die "--name takes letters, digits, '.', '_' and '-' only"
if [ ! -f "$scenario" ] || [ ! -r "$scenario" ]; then
    die "--scenario $scenario is not a readable file"
fi
command -v -- "$sipp" >/dev/null || die "$sipp not found (Debian's package is sip-tester)"

# SIPp stops starting calls while -l calls are open: allow twice what a steady state holds, each call
# open for its hold time plus about a second of setup and teardown.
if [ -z "$max_open" ]; then
    max_open=$(awk -v cps="$rate" -v hold="$hold_ms" 'BEGIN {
        open = 2 * cps * (hold + 1000) / 1000; n = int(open); if (n < open) n++; print (n < 10 ? 10 : n) }')
fi
if $call_number_only; then
    call_id=${call_id_prefix}%u
else
    call_id=${call_id_prefix}%u-%p@%s
fi
# SIPp runs in the trace folder (it writes its rtt file there), so every path is made absolute first.
trace_dir=$(realpath -m -- "$trace_dir")
scenario=$(realpath -- "$scenario")
stats=$trace_dir/$name-stats.csv
invites=$trace_dir/$name-invites.log
errors=$trace_dir/$name-errors.log

command=("$sipp" "$uas" -sf "$scenario" -rsa "$kamailio" -i "$local_address" -t u1 -nostdin
    -m "$calls" -r "$rate" -rp 1000 -l "$max_open" -d "$hold_ms" -cid_str "$call_id"
    -trace_logs -log_file "$invites"
    -trace_stat -stf "$stats" -fd 1
    # Every call's response times, written as they come: SIPp writes the file only every -rtt_freq
    # calls and never flushes the rest at exit.
    -trace_rtt -rtt_freq 1
    -trace_err -error_file "$errors")
[ -z "$local_port" ] || command+=(-p "$local_port")
[ -z "$lost" ] || command+=(-lost "$lost")
command+=(${sipp_options[@]+"${sipp_options[@]}"})

if $print_command; then
    quoted "${command[@]}"
    exit 0
fi
mkdir -p -- "$trace_dir" || die "cannot create --trace-dir $trace_dir"
# SIPp appends to its files: a rerun under the same name must not mix with the last one.
rm -f -- "$stats" "$invites" "$errors"
{
    printf '# %s\n' "$(quoted "${call[@]}")"
    quoted "${command[@]}"
} >"$trace_dir/$name.cmd"
cd -- "$trace_dir"
# exec: SIPp takes this process's place, so its pid is SIPp's and a signal to it reaches SIPp.
exec "${command[@]}"
