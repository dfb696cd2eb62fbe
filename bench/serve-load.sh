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
pgsu() { # a query as the embedded server's superuser (psql, when installed)
  if command -v psql >/dev/null && [ -n "$pgport" ]; then
    PGPASSWORD=$(sed -n 's/^superuser=//p' "$dir/data/db-secret") psql -h 127.0.0.1 -p "$pgport" -U postgres -d postgres -Atc "$1"
  fi
}
# the WAL's own flush timings (pg_stat_wal.wal_sync_time needs track_wal_io_timing), and checkpoints, around the run
pgsu "alter system set track_wal_io_timing = on" >/dev/null 2>&1 || true
# PG_SET="name=value ..." tries server settings for the run (e.g. PG_SET="wal_init_zero=off commit_delay=200")
for kv in ${PG_SET:-}; do pgsu "alter system set ${kv%%=*} = '${kv#*=}'" >/dev/null && echo "PostgreSQL setting for this run: $kv"; done
pgsu "select pg_reload_conf()" >/dev/null 2>&1 || true
walq="select wal_records || ' ' || wal_sync || ' ' || round(wal_sync_time::numeric, 1) || ' ' || wal_write || ' ' || round(wal_write_time::numeric, 1) || ' ' || wal_bytes from pg_stat_wal"
# PostgreSQL 17 moved the checkpoint counters from pg_stat_bgwriter to pg_stat_checkpointer
ckq="select num_timed + num_requested || ' ' || round(sync_time::numeric) || ' ' || round(write_time::numeric) from pg_stat_checkpointer"
pgsu "$ckq" >/dev/null 2>&1 || ckq="select checkpoints_timed + checkpoints_req || ' ' || round(checkpoint_sync_time::numeric) || ' ' || round(checkpoint_write_time::numeric) from pg_stat_bgwriter"
# A fresh data directory has no spare WAL segments: every 16 MB of WAL the server creates one, zero-filled and
# flushed while commits wait (50-130 ms on this machine's disk), which a server that has run a while does not (it
# recycles old segments at each checkpoint). PREWARM_WAL_MB (default 128; 0 for none) writes that much WAL before
# the run and checkpoints, so that the run uses recycled segments, as a server in service does.
walfiles="select count(*) from pg_ls_waldir() where name ~ '^[0-9A-F]{24}\$'"
if [ "${PREWARM_WAL_MB:-128}" -gt 0 ] && [ -n "$pgport" ] && command -v psql >/dev/null; then
  pgsu "create table bench_wal_prewarm as select repeat(md5(g::text), 32) as x from generate_series(1, ${PREWARM_WAL_MB:-128} * 900) g" >/dev/null
  pgsu "drop table bench_wal_prewarm" >/dev/null; pgsu "checkpoint" >/dev/null
  echo "WAL prewarmed: ${PREWARM_WAL_MB:-128} MB written and checkpointed; WAL segment files now $(pgsu "$walfiles")"
fi
wf0=$(pgsu "$walfiles" 2>/dev/null || true)
wal0=$(pgsu "$walq" || true); ck0=$(pgsu "$ckq" 2>/dev/null || true)
cpu0=$(awk '{print $14+$15}' "/proc/$pid/stat")
set +e
"$JAVA" -Xmx256m -XX:+UseSerialGC -cp benchmarks/target/benchmarks.jar lodestone.bench.server.ApiLoad \
  --url "$url" --token "$token" --rate "$rate" --seconds "$seconds" --warmup-seconds "$warmup" | tee "$dir/load.out"
status=${PIPESTATUS[0]}
set -e
cpu1=$(awk '{print $14+$15}' "/proc/$pid/stat")
after=$(ledger_count || true)
wal1=$(pgsu "$walq" || true); ck1=$(pgsu "$ckq" 2>/dev/null || true); wf1=$(pgsu "$walfiles" 2>/dev/null || true)
[ -n "$wf0" ] && [ -n "$wf1" ] && echo "WAL segment files: $wf0 before the warm-up, $wf1 after the run ($((wf1 - wf0)) created while requests waited)"
if [ -n "$wal0" ] && [ -n "$wal1" ]; then
  read -r r0 s0 st0 w0 wt0 b0 <<<"$wal0"; read -r r1 s1 st1 w1 wt1 b1 <<<"$wal1"
  awk -v n=$((s1 - s0)) -v t0="$st0" -v t1="$st1" -v w=$((w1 - w0)) -v wt0="$wt0" -v wt1="$wt1" -v r=$((r1 - r0)) -v b=$((b1 - b0)) \
    'BEGIN {printf "WAL during warm-up + run: %d records, %.0f MB (%.1f new 16 MB segments), %d flushes (fsync) taking %.0f ms in all (%.2f ms each on average), %d writes taking %.0f ms\n", r, b / 1048576, b / 16777216, n, t1 - t0, n ? (t1 - t0) / n : 0, w, wt1 - wt0}'
fi
if [ -n "$ck0" ] && [ -n "$ck1" ]; then
  read -r c0 cs0 cw0 <<<"$ck0"; read -r c1 cs1 cw1 <<<"$ck1"
  echo "checkpoints during warm-up + run: $((c1 - c0)) (sync $((cs1 - cs0)) ms, write $((cw1 - cw0)) ms)"
fi
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
awk '/Pause/ && /ms$/ {v=$NF; sub(/ms$/,"",v); v+=0; n++; t+=v; if (v>m) m=v} END {if (n) printf "server GC pauses (whole run, start-up included): %d, total %.0f ms, longest %.1f ms\n", n, t, m}' "$dir/gc.log"
hz=$(getconf CLK_TCK)
echo "server CPU during warm-up + run: $(( (cpu1 - cpu0) / hz )) s of $((warmup + seconds)) s"
grep -E 'internal error|Exception' "$log" | head -5 || true
# stop the server now: on its way out it prints where the ledger's time went (records, transactions, waits)
if kill -0 "$pid" 2>/dev/null; then
  kill -TERM "$pid"; for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
fi
sed -n 's/^lodestone: ledger writer: /ledger writer (whole run): /p' "$log"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $("$JAVA" -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
