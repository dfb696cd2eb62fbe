#!/usr/bin/env bash
# The longer API fuzz, run by hand: ApiFuzzTest (server/src/test) with more requests and a seed of your choice,
# against a real server with its embedded PostgreSQL. Prints the figures docs/reliability.md records
# (requests sent, by family and status, 5xx or non-JSON errors, hangs) and fails on any 5xx, hang or crash.
#   benchmarks/fuzz-api.sh [REQUESTS] [SEED]      defaults: 20000 1
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-$(./lodestone --which-java)}"
export LODESTONE_FUZZ_REQUESTS="${1:-20000}" LODESTONE_FUZZ_SEED="${2:-1}"
rc=0
out=$(mvn -B -o -Dstyle.color=never -pl server -am verify -Dtest=ApiFuzzTest -Dsurefire.failIfNoSpecifiedTests=false 2>&1) || rc=$?
grep -E 'ApiFuzzTest:|Tests run:|FAIL|#[0-9]+ ' <<<"$out" || true
exit "$rc"
