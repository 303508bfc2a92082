#!/usr/bin/env bash
# The benchmark, one command: bash src/bench/run.sh
#
# On a fresh database of the local PostgreSQL it starts the jar, seeds a client and its accounts with the
# `seed` command, warms up, then measures side by side:
#   - Add Asset: wrk, DURATION s at CONNECTIONS connections, only distinct successful POST /api/v1/assets;
#   - the ceiling: pgbench, the equivalent single-row INSERT ... SELECT ... ON CONFLICT DO NOTHING;
#   - POST /api/v1/auth/token next to GET /health;
# and prints assets/s, pgbench tps, their ratio, p50/p99, non-2xx and the server's RSS against the targets.
# Knobs (environment): DURATION CONNECTIONS THREADS WARMUP PORT BENCH_ACCOUNTS JAVA_OPTS KEEP_DB.
# BENCH_MODE=growth runs the data-growth benchmark instead (src/bench/growth.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${BENCH_MODE:-}" = growth ]; then exec bash src/bench/growth.sh; fi
source .ci/ensure-postgres.sh

DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-5}
PORT=${PORT:-18080}
BENCH_ACCOUNTS=${BENCH_ACCOUNTS:-40000}
WARM_ACCOUNTS=${WARM_ACCOUNTS:-10000}
PGBENCH_ACCOUNTS=${PGBENCH_ACCOUNTS:-16000}
JAVA_OPTS=${JAVA_OPTS:--Xms192m -Xmx192m -XX:+UseParallelGC -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=64m -Xss512k}
OUT=bench-results
mkdir -p "$OUT"

ensure_packages java:openjdk-17-jdk-headless mvn:maven wrk:wrk pgbench:postgresql-contrib jq:jq curl:curl
ensure_postgres

echo "[bench] building the jar"
mvn -B -q package -DskipTests

DB=ag_bench_$(date +%s)
psql "$PG_SERVER_URL" -qc "CREATE DATABASE $DB"
export DATABASE_URL="${PG_SERVER_URL%/*}/$DB"
export JWT_SECRET=bench-secret-of-at-least-thirty-two-bytes
export WALLET_MASTER_KEY=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
export HTTP_PORT=$PORT
export RATE_LIMIT_ENABLED=false # the off switch for load tests: one client is the whole load here
export ACCESS_LOG_ENABLED=false # a line per request costs as much as the request on 2 cores; see README
export METRICS_ENABLED=${METRICS_ENABLED:-false} # Vert.x's per-request HTTP metrics cost ~15-25% here; see README
JAR=target/asset-gateway.jar
BASE=http://127.0.0.1:$PORT
SERVER_PID=

cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  if [ -z "${KEEP_DB:-}" ]; then psql "$PG_SERVER_URL" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true; fi
}
trap cleanup EXIT

echo "[bench] starting the server on :$PORT (database $DB) with $JAVA_OPTS"
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  curl -sf "$BASE/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "[bench] server died:"; tail -20 "$OUT/server.log"; exit 1; }
  sleep 0.5
done

echo "[bench] seeding: $BENCH_ACCOUNTS measured + $WARM_ACCOUNTS warm-up + $PGBENCH_ACCOUNTS pgbench accounts"
CLIENT=$(java -jar "$JAR" clients create --name bench --max-wallets 1000 2>/dev/null)
CLIENT_ID=$(jq -r .client_id <<<"$CLIENT")
API_KEY=$(jq -r .api_key <<<"$CLIENT")
API_SECRET=$(jq -r .api_secret <<<"$CLIENT")
seed() { java -jar "$JAR" seed --client "$CLIENT_ID" --chain ethereum --accounts "$1" --wallets 20 2>/dev/null | jq -r .account_id > "$2"; }
seed "$BENCH_ACCOUNTS" "$OUT/accounts-bench.txt"
seed "$WARM_ACCOUNTS" "$OUT/accounts-warm.txt"
seed "$PGBENCH_ACCOUNTS" "$OUT/accounts-pgbench.txt"
# every EVM (chain, symbol) the registry offers: an ethereum account may hold each of them
jq -r '(.chains | map(select(.family == "EVM")) | map(.chain)) as $evm
       | .assets[] | select(.chain as $c | $evm | index($c)) | "\(.chain) \(.symbol)"' conf/asset-registry.json \
  > "$OUT/combos.txt"
echo "[bench] $(wc -l < "$OUT/combos.txt") (chain, symbol) pairs per account"

TOKEN=$(curl -sf -X POST "$BASE/api/v1/auth/token" -H "X-API-Key: $API_KEY" -H "X-API-Secret: $API_SECRET" | jq -r .token)
count_assets() { psql "$DATABASE_URL" -Atc "SELECT count(*) FROM assets"; }
run_wrk() { # name duration script args...
  local name=$1 duration=$2 script=$3
  shift 3
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${duration}s" --latency -s "src/bench/$script" "$BASE" -- "$@" > "$OUT/$name.txt"
  grep '^RESULT ' "$OUT/$name.txt" | cut -d' ' -f2-
}

echo "[bench] warm-up ${WARMUP}s"
run_wrk warm-assets "$WARMUP" add-asset.lua "$OUT/accounts-warm.txt" "$OUT/combos.txt" "$TOKEN" "$THREADS" >/dev/null
run_wrk warm-token 3 token.lua "$API_KEY" "$API_SECRET" >/dev/null
run_wrk warm-health 3 health.lua >/dev/null

echo "[bench] Add Asset ${DURATION}s at $CONNECTIONS connections"
before=$(count_assets)
ASSETS=$(run_wrk assets "$DURATION" add-asset.lua "$OUT/accounts-bench.txt" "$OUT/combos.txt" "$TOKEN" "$THREADS")
after=$(count_assets)
echo "[bench] token issuance and health, 10s each"
TOKENS=$(run_wrk token 10 token.lua "$API_KEY" "$API_SECRET")
HEALTH=$(run_wrk health 10 health.lua)
RSS_KB=$(awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status")
HWM_KB=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=

echo "[bench] pgbench ceiling ${DURATION}s at $CONNECTIONS clients"
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
pgbench -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" -f src/bench/pgbench-insert.sql "$DATABASE_URL" \
  > "$OUT/pgbench.txt" 2>&1
PG_TPS=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' "$OUT/pgbench.txt")
[ -n "$PG_TPS" ] || PG_TPS=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$OUT/pgbench.txt" | tail -n 1)

python3 - "$ASSETS" "$TOKENS" "$HEALTH" "$PG_TPS" "$before" "$after" "$RSS_KB" "$HWM_KB" "$CONNECTIONS" "$DURATION" \
  > "$OUT/summary.txt" <<'PY'
import json, sys
assets, tokens, health = (json.loads(a) for a in sys.argv[1:4])
pg_tps = float(sys.argv[4]); before, after = int(sys.argv[5]), int(sys.argv[6])
rss, hwm = int(sys.argv[7]) / 1024, int(sys.argv[8]) / 1024
conns, duration = sys.argv[9], sys.argv[10]
def rate(r): return r["requests"] / (r["duration_us"] / 1e6)
created = after - before
ok_responses = assets["requests"] - assets["non2xx"]
# wrk counts the responses that arrived within the window; requests still in flight when it stops may
# commit too, so the database may hold up to one more row per connection than wrk saw 2xx answers.
assets_s = ok_responses / (assets["duration_us"] / 1e6)
ratio = assets_s / pg_tps
token_s, health_s = rate(tokens), rate(health)
p50, p99 = assets["p50_us"] / 1000, assets["p99_us"] / 1000
rows = [
  ("Add Asset: assets created/s", f"{assets_s:,.0f}", ""),
  ("pgbench single-row insert tps (same PostgreSQL)", f"{pg_tps:,.0f}", ""),
  ("ratio assets/s : pgbench tps", f"{ratio:.2f}x", "target >= 1.5x", ratio >= 1.5),
  ("Add Asset p50 latency", f"{p50:.1f} ms", ""),
  ("Add Asset p99 latency", f"{p99:.1f} ms", "target <= 25 ms", p99 <= 25),
  ("Add Asset non-2xx / socket errors", f"{assets['non2xx']} / {assets['socket_errors']}", "target 0",
   assets["non2xx"] == 0 and assets["socket_errors"] == 0),
  ("rows in the database vs 2xx answers", f"{created:,} vs {ok_responses:,}", "2xx <= rows <= 2xx + connections",
   ok_responses <= created <= ok_responses + int(conns)),
  ("server RSS at end / peak", f"{rss:.0f} / {hwm:.0f} MiB", "target <= 350 MiB", hwm <= 350),
  ("POST /api/v1/auth/token requests/s", f"{token_s:,.0f}", ""),
  ("GET /health requests/s", f"{health_s:,.0f}", ""),
  ("token : health", f"{token_s / health_s:.2f}x", "target >= 0.5x", token_s / health_s >= 0.5),
]
print(f"asset-gateway benchmark: {conns} connections, {duration} s per run")
print(f"{'figure':50} {'value':>22}  target")
ok = True
for row in rows:
  name, value, target = row[:3]
  mark = ""
  if len(row) == 4:
    mark = "  ok" if row[3] else "  MISSED"
    ok = ok and row[3]
  print(f"{name:50} {value:>22}  {target}{mark}")
print("all targets met" if ok else "some targets missed")
PY
cat "$OUT/summary.txt"
echo "[bench] raw outputs in $OUT/"
