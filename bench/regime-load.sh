#!/usr/bin/env bash
# End-to-end benchmark: load and validate the whole bundled regime, as a user runs it.
# Prints, for N runs, the time the loader reports (parse + validate, inside the JVM) and the wall
# time of the whole command (JVM start included), with the median of each.
#   bench/regime-load.sh [RUNS] [REGIME]     e.g. bench/regime-load.sh 7 bundled
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
regime=${2:-bundled}
./lodestone build >/dev/null
inner=(); wall=()
for i in $(seq 1 "$runs"); do
  t0=$(date +%s%N)
  out=$(./lodestone regime validate "$regime")
  t1=$(date +%s%N)
  ms=$(sed -n 's/^loaded and validated in \([0-9]*\) ms$/\1/p' <<<"$out")
  inner+=("$ms"); wall+=($(( (t1 - t0) / 1000000 )))
  echo "run $i: loader ${ms} ms, whole command $(( (t1 - t0) / 1000000 )) ms"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "median: loader $(median "${inner[@]}") ms, whole command $(median "${wall[@]}") ms ($runs runs, regime $regime)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $("$(./lodestone --which-java)/bin/java" -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
