#!/usr/bin/env bash
# Runs the test suite: installs the packages the tests drive when missing, then Maven's tests.
#   scripts/test.sh            every test (CI runs this), against real redis-server, kamailio and sipp
#   scripts/test.sh --fast     only the tests that start no process (no @Tag("processes")): Java and Maven suffice
# Other arguments go to Maven, e.g. scripts/test.sh -Dtest='QueueDriver*'.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fast=false
maven_args=()
for arg in "$@"; do
  if [[ "$arg" == "--fast" ]]; then
    fast=true
  else
    maven_args+=("$arg")
  fi
done
cd "$here"
if $fast; then
  exec mvn -B test -DexcludedGroups=processes ${maven_args[@]+"${maven_args[@]}"}
fi
"$here/scripts/setup.sh"
exec mvn -B test ${maven_args[@]+"${maven_args[@]}"}
