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
# Where a Docker engine answers, the compose and Testcontainers tests run on images made from this build:
# build the jar and the images first (minutes the first time, seconds after; see docs/docker.md).
if docker info >/dev/null 2>&1; then
  "$here/scripts/docker-base-images.sh"
  # On a machine that is itself a container (/.dockerenv), Testcontainers takes the engine for the outer
  # host's and looks up that host's address by running alpine (from Docker Hub). An engine running right
  # here (dockerd started inside this machine, as .ci/run does) publishes container ports here.
  if [[ -f /.dockerenv && -z "${TESTCONTAINERS_HOST_OVERRIDE:-}" ]] && pgrep -x dockerd >/dev/null; then
    export TESTCONTAINERS_HOST_OVERRIDE=localhost
  fi
fi
exec mvn -B test ${maven_args[@]+"${maven_args[@]}"}
