#!/usr/bin/env bash
# The benchmark, one command: bash src/bench/run.sh
#
# On a fresh database of the local PostgreSQL it starts the jar exactly as the README's run command does (its JVM
# flags, the default configuration with metrics and an access line per request; RATE_LIMIT_ENABLED=false is the
# only switch), seeds a client and its accounts with the `seed` command, switches through and recycles max_wal_size
# of WAL files (so that a new cluster does not create them during the runs: warm_wal in server.sh), warms up, then
# measures:
#   - Add Asset, two access patterns, each on fresh accounts: "spread" (consecutive requests on different
#     accounts) and "same-account" (every offered token of one account, then the next); wrk, DURATION s at
#     CONNECTIONS connections, only distinct successful POST /api/v1/assets;
#   - the ceilings, pgbench on the same PostgreSQL: single-row INSERT ... SELECT ... ON CONFLICT DO NOTHING
#     transactions (before the server's runs and after them; the ratios use the higher), and 16-row ones (what
#     batching can approach);
#   - POST /api/v1/auth/token next to GET /health;
# and prints, per pattern, assets/s, the ratio to each ceiling, p50/p99, non-2xx and the server's RSS.
# Knobs (environment): DURATION CONNECTIONS THREADS WARMUP PORT BENCH_ACCOUNTS SAME_ACCOUNTS JAVA_OPTS KEEP_DB.
# BENCH_MODE=growth runs the data-growth benchmark instead (src/bench/growth.sh); BENCH_MODE=observability measures
# what metrics and the access log cost (src/bench/observability.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
case "${BENCH_MODE:-}" in
  growth) exec bash src/bench/growth.sh ;;
  observability) exec bash src/bench/observability.sh ;;
  "") ;;
  *) echo "BENCH_MODE must be growth or observability (or unset), not '$BENCH_MODE'" >&2; exit 2 ;;
esac
source .ci/ensure-postgres.sh

BENCH_ACCOUNTS=${BENCH_ACCOUNTS:-40000}
SAME_ACCOUNTS=${SAME_ACCOUNTS:-20000}
WARM_ACCOUNTS=${WARM_ACCOUNTS:-10000}
PGBENCH_ACCOUNTS=${PGBENCH_ACCOUNTS:-40000}

source src/bench/server.sh
bench_prepare pgbench:postgresql-contrib
start_bench_server bench ag_bench "$OUT/server.log"

echo "[bench] seeding: $BENCH_ACCOUNTS spread + $SAME_ACCOUNTS same-account + $WARM_ACCOUNTS warm-up + $PGBENCH_ACCOUNTS pgbench accounts"
CLIENT=$(java -jar "$JAR" clients create --name bench --max-wallets 1000 2>/dev/null)
CLIENT_ID=$(jq -r .client_id <<<"$CLIENT")
API_KEY=$(jq -r .api_key <<<"$CLIENT")
API_SECRET=$(jq -r .api_secret <<<"$CLIENT")
seed() { java -jar "$JAR" seed --client "$CLIENT_ID" --chain ethereum --accounts "$1" --wallets 20 2>/dev/null | jq -r .account_id > "$2"; }
seed "$BENCH_ACCOUNTS" "$OUT/accounts-bench.txt"
seed "$SAME_ACCOUNTS" "$OUT/accounts-same.txt"
seed "$WARM_ACCOUNTS" "$OUT/accounts-warm.txt"
seed "$PGBENCH_ACCOUNTS" "$OUT/accounts-pgbench.txt"
evm_combos > "$OUT/combos.txt"
echo "[bench] $(wc -l < "$OUT/combos.txt") (chain, symbol) pairs per account"

TOKEN=$(curl -sf -X POST "$BASE/api/v1/auth/token" -H "X-API-Key: $API_KEY" -H "X-API-Secret: $API_SECRET" | jq -r .token)
count_assets() { psql "$DATABASE_URL" -Atc "SELECT count(*) FROM assets"; }
run_wrk() { # name duration script args...
  local name=$1 duration=$2 script=$3
  shift 3
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${duration}s" --latency -s "src/bench/$script" "$BASE" -- "$@" > "$OUT/$name.txt"
  grep '^RESULT ' "$OUT/$name.txt" | cut -d' ' -f2-
}

# The single-row ceiling is measured twice, before the server's runs and after them, and the ratios use the higher
# of the two: it drifts on this kind of machine (3,500 to 5,400 tps within one session on one machine, 6,098 to 10,112
# on another), so one measurement alone could flatter the ratio.
echo "[bench] PostgreSQL's WAL files as in a cluster in service (warm_wal in src/bench/server.sh)"
warm_wal
echo "[bench] pgbench single-row ceiling ${DURATION}s at $CONNECTIONS clients (first of two)"
psql "$DATABASE_URL" -q <<SQL
CREATE TABLE bench_accounts (account_id text PRIMARY KEY);
\copy bench_accounts FROM '$OUT/accounts-pgbench.txt'
CREATE TABLE bench_combos AS
SELECT row_number() OVER (ORDER BY r.chain, r.symbol, a.account_id) AS n, a.account_id, a.client_id,
       r.chain, r.symbol, 'mainnet'::text AS network, r.name, r.contract_address, r.decimals::smallint AS decimals,
       r.asset_type
FROM accounts a JOIN bench_accounts b USING (account_id)
CROSS JOIN jsonb_to_recordset('$(jq -c '.assets' conf/asset-registry.json)'::jsonb)
  AS r(chain text, symbol text, name text, contract_address text, decimals int, asset_type text)
WHERE r.chain IN ($(cut -d' ' -f1 "$OUT/combos.txt" | sort -u | sed "s/.*/'&'/" | paste -sd,));
CREATE UNIQUE INDEX ON bench_combos (n);
CREATE SEQUENCE bench_combo_seq;
ANALYZE;
SQL
pgbench_tps() { # sql-file output-file
  pgbench -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" -f "$1" "$DATABASE_URL" > "$2" 2>&1
  local tps
  tps=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' "$2")
  [ -n "$tps" ] || tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$2" | tail -n 1)
  echo "$tps"
}
PG_TPS_BEFORE=$(pgbench_tps src/bench/pgbench-insert.sql "$OUT/pgbench-before.txt")

echo "[bench] warm-up ${WARMUP}s"
# Add Asset's warm-up comes last, right before its runs: with the token and health warm-ups in between, the first
# measured run paid for the JIT re-compiling the Add Asset path (interleaved A/B, spread: p99 28-32 ms and 98-136 µs of
# server CPU per request, against 16-20 ms and 72-88 µs).
run_wrk warm-token 3 token.lua "$API_KEY" "$API_SECRET" >/dev/null
run_wrk warm-health 3 health.lua >/dev/null
# PROFILE=1: JFR's own start-up (its threads, classes and their compilation) cost the first recorded run about half
# its throughput (spread 6,990 assets/s against 15,228 for the second recording, server CPU 1.31 cores); a throwaway
# recording during the warm-up pays it there.
[ -n "${PROFILE:-}" ] && jcmd "$SERVER_PID" JFR.start name=warm-up settings=profile >/dev/null
run_wrk warm-assets "$WARMUP" add-asset.lua "$OUT/accounts-warm.txt" "$OUT/combos.txt" "$TOKEN" "$THREADS" spread >/dev/null
[ -n "${PROFILE:-}" ] && jcmd "$SERVER_PID" JFR.stop name=warm-up >/dev/null

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status"; }
# Where the machine's CPU goes during a run, in clock ticks: the server, PostgreSQL (all its processes) and the
# whole machine (the rest is mostly wrk).
cpu_ticks() {
  local server pg total steal
  server=$(process_cpu_ticks "$SERVER_PID")
  pg=$(postgres_cpu_ticks)
  total=$(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat)
  steal=$(steal_ticks)
  echo "$server $pg $total $steal"
}
# PROFILE=1: a JFR recording (settings=profile) of the server during each Add Asset run, in $OUT/<run>.jfr
profiled_wrk() { # name script args...
  local name=$1
  [ -n "${PROFILE:-}" ] && jcmd "$SERVER_PID" JFR.start name="$name" settings=profile >/dev/null
  local ticks_before ticks_after
  ticks_before=$(cpu_ticks)
  run_wrk "$@"
  ticks_after=$(cpu_ticks)
  [ -n "${PROFILE:-}" ] && jcmd "$SERVER_PID" JFR.stop name="$name" filename="$PWD/$OUT/$name.jfr" >/dev/null
  echo "$ticks_before $ticks_after" > "$OUT/$name.cpu"
}
echo "[bench] Add Asset, spread, ${DURATION}s at $CONNECTIONS connections"
before=$(count_assets)
ASSETS=$(profiled_wrk assets "$DURATION" add-asset.lua "$OUT/accounts-bench.txt" "$OUT/combos.txt" "$TOKEN" "$THREADS" spread)
after=$(count_assets)
RSS_SPREAD_KB=$(rss_kb)
echo "[bench] Add Asset, same-account, ${DURATION}s at $CONNECTIONS connections"
before_same=$(count_assets)
SAME=$(profiled_wrk assets-same "$DURATION" add-asset.lua "$OUT/accounts-same.txt" "$OUT/combos.txt" "$TOKEN" "$THREADS" same-account)
after_same=$(count_assets)
RSS_SAME_KB=$(rss_kb)
echo "[bench] token issuance and health, 10s each"
TOKENS=$(run_wrk token 10 token.lua "$API_KEY" "$API_SECRET")
HEALTH=$(run_wrk health 10 health.lua)
HWM_KB=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=

echo "[bench] pgbench single-row ceiling ${DURATION}s at $CONNECTIONS clients (second of two)"
PG_TPS_AFTER=$(pgbench_tps src/bench/pgbench-insert.sql "$OUT/pgbench.txt")
echo "[bench] pgbench 16-row ceiling ${DURATION}s at $CONNECTIONS clients"
rows_before=$(count_assets)
PG16_TPS=$(pgbench_tps src/bench/pgbench-insert-16.sql "$OUT/pgbench-16.txt")
rows_after=$(count_assets)
# rows per second of the 16-row run (ON CONFLICT never skips here: every combo is new)
PG16_ROWS=$(python3 -c "print(($rows_after - $rows_before) / $DURATION)")

python3 - "$ASSETS" "$SAME" "$TOKENS" "$HEALTH" "$PG_TPS_BEFORE $PG_TPS_AFTER" "$PG16_ROWS" "$before" "$after" "$before_same" "$after_same" \
  "$RSS_SPREAD_KB" "$RSS_SAME_KB" "$HWM_KB" "$CONNECTIONS" "$DURATION" "$JAVA_OPTS" "$(cat "$OUT/assets.cpu")" \
  "$(cat "$OUT/assets-same.cpu")" "$(getconf CLK_TCK)" "$(nproc)" > "$OUT/summary.txt" <<'PY'
import json, sys
spread, same, tokens, health = (json.loads(a) for a in sys.argv[1:5])
pg_before, pg_after = (float(x) for x in sys.argv[5].split())
pg_tps, pg16_rows = max(pg_before, pg_after), float(sys.argv[6])
counts = [int(x) for x in sys.argv[7:11]]
rss = {"spread": int(sys.argv[11]) / 1024, "same-account": int(sys.argv[12]) / 1024}
hwm = int(sys.argv[13]) / 1024
conns, duration, flags = sys.argv[14], sys.argv[15], sys.argv[16]
def cpu_split(field):
  b = [int(x) for x in field.split()]
  server, pg, total, steal = b[4] - b[0], b[5] - b[1], b[6] - b[2], b[7] - b[3]
  cores_of = lambda ticks: ticks / int(sys.argv[19]) / float(duration)
  return (f"server {cores_of(server):.2f}, PostgreSQL {cores_of(pg):.2f}, the rest (wrk) {cores_of(total - server - pg):.2f}"
          f" of {sys.argv[20]} cores; stolen by the host {cores_of(steal):.2f}", cores_of(steal))
(cpu_spread, steal_spread), (cpu_same, steal_same) = cpu_split(sys.argv[17]), cpu_split(sys.argv[18])
cpu = {"spread": cpu_spread, "same-account": cpu_same}
steal = {"spread": steal_spread, "same-account": steal_same}
def rate(r): return r["requests"] / (r["duration_us"] / 1e6)
print(f"asset-gateway benchmark: {conns} connections, {duration} s per run; JVM flags: {flags or '(none)'}")
print("default configuration (metrics on, an access line per request), RATE_LIMIT_ENABLED=false")
print(f"ceilings on the same PostgreSQL: pgbench single-row {pg_before:,.0f} tps before the server's runs and"
      f" {pg_after:,.0f} after (ratios use the higher), 16-row inserts {pg16_rows:,.0f} rows/s")
ok = True
for name, r, (before, after) in (("spread", spread, counts[0:2]), ("same-account", same, counts[2:4])):
  created = after - before
  ok_responses = r["requests"] - r["non2xx"]
  # wrk counts the responses that arrived within the window; requests still in flight when it stops may
  # commit too, so the database may hold up to one more row per connection than wrk saw 2xx answers.
  assets_s = ok_responses / (r["duration_us"] / 1e6)
  ratio, ratio16 = assets_s / pg_tps, assets_s / pg16_rows
  p50, p99 = r["p50_us"] / 1000, r["p99_us"] / 1000
  rows = [
    ("assets created/s", f"{assets_s:,.0f}", ""),
    ("ratio to pgbench single-row tps", f"{ratio:.2f}x", "target >= 2.0x (moonshot 2.5x)", ratio >= 2.0),
    ("ratio to pgbench 16-row rows/s", f"{ratio16:.2f}x", "(the batching limit)"),
    ("p50 latency", f"{p50:.1f} ms", ""),
    ("p99 latency", f"{p99:.1f} ms", "target <= 25 ms", p99 <= 25),
    ("non-2xx / socket errors", f"{r['non2xx']} / {r['socket_errors']}", "target 0",
     r["non2xx"] == 0 and r["socket_errors"] == 0),
    ("rows in the database vs 2xx answers", f"{created:,} vs {ok_responses:,}", "2xx <= rows <= 2xx + connections",
     ok_responses <= created <= ok_responses + int(conns)),
    ("server RSS after the run", f"{rss[name]:.0f} MiB", "target <= 350 MiB", rss[name] <= 350),
    ("CPU used (cores)", cpu[name], ""),
  ]
  print(f"\nAdd Asset, {name}:")
  for row in rows:
    label, value, target = row[:3]
    mark = ""
    if len(row) == 4:
      mark = "  ok" if row[3] else "  MISSED"
      ok = ok and row[3]
    print(f"  {label:40} {value:>22}  {target}{mark}")
token_s, health_s = rate(tokens), rate(health)
print(f"\nserver RSS peak {hwm:.0f} MiB" + ("  ok" if hwm <= 350 else "  MISSED (target <= 350 MiB)"))
ok = ok and hwm <= 350
print(f"POST /api/v1/auth/token {token_s:,.0f} requests/s, GET /health {health_s:,.0f} requests/s")
# Steal is CPU time the hypervisor gave to other guests while this one wanted it. On one host, runs that lost 0.2-0.9
# of the two cores made 40-60 % fewer assets/s than the same build's runs at 0.0-0.1, so such a run measures the host
# as much as the server. Its figures still print, and a miss still counts as a miss; the verdict says why to rerun.
noisy = [name for name in steal if steal[name] > 0.10]
print("all targets met" if ok else "some targets missed")
if noisy:
  print(f"host steal above 0.10 cores during {' and '.join(noisy)}: this run is not representative of the server;"
        " run it again on a quiet host")
PY
cat "$OUT/summary.txt"
echo "[bench] raw outputs in $OUT/"
