#!/usr/bin/env bash
# End-to-end benchmark: one assessment through the API (POST /api/assessments, written to the ledger) at a
# constant rate, open loop, against `lodestone serve` with its embedded PostgreSQL on loopback.
# Target (issue 6): p99 <= 10 ms at 500 requests/s for 60 s, no errors, every request in the ledger.
#   bench/serve-load.sh [RATE] [SECONDS] [WARMUP_SECONDS]      defaults: 500 60 60 (warm-up ramps up to RATE)
# Starts a server on a fresh data directory, runs benchmarks' ApiLoad (latency measured from each request's
# intended send time), counts the ledger in the database itself, and stops the server.
# Writes are durable (synchronous_commit on); LODESTONE_SYNCHRONOUS_COMMIT=off runs the same with it off, to measure the cost.
# SERVE_JAR=path/to/lodestone.jar (with its lib/ beside it) serves that jar instead of building and running
# ./lodestone serve — for a machine where others' unfinished changes do not build.
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${1:-500}; seconds=${2:-60}; warmup=${3:-60}
JAVA="$(./lodestone --which-java)/bin/java"

if [ -z "${SERVE_JAR:-}" ]; then ./lodestone build >/dev/null; fi
if [ ! -f benchmarks/target/benchmarks.jar ] || [ -n "$(find benchmarks/src -newer benchmarks/target/benchmarks.jar -print -quit)" ]; then
  echo "serve-load: building benchmarks/target/benchmarks.jar..." >&2
  (export JAVA_HOME="$(./lodestone --which-java)"; mvn -B -q -o -Dstyle.color=never -pl benchmarks package -DskipTests) >&2
fi

dir=$(mktemp -d /tmp/lodestone-serve-load.XXXXXX)
log="$dir/serve.log"
pid=
stop() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"; for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  fi
  rm -rf "$dir"
}
trap stop EXIT
# the server's GC pauses are logged, to tell a collector pause from other stalls in the tail
if [ -z "${SERVE_JAR:-}" ]; then
  LODESTONE_JAVA_OPTS="${LODESTONE_JAVA_OPTS:-} -Xlog:gc:file=$dir/gc.log" ./lodestone serve --port 0 --data-dir "$dir/data" >"$log" 2>&1 &
else
  # shellcheck disable=SC2086
  LODESTONE_JAVA="$JAVA" bin/java-unprivileged ${LODESTONE_JAVA_OPTS:-} "-Xlog:gc:file=$dir/gc.log" -jar "$SERVE_JAR" \
    serve --port 0 --data-dir "$dir/data" >"$log" 2>&1 &
fi
pid=$!
for _ in $(seq 1 600); do
  grep -q 'serving on' "$log" && [ -s "$dir/data/admin-token" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "serve-load: the server did not start" >&2; exit 1; }
  sleep 0.1
done
url=$(sed -n 's/^lodestone: serving on \(http[^ ]*\)$/\1/p' "$log")
token=$(cat "$dir/data/admin-token")  # never in the log: kept in the data directory (0600)
pgport=$(sed -n 's/.*embedded PostgreSQL in .* (port \([0-9]*\)).*/\1/p' "$log")
[ -n "$url" ] && [ -n "$token" ] || { cat "$log" >&2; echo "serve-load: no URL or token in the server's output" >&2; exit 1; }
echo "server: $url (pid $pid), embedded PostgreSQL on port $pgport"

ledger_count() { # the ledger's size, read from the database itself (psql, when installed)
  if command -v psql >/dev/null && [ -n "$pgport" ]; then
    # no trust: the superuser's password is in the data directory (0600)
    PGPASSWORD=$(sed -n 's/^superuser=//p' "$dir/data/db-secret") psql -h 127.0.0.1 -p "$pgport" -U postgres -d postgres -Atc 'select count(*) from assessment'
  fi
}
before=$(ledger_count || true)
cpu0=$(awk '{print $14+$15}' "/proc/$pid/stat")
set +e
"$JAVA" -Xmx256m -XX:+UseSerialGC -cp benchmarks/target/benchmarks.jar lodestone.bench.server.ApiLoad \
  --url "$url" --token "$token" --rate "$rate" --seconds "$seconds" --warmup-seconds "$warmup" | tee "$dir/load.out"
status=${PIPESTATUS[0]}
set -e
cpu1=$(awk '{print $14+$15}' "/proc/$pid/stat")
after=$(ledger_count || true)
ok_total=$(awk '/^warm-up:/ {w=$2-$7} /^RESULT/ {for(i=1;i<=NF;i++) if ($i ~ /^ok=/) {split($i,a,"="); m=a[2]}} END {print w+m}' "$dir/load.out")
warm_errors=$(awk '/^warm-up:/ {print $7}' "$dir/load.out")
if [ "${warm_errors:-0}" != 0 ]; then
  echo "ledger (count(*) in the database): $before -> $after; not compared: $warm_errors warm-up requests failed on the client (a timed-out request may still be written)"
elif [ -n "$before" ] && [ -n "$after" ]; then
  if [ $((after - before)) -eq "$ok_total" ]; then
    echo "ledger (count(*) in the database): $before -> $after, +$((after - before)) = the $ok_total successful requests (warm-up included)"
  else
    echo "ledger (count(*) in the database): $before -> $after, +$((after - before)) but $ok_total successful requests: MISMATCH"; status=1
  fi
fi
awk '/Pause/ && /ms$/ {v=$NF; sub(/ms$/,"",v); n++; t+=v; if (v>m) m=v} END {if (n) printf "server GC pauses (whole run, start-up included): %d, total %.0f ms, longest %.1f ms\n", n, t, m}' "$dir/gc.log"
hz=$(getconf CLK_TCK)
echo "server CPU during warm-up + run: $(( (cpu1 - cpu0) / hz )) s of $((warmup + seconds)) s"
grep -E 'internal error|Exception' "$log" | head -5 || true
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $("$JAVA" -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
