#!/usr/bin/env bash
# What observability costs: BENCH_MODE=observability bash src/bench/run.sh (or bash src/bench/observability.sh).
#
# Two runs of run.sh one after the other (as shipped, then with ACCESS_LOG_ENABLED=false METRICS_ENABLED=false)
# cannot measure a cost of a few percent on a shared machine: its speed drifts by more than that from minute to
# minute, with no steal to show for it (one afternoon: 14,000 to 20,000 assets/s within one configuration). So this
# mode runs both servers at once, on one fresh database of the local PostgreSQL: "on" as the README starts it
# (metrics and an access line per request, its output to bench-results/observability-on.log) and "off" with both
# switched off. wrk drives one of them at a time, in short windows, in ABBA order (on-off, off-on, ...), each
# window on accounts of its own; drift between neighbouring windows cancels out, and a round is one on and one off
# window side by side. The idle server costs next to nothing meanwhile (its timers). It prints, per configuration, the mean assets/s and
# server CPU per asset, and the cost: the mean over the rounds of (on / off - 1), with its standard error.
# Knobs (environment): ROUNDS (24) WINDOW (6 s) WINDOW_ACCOUNTS (12000) WARMUP (15 s) CONNECTIONS THREADS PORT
# (on: PORT, off: PORT + 1) JAVA_OPTS KEEP_DB.
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/ensure-postgres.sh

ROUNDS=${ROUNDS:-24}
WINDOW=${WINDOW:-6}
WINDOW_ACCOUNTS=${WINDOW_ACCOUNTS:-12000} # 19 assets each: room for 38,000 assets/s in a 6 s window

source src/bench/server.sh
bench_prepare
start_bench_server observability ag_obs "$OUT/observability-on.log"
ON_PID=$SERVER_PID
OFF_PORT=$((PORT + 1))
echo "[observability] starting the second server on :$OFF_PORT with ACCESS_LOG_ENABLED=false METRICS_ENABLED=false"
# shellcheck disable=SC2086
HTTP_PORT=$OFF_PORT ACCESS_LOG_ENABLED=false METRICS_ENABLED=false java $JAVA_OPTS -jar "$JAR" \
  > "$OUT/observability-off.log" 2>&1 &
OFF_PID=$!
stop_both() {
  kill "$OFF_PID" 2>/dev/null && wait "$OFF_PID" 2>/dev/null || true
  stop_bench_server
}
trap stop_both EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$OFF_PORT/health" >/dev/null 2>&1 && break
  kill -0 "$OFF_PID" 2>/dev/null || { echo "[observability] the second server died:"; tail -20 "$OUT/observability-off.log"; exit 1; }
  sleep 0.5
done

WINDOWS=$((2 * ROUNDS + 2))
echo "[observability] seeding $((WINDOWS * WINDOW_ACCOUNTS)) accounts ($WINDOW_ACCOUNTS per window)"
CLIENT=$(java -jar "$JAR" clients create --name observability --max-wallets 1000 2>/dev/null)
CLIENT_ID=$(jq -r .client_id <<<"$CLIENT")
TOKEN=$(curl -sf -X POST "$BASE/api/v1/auth/token" -H "X-API-Key: $(jq -r .api_key <<<"$CLIENT")" \
  -H "X-API-Secret: $(jq -r .api_secret <<<"$CLIENT")" | jq -r .token) # both servers share JWT_SECRET
rm -f "$OUT"/observability-accounts-*
java -jar "$JAR" seed --client "$CLIENT_ID" --chain ethereum --accounts $((WINDOWS * WINDOW_ACCOUNTS)) --wallets 100 \
  2>/dev/null | jq -r .account_id | split -l "$WINDOW_ACCOUNTS" -d -a 3 - "$OUT/observability-accounts-"
evm_combos > "$OUT/combos.txt"
warm_wal

WINDOWS_FILE=$OUT/observability-windows.jsonl
: > "$WINDOWS_FILE"
next_accounts=0
window() { # config seconds
  local config=$1 seconds=$2 port=$PORT pid=$ON_PID accounts server0 pg0 steal0 server1 pg1 steal1
  if [ "$config" = off ]; then port=$OFF_PORT; pid=$OFF_PID; fi
  accounts=$OUT/observability-accounts-$(printf %03d "$next_accounts")
  next_accounts=$((next_accounts + 1))
  server0=$(process_cpu_ticks "$pid"); pg0=$(postgres_cpu_ticks); steal0=$(steal_ticks)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency -s src/bench/add-asset.lua "http://127.0.0.1:$port" \
    -- "$accounts" "$OUT/combos.txt" "$TOKEN" "$THREADS" spread > "$OUT/observability-wrk.txt"
  server1=$(process_cpu_ticks "$pid"); pg1=$(postgres_cpu_ticks); steal1=$(steal_ticks)
  grep '^RESULT ' "$OUT/observability-wrk.txt" | cut -d' ' -f2- | jq -c --arg config "$config" \
    --argjson server $((server1 - server0)) --argjson pg $((pg1 - pg0)) --argjson steal $((steal1 - steal0)) \
    '{config: $config, server_ticks: $server, pg_ticks: $pg, steal_ticks: $steal} + .' >> "$WINDOWS_FILE"
}
echo "[observability] warm-up ${WARMUP}s each"
window on "$WARMUP"; window off "$WARMUP"
: > "$WINDOWS_FILE"
echo "[observability] $ROUNDS rounds of two ${WINDOW}s windows at $CONNECTIONS connections (ABBA order)"
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then window on "$WINDOW"; window off "$WINDOW"; else window off "$WINDOW"; window on "$WINDOW"; fi
done

python3 - "$WINDOWS_FILE" "$(getconf CLK_TCK)" "$CONNECTIONS" "$WINDOW" "$JAVA_OPTS" > "$OUT/observability-summary.txt" <<'PY'
import json, statistics, sys
windows = [json.loads(line) for line in open(sys.argv[1])]
hz, conns, window, flags = int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
def assets(w): return w["requests"] - w["non2xx"]
def rate(w): return assets(w) / (w["duration_us"] / 1e6)
def us_per_asset(w, key): return w[key] / hz * 1e6 / max(assets(w), 1)
rounds = [(windows[i], windows[i + 1]) if windows[i]["config"] == "on" else (windows[i + 1], windows[i])
          for i in range(0, len(windows) - 1, 2)]
costs = [rate(on) / rate(off) - 1 for on, off in rounds]
cost = statistics.mean(costs)
error = statistics.stdev(costs) / len(costs) ** 0.5 if len(costs) > 1 else float("nan")
steal = max(w["steal_ticks"] / hz / (w["duration_us"] / 1e6) for w in windows)
non2xx = sum(w["non2xx"] + w["socket_errors"] for w in windows)
print(f"asset-gateway observability cost: {len(rounds)} rounds of two {window} s windows at {conns} connections,"
      f" Add Asset spread; JVM flags: {flags or '(none)'}")
for name, pick in (("on  (as shipped: metrics, access log)", 0), ("off (ACCESS_LOG_ENABLED=false METRICS_ENABLED=false)", 1)):
  ws = [r[pick] for r in rounds]
  print(f"  {name:55} {statistics.mean(rate(w) for w in ws):8,.0f} assets/s, server CPU"
        f" {statistics.mean(us_per_asset(w, 'server_ticks') for w in ws):5.1f} µs/asset, PostgreSQL"
        f" {statistics.mean(us_per_asset(w, 'pg_ticks') for w in ws):5.1f} µs/asset")
print(f"  windows' assets/s: on {min(rate(r[0]) for r in rounds):,.0f} to {max(rate(r[0]) for r in rounds):,.0f},"
      f" off {min(rate(r[1]) for r in rounds):,.0f} to {max(rate(r[1]) for r in rounds):,.0f}")
ok = -cost <= 0.10 and non2xx == 0
print(f"  cost of observability {-100 * cost:.1f} % of throughput (standard error {100 * error:.1f} points)"
      f"  target <= 10 %  {'ok' if -cost <= 0.10 else 'MISSED'}")
print(f"  non-2xx / socket errors {non2xx}  target 0  {'ok' if non2xx == 0 else 'MISSED'}")
print(f"  host steal: at most {steal:.2f} cores in a window")
print("all targets met" if ok else "some targets missed")
PY
cat "$OUT/observability-summary.txt"
echo "[observability] raw outputs in $OUT/observability-*"
