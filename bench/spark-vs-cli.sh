#!/usr/bin/env bash
# The Spark bulk job (local mode, every core) against the single-core command line on the same file, in one run,
# alternating, with the outputs compared byte for byte. docs/benchmarks.md ("Spark") records the figures.
#   bench/spark-vs-cli.sh [LINES] [ROUNDS]      defaults: 10000000 lines, 2 rounds
# Needs: taskset (util-linux) to hold the command line to one core.
set -euo pipefail
cd "$(dirname "$0")/.."
LINES=${1:-10000000}
ROUNDS=${2:-2}
WORK=$(mktemp -d /tmp/lodestone-spark-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
IN="$WORK/entries.csv"
./lodestone build
./lodestone spark --help >/dev/null          # builds the Spark jar if needed, outside the timings
echo "generating $LINES lines..." >&2
./lodestone generate-entries --lines "$LINES" --out "$IN" --seed 7 >/dev/null
echo "input: $(du -h "$IN" | cut -f1), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
secs() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>"$WORK/err" || { cat "$WORK/err" >&2; exit 1; }; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
for r in $(seq 1 "$ROUNDS"); do
  rm -rf "$WORK/cli.csv" "$WORK/cli-rej.csv" "$WORK/spark"
  c=$(secs taskset -c 0 ./lodestone assess-file "$IN" --out "$WORK/cli.csv" --rejects "$WORK/cli-rej.csv")
  s=$(secs ./lodestone spark assess "$IN" --out "$WORK/spark" --master "local[*]")
  cat "$WORK"/spark/entries.csv/results-*.csv | cmp -s - "$WORK/cli.csv" || { echo "round $r: results differ" >&2; exit 1; }
  cat "$WORK"/spark/entries.csv/rejects-*.csv | cmp -s - "$WORK/cli-rej.csv" || { echo "round $r: rejects differ" >&2; exit 1; }
  ranges=$(ls "$WORK"/spark/entries.csv/results-*.csv | wc -l)
  printf 'round %d: cli (1 core) %.1f s = %.0f lines/s; spark local[*] %.1f s = %.0f lines/s (%d ranges); ratio cli/spark %.2f; outputs identical\n' \
    "$r" "$c" "$(echo "$LINES / $c" | bc -l)" "$s" "$(echo "$LINES / $s" | bc -l)" "$ranges" "$(echo "$c / $s" | bc -l)"
done
