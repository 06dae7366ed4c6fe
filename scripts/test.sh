#!/usr/bin/env bash
# Runs the test suite: installs the packages the tests drive when missing, then Maven's tests.
# Extra arguments go to Maven, e.g. scripts/test.sh -Dtest='QueueDriver*'.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh"
cd "$here"
exec mvn -B test "$@"
