#!/usr/bin/env bash
# uas.sh: the answering side of callq's SIP load, SIPp's UAS spelled out once. callq runs SIPp through this
# script, and so can you, behind any Kamailio: it needs nothing but bash, coreutils and sipp.
#   sipp-scenarios/uas.sh --local 127.0.0.1 --port 5070
# See uas.sh --help, and docs/sipp-by-hand.md.
set -eu

usage() {
    cat <<'EOF'
Usage: uas.sh [OPTION]... [-- SIPP-OPTION...]
Runs SIPp's UAS: answers every call Kamailio relays to it (the bundled scenario: 180, 200, and 200 to the
BYE) until stopped with Ctrl-C or SIGTERM (SIPp runs with -nostdin: its keyboard commands are off).
SIPp prints its final statistics when it ends; the script exits with SIPp's code, or 2 for a bad option.

  --local ADDRESS        the address SIPp binds and writes in Via and Contact (-i) default 127.0.0.1
                         (never 0.0.0.0: Kamailio sends the replies' next hop there)
  --port PORT            SIPp's UDP port (-p)                                          default 5070
  --scenario FILE        the UAS scenario                          default uas.xml beside this script
  --trace-dir DIR        where SIPp runs and writes its files (created if missing)     default .
  --name NAME            names the files in DIR:                                       default sipp-uas
                           NAME-errors.log  unexpected messages (-trace_err)
                           NAME.cmd         this script's call and the SIPp command line it ran
  --sipp PATH            the SIPp binary                                               default sipp
  --print-command        print the SIPp command line and exit, running nothing
  -h, --help             this text
Anything after -- goes to SIPp as is, after the options above.
EOF
}

die() {
    printf 'uas.sh: %s (see uas.sh --help)\n' "$1" >&2
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
local_address=127.0.0.1
port=5070
scenario=$here/uas.xml
trace_dir=.
name='sipp-uas'
sipp=sipp
print_command=false

while [ $# -gt 0 ]; do
    case $1 in
        -h | --help) usage; exit 0 ;;
        --print-command) print_command=true; shift; continue ;;
        --) shift; break ;;
        --local | --port | --scenario | --trace-dir | --name | --sipp)
            [ $# -ge 2 ] || die "$1 needs a value" ;;
        *) die "unknown option: $1" ;;
    esac
    case $1 in
        --local) local_address=$2 ;;
        --port) port=$2 ;;
        --scenario) scenario=$2 ;;
        --trace-dir) trace_dir=$2 ;;
        --name) name=$2 ;;
        --sipp) sipp=$2 ;;
    esac
    shift 2
done
sipp_options=("$@")

matches '^[^[:space:]]+$' "$local_address" || die "--local takes an address, not '$local_address'"
matches '^[0-9]{1,5}$' "$port" || die "--port takes a port, not '$port'"
matches '^[A-Za-z0-9._-]+$' "$name" || die "--name takes letters, digits, '.', '_' and '-' only"
if [ ! -f "$scenario" ] || [ ! -r "$scenario" ]; then
    die "--scenario $scenario is not a readable file"
fi
command -v -- "$sipp" >/dev/null || die "$sipp not found (Debian's package is sip-tester)"

# SIPp runs in the trace folder, so every path is made absolute first.
trace_dir=$(realpath -m -- "$trace_dir")
scenario=$(realpath -- "$scenario")
errors=$trace_dir/$name-errors.log

command=("$sipp" -sf "$scenario" -i "$local_address" -t u1 -nostdin -p "$port"
    -trace_err -error_file "$errors")
command+=(${sipp_options[@]+"${sipp_options[@]}"})

if $print_command; then
    quoted "${command[@]}"
    exit 0
fi
mkdir -p -- "$trace_dir" || die "cannot create --trace-dir $trace_dir"
rm -f -- "$errors"
{
    printf '# %s\n' "$(quoted "${call[@]}")"
    quoted "${command[@]}"
} >"$trace_dir/$name.cmd"
cd -- "$trace_dir"
# exec: SIPp takes this process's place, so its pid is SIPp's and a signal to it reaches SIPp.
exec "${command[@]}"
