#!/usr/bin/env bash
# The data-growth benchmark: BENCH_MODE=growth bash src/bench/run.sh (or bash src/bench/growth.sh).
#
# On a fresh database of the local PostgreSQL, with the jar serving it as in the normal run (the README's JVM flags, metrics and access log on):
#   1. Add Asset on the empty table: RUNS runs measured exactly like the normal run (wrk, DURATION s at CONNECTIONS
#      connections, distinct successful POST /api/v1/assets of one client on freshly seeded accounts);
#   2. loads 10,000,000 rows into assets (src/bench/growth-load.sql: INSERT ... SELECT from generate_series, 1,000
#      clients with 900 accounts of 10 assets each, plus a big client with 1,000,000 accounts of one asset each, in
#      10 wallets), then VACUUM ANALYZE and CHECKPOINT;
#   3. Add Asset again, RUNS runs the same way, and compares with step 1;
#   4. the big client's lists: GET /api/v1/assets and /api/v1/accounts (whole client and one wallet) at pages 1, 1,000
#      and deeper, page_size 10: each checked against count(*) once, warmed up LIST_WARMUP s, then measured
#      LIST_DURATION s at LIST_CONNECTIONS connections, LIST_RUNS times (p50 and p99);
#   5. Add Asset into the big client's existing accounts (a second asset on random old accounts, spread over the
#      indexes instead of at their right edge), RUNS runs.
# COUNTER_AB=1 adds, before each run of steps 1 and 3, one with the list-count trigger on assets switched off (its cost
# on Add Asset, measured side by side; the Add Asset client's counts are then not kept, the big client's are).
# Prints the figures; raw outputs in bench-results/growth-*. The database is dropped at the end (KEEP_DB=1 keeps it).
# Knobs (environment): DURATION CONNECTIONS THREADS WARMUP PORT RUNS BENCH_ACCOUNTS LIST_DURATION LIST_CONNECTIONS
# LIST_RUNS LIST_WARMUP COUNTER_AB JAVA_OPTS KEEP_DB, and the load's shape: LOAD_CLIENTS LOAD_ACCOUNTS_PER_CLIENT LOAD_ASSETS_PER_ACCOUNT
# BIG_ACCOUNTS BIG_WALLETS.
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/ensure-postgres.sh

RUNS=${RUNS:-2}
COUNTER_AB=${COUNTER_AB:-0}
BENCH_ACCOUNTS=${BENCH_ACCOUNTS:-40000}
WARM_ACCOUNTS=${WARM_ACCOUNTS:-10000}
LIST_DURATION=${LIST_DURATION:-8}
LIST_CONNECTIONS=${LIST_CONNECTIONS:-2}
LIST_RUNS=${LIST_RUNS:-2}
LIST_WARMUP=${LIST_WARMUP:-2}
LOAD_CLIENTS=${LOAD_CLIENTS:-1000}
LOAD_ACCOUNTS_PER_CLIENT=${LOAD_ACCOUNTS_PER_CLIENT:-900}
LOAD_ASSETS_PER_ACCOUNT=${LOAD_ASSETS_PER_ACCOUNT:-10}
BIG_ACCOUNTS=${BIG_ACCOUNTS:-1000000}
BIG_WALLETS=${BIG_WALLETS:-10}

source src/bench/server.sh
bench_prepare
start_bench_server growth ag_growth "$OUT/growth-server.log"

alive() { # the server still runs, else its log and exit
  kill -0 "$SERVER_PID" 2>/dev/null && return
  echo "[growth] the server exited (its log: $OUT/growth-server.log):"; tail -5 "$OUT/growth-server.log"; SERVER_PID=; exit 1
}
token() {
  local answer
  alive
  answer=$(curl -s -X POST "$BASE/api/v1/auth/token" -H "X-API-Key: $1" -H "X-API-Secret: $2")
  jq -er .token <<<"$answer" 2>/dev/null || { echo "[growth] no token: $answer" >&2; exit 1; }
}
sql() { psql "$DATABASE_URL" -XAtqc "$1"; }
run_wrk() { # name duration connections script args...
  local name=$1 duration=$2 connections=$3 script=$4
  shift 4
  wrk -t"$THREADS" -c"$connections" -d"${duration}s" --latency -s "src/bench/$script" "$BASE" -- "$@" \
    > "$OUT/growth-$name.txt"
  grep '^RESULT ' "$OUT/growth-$name.txt" | cut -d' ' -f2-
}
RESULTS=$OUT/growth-results.jsonl
: > "$RESULTS"
record() { # phase name result-json [extra-json]
  local extra=${4:-'{}'}
  jq -cn --arg phase "$1" --arg name "$2" --argjson r "$3" --argjson extra "$extra" \
    '{phase: $phase, name: $name} + $r + $extra' >> "$RESULTS"
}
add_asset_run() { # phase name accounts-file combos-file token
  local before after result
  before=$(sql "SELECT count(*) FROM assets")
  result=$(run_wrk "$2" "$DURATION" "$CONNECTIONS" add-asset.lua "$3" "$4" "$5" "$THREADS")
  after=$(sql "SELECT count(*) FROM assets")
  record "$1" "$2" "$result" "{\"rows_before\": $before, \"rows_created\": $((after - before))}"
  echo "[growth]   $2: $(jq -r '"\(.requests - .non2xx) answers 2xx, p50 \(.p50_us / 1000) ms, p99 \(.p99_us / 1000) ms"' <<<"$result"), $before rows before"
}

SETS=$((2 * RUNS * (COUNTER_AB == 1 ? 2 : 1)))
echo "[growth] seeding the Add Asset client: $SETS x $BENCH_ACCOUNTS measured + 2 x $WARM_ACCOUNTS warm-up accounts"
CLIENT=$(java -jar "$JAR" clients create --name growth-bench --max-wallets 1000 2>/dev/null)
CLIENT_ID=$(jq -r .client_id <<<"$CLIENT")
API_KEY=$(jq -r .api_key <<<"$CLIENT")
API_SECRET=$(jq -r .api_secret <<<"$CLIENT")
java -jar "$JAR" seed --client "$CLIENT_ID" --chain ethereum --accounts $((SETS * BENCH_ACCOUNTS + 2 * WARM_ACCOUNTS)) \
  --wallets 20 2>/dev/null | jq -r .account_id > "$OUT/growth-accounts.txt"
cut_set() { sed -n "$(($2 + 1)),$(($2 + $3))p" "$OUT/growth-accounts.txt" > "$OUT/growth-accounts-$1.txt"; }
for i in $(seq 1 "$SETS"); do cut_set "$i" $(((i - 1) * BENCH_ACCOUNTS)) "$BENCH_ACCOUNTS"; done
cut_set warm1 $((SETS * BENCH_ACCOUNTS)) "$WARM_ACCOUNTS"
cut_set warm2 $((SETS * BENCH_ACCOUNTS + WARM_ACCOUNTS)) "$WARM_ACCOUNTS"
evm_combos > "$OUT/growth-combos.txt"

warm_wal # PostgreSQL's WAL files as in a cluster in service (src/bench/server.sh)
echo "[growth] 1. Add Asset on the empty table (warm-up ${WARMUP}s, then $RUNS x ${DURATION}s at $CONNECTIONS connections)"
TOKEN=$(token "$API_KEY" "$API_SECRET")
run_wrk warm-empty "$WARMUP" "$CONNECTIONS" add-asset.lua "$OUT/growth-accounts-warm1.txt" "$OUT/growth-combos.txt" \
  "$TOKEN" "$THREADS" >/dev/null
NEXT_SET=0
measured_runs() { # phase: RUNS runs on fresh account sets; with COUNTER_AB=1 each beside one without the trigger
  local r
  for r in $(seq 1 "$RUNS"); do
    if [ "$COUNTER_AB" = 1 ] && [ $((r % 2)) = 1 ]; then without_trigger "$1" "$r"; fi
    NEXT_SET=$((NEXT_SET + 1))
    add_asset_run "$1" "add-asset-$1-$r" "$OUT/growth-accounts-$NEXT_SET.txt" "$OUT/growth-combos.txt" "$TOKEN"
    if [ "$COUNTER_AB" = 1 ] && [ $((r % 2)) = 0 ]; then without_trigger "$1" "$r"; fi # alternate the order
  done
}
without_trigger() { # phase run
  sql "ALTER TABLE assets DISABLE TRIGGER assets_counted_on_insert"
  NEXT_SET=$((NEXT_SET + 1))
  add_asset_run "$1-off" "add-asset-$1-off-$2" "$OUT/growth-accounts-$NEXT_SET.txt" "$OUT/growth-combos.txt" "$TOKEN"
  sql "ALTER TABLE assets ENABLE TRIGGER assets_counted_on_insert"
}
measured_runs empty

echo "[growth] 2. loading: $LOAD_CLIENTS clients x $LOAD_ACCOUNTS_PER_CLIENT accounts x $LOAD_ASSETS_PER_ACCOUNT assets" \
  "+ a client with $BIG_ACCOUNTS accounts of one asset each"
BIG=$(java -jar "$JAR" clients create --name growth-big 2>/dev/null)
BIG_ID=$(jq -r .client_id <<<"$BIG")
if [ "$(wc -l < "$OUT/growth-combos.txt")" -lt "$LOAD_ASSETS_PER_ACCOUNT" ]; then
  echo "[growth] LOAD_ASSETS_PER_ACCOUNT is more than the registry offers an ethereum account"; exit 2
fi
load_start=$(date +%s)
psql "$DATABASE_URL" -X -q -v ON_ERROR_STOP=1 -v big_client="$BIG_ID" -v clients="$LOAD_CLIENTS" \
  -v accounts_per_client="$LOAD_ACCOUNTS_PER_CLIENT" -v assets_per_account="$LOAD_ASSETS_PER_ACCOUNT" \
  -v big_accounts="$BIG_ACCOUNTS" -v big_wallets="$BIG_WALLETS" -v registry="$(jq -c . conf/asset-registry.json)" \
  -f src/bench/growth-load.sql > "$OUT/growth-load.txt" 2>&1 || { cat "$OUT/growth-load.txt"; exit 1; }
LOAD_SECONDS=$(($(date +%s) - load_start))
alive
ROWS=$(sql "SELECT count(*) FROM assets")
SIZES=$(sql "SELECT pg_size_pretty(pg_total_relation_size('assets')) || ' assets, '
             || pg_size_pretty(pg_total_relation_size('accounts')) || ' accounts (with indexes)'")
echo "[growth]   $ROWS rows in assets after ${LOAD_SECONDS}s: $SIZES"

echo "[growth] 3. Add Asset with $ROWS rows (warm-up ${WARMUP}s, then $RUNS x ${DURATION}s)"
TOKEN=$(token "$API_KEY" "$API_SECRET") # the load may outlast a token
run_wrk warm-loaded "$WARMUP" "$CONNECTIONS" add-asset.lua "$OUT/growth-accounts-warm2.txt" "$OUT/growth-combos.txt" \
  "$TOKEN" "$THREADS" >/dev/null
measured_runs loaded

echo "[growth] 4. the big client's lists (${LIST_DURATION}s each at $LIST_CONNECTIONS connections, $LIST_RUNS runs)"
BIG_TOKEN=$(token "$(jq -r .api_key <<<"$BIG")" "$(jq -r .api_secret <<<"$BIG")")
BIG_WALLET=$(sql "SELECT wallet_id FROM wallets WHERE client_id = '$BIG_ID' ORDER BY wallet_id LIMIT 1")
BIG_ACCOUNT=$(sql "SELECT account_id FROM accounts WHERE wallet_id = '$BIG_WALLET' ORDER BY account_id LIMIT 1")
BIG_ASSETS=$(sql "SELECT count(*) FROM assets WHERE client_id = '$BIG_ID'")
BIG_ACCOUNTS_NOW=$(sql "SELECT count(*) FROM accounts WHERE client_id = '$BIG_ID'")
WALLET_ACCOUNTS=$(sql "SELECT count(*) FROM accounts WHERE wallet_id = '$BIG_WALLET'")
LISTS=(
  "assets-page-1|/api/v1/assets?page=1|$BIG_ASSETS"
  "assets-page-1000|/api/v1/assets?page=1000|$BIG_ASSETS"
  "assets-page-50000|/api/v1/assets?page=50000|$BIG_ASSETS"
  "assets-past-the-end|/api/v1/assets?page=10000000&page_size=100|$BIG_ASSETS"
  "assets-of-an-account|/api/v1/assets?account_id=$BIG_ACCOUNT|1"
  "accounts-page-1|/api/v1/accounts?page=1|$BIG_ACCOUNTS_NOW"
  "accounts-page-1000|/api/v1/accounts?page=1000|$BIG_ACCOUNTS_NOW"
  "accounts-of-a-wallet-page-1|/api/v1/accounts?wallet_id=$BIG_WALLET&page=1|$WALLET_ACCOUNTS"
  "accounts-of-a-wallet-page-1000|/api/v1/accounts?wallet_id=$BIG_WALLET&page=1000|$WALLET_ACCOUNTS"
)
for entry in "${LISTS[@]}"; do # warm-up: every list once through the JIT, unrecorded
  IFS='|' read -r name path expected <<<"$entry"
  run_wrk "list-warm-$name" "$LIST_WARMUP" "$LIST_CONNECTIONS" list.lua "$path" "$BIG_TOKEN" >/dev/null
done
for entry in "${LISTS[@]}"; do
  IFS='|' read -r name path expected <<<"$entry"
  answer=$(curl -sf "$BASE$path" -H "Authorization: Bearer $BIG_TOKEN")
  total=$(jq .total <<<"$answer")
  shown=$(jq '.data | length' <<<"$answer")
  has_more=$(jq .has_more <<<"$answer")
  [ "$total" = "$expected" ] || { echo "[growth] $name: total $total, but the table holds $expected"; exit 1; }
  for r in $(seq 1 "$LIST_RUNS"); do
    result=$(run_wrk "list-$name-$r" "$LIST_DURATION" "$LIST_CONNECTIONS" list.lua "$path" "$BIG_TOKEN")
    record list "$name" "$result" "{\"run\": $r, \"path\": \"$path\", \"total\": $total, \"shown\": $shown,
      \"has_more\": $has_more}"
    echo "[growth]   $name run $r: $(jq -r '"p50 \(.p50_us / 1000) ms, p99 \(.p99_us / 1000) ms, \(.non2xx) non-2xx"' <<<"$result") (total $total = count(*))"
  done
done

echo "[growth] 5. Add Asset into the big client's existing accounts ($RUNS x ${DURATION}s)"
for r in $(seq 1 "$RUNS"); do
  sql "SELECT account_id FROM accounts WHERE client_id = '$BIG_ID' AND derivation_index % $RUNS = $((r - 1))
       ORDER BY md5(account_id) LIMIT $BENCH_ACCOUNTS" > "$OUT/growth-big-accounts-$r.txt"
done
grep -v '^ethereum USDT$' "$OUT/growth-combos.txt" > "$OUT/growth-big-combos.txt" # each already holds that one
for r in $(seq 1 "$RUNS"); do
  add_asset_run spread "add-asset-spread-$r" "$OUT/growth-big-accounts-$r.txt" "$OUT/growth-big-combos.txt" "$BIG_TOKEN"
done

python3 - "$RESULTS" "$ROWS" "$LOAD_SECONDS" "$SIZES" "$CONNECTIONS" "$DURATION" "$LIST_CONNECTIONS" "$LIST_DURATION" \
  > "$OUT/growth-summary.txt" <<'PY'
import json, statistics, sys
results = [json.loads(line) for line in open(sys.argv[1])]
rows, load_s, sizes = int(sys.argv[2]), sys.argv[3], sys.argv[4]
conns, duration, list_conns, list_duration = sys.argv[5:9]
def rate(r): return (r["requests"] - r["non2xx"]) / (r["duration_us"] / 1e6)
print(f"asset-gateway data-growth benchmark: {rows:,} rows in assets, loaded in {load_s} s ({sizes})")
print(f"Add Asset: {conns} connections, {duration} s per run")
print(f"{'run':28} {'rows before':>12} {'assets/s':>10} {'p50':>9} {'p99':>9} {'errors':>7}  rows made vs 2xx")
means = {}
ok = True
for phase in ("empty-off", "empty", "loaded-off", "loaded", "spread"):
  runs = [r for r in results if r["phase"] == phase]
  for r in runs:
    print(f"{r['name']:28} {r['rows_before']:>12,} {rate(r):>10,.0f} {r['p50_us'] / 1000:>7.1f}ms"
          f" {r['p99_us'] / 1000:>7.1f}ms {r['non2xx'] + r['socket_errors']:>7}"
          f"  {r['rows_created']:,} vs {r['requests'] - r['non2xx']:,}")
    ok2xx = r["requests"] - r["non2xx"] <= r["rows_created"] <= r["requests"] - r["non2xx"] + int(conns)
    ok = ok and ok2xx and r["non2xx"] + r["socket_errors"] == 0
  if runs: means[phase] = statistics.mean(rate(r) for r in runs)
for phase in ("loaded", "spread"):
  if phase in means and "empty" in means:
    change = means[phase] / means["empty"] - 1
    within = change >= -0.20
    ok = ok and (within or phase == "spread")
    target = "target: within 20%" + ("  ok" if within else "  MISSED") if phase == "loaded" else "(no target)"
    print(f"mean {phase} vs empty: {means[phase]:,.0f} vs {means['empty']:,.0f} assets/s = {change:+.1%}  {target}")
for phase in ("empty", "loaded"):
  if phase + "-off" in means:
    print(f"mean {phase} with vs without the counter trigger: {means[phase]:,.0f} vs {means[phase + '-off']:,.0f}"
          f" assets/s = {means[phase] / means[phase + '-off'] - 1:+.1%}")
print()
print(f"Lists of the big client (page_size 10 unless shown): {list_conns} connections, {list_duration} s per run")
print(f"{'list':34} {'run':>3} {'p50':>9} {'p99':>9} {'req/s':>8}  total, has_more")
targets = {"assets-page-1": 5, "assets-page-1000": 20}
for r in (r for r in results if r["phase"] == "list"):
  p50 = r["p50_us"] / 1000
  mark = ""
  if r["name"] in targets:
    met = p50 <= targets[r["name"]] and r["non2xx"] == 0
    ok = ok and met
    mark = f"  target p50 <= {targets[r['name']]} ms" + ("  ok" if met else "  MISSED")
  print(f"{r['name']:34} {r['run']:>3} {p50:>7.2f}ms {r['p99_us'] / 1000:>7.2f}ms {rate(r):>8,.0f}"
        f"  {r['total']:,}, {str(r['has_more']).lower()}{mark}")
print("all targets met" if ok else "some targets missed")
PY
cat "$OUT/growth-summary.txt"
echo "[growth] raw outputs in $OUT/growth-*"
