#!/usr/bin/env bash
# Installs what callq-bench drives (Redis and Sentinel, Kamailio with ndb_redis, SIPp, a JDK, Maven), from Debian's packages, when it is missing. Idempotent.
#   scripts/setup.sh           install what is missing and say what was installed
#   scripts/setup.sh --quiet   say nothing when everything is already there
set -euo pipefail

quiet=false
[[ "${1:-}" == "--quiet" ]] && quiet=true

# command → Debian package
declare -A wanted=(
  [redis-server]=redis-server
  [redis-sentinel]=redis-sentinel
  [kamailio]=kamailio
  [sipp]=sip-tester
  [java]=openjdk-17-jdk-headless
  [mvn]=maven
)
missing=()
for command in "${!wanted[@]}"; do
  command -v "$command" >/dev/null 2>&1 || missing+=("${wanted[$command]}")
done
# ndb_redis is a module, not a command.
modules_dir=$(ls -d /usr/lib/*/kamailio/modules 2>/dev/null | head -n 1 || true)
if [[ -z "$modules_dir" || ! -f "$modules_dir/ndb_redis.so" ]]; then
  missing+=(kamailio-redis-modules)
fi

if [[ ${#missing[@]} -eq 0 ]]; then
  $quiet || echo "setup: everything is installed (redis-server, redis-sentinel, kamailio with ndb_redis, sipp, java, maven)"
  exit 0
fi

command_line="apt-get install -y --no-install-recommends ${missing[*]}"
if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: missing ${missing[*]}; install them with: sudo apt-get update && sudo $command_line" >&2
  exit 2
fi
echo "setup: installing ${missing[*]} (apt-get)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
# Debian's packages start no service here without systemd; where one was started, stop it: the
# harness starts its own instances on free ports.
for service in redis-server redis-sentinel kamailio; do
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$service" 2>/dev/null; then
    systemctl stop "$service" && systemctl disable "$service" >/dev/null 2>&1 || true
  fi
done
echo "setup: installed ${missing[*]}" >&2
