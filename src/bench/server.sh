# Shared by run.sh, growth.sh and observability.sh (sourced from the repository root, after .ci/ensure-postgres.sh,
# then bench_prepare): the knobs they share, and start_bench_server, which builds the jar, makes a fresh database on
# the local PostgreSQL, starts the jar on it as the README's run command does (its JVM flags, the default
# configuration; RATE_LIMIT_ENABLED=false, as documented for load tests: one client is the whole load), and on exit
# stops it and drops the database (KEEP_DB=1 keeps it).
# Reads PG_SERVER_URL; sets JAVA_OPTS, JAR, BASE, DB, DATABASE_URL and SERVER_PID.

DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-15} # the JIT is still compiling after 5 s (C2 took 7% of the server's CPU in the measured window)
PORT=${PORT:-18080}

# The JVM flags of the README's run command ("java <flags> -jar target/asset-gateway.jar"), so the benchmark
# measures what users start; JAVA_OPTS overrides them only for experiments.
README_FLAGS=$(grep -m1 -o 'java [^&]*-jar target/asset-gateway.jar' README.md | sed -e 's/^java //' -e 's/ *-jar target\/asset-gateway.jar$//')
JAVA_OPTS=${JAVA_OPTS:-$README_FLAGS}
JAR=target/asset-gateway.jar
BASE=http://127.0.0.1:$PORT
SERVER_PID=
DB=

# Every benchmark's start: the output directory, the tools it runs (plus any given as command:package), PostgreSQL up.
bench_prepare() {
  OUT=bench-results
  mkdir -p "$OUT"
  ensure_packages java:openjdk-17-jdk-headless mvn:maven wrk:wrk psql:postgresql-client jq:jq curl:curl \
    python3:python3 "$@"
  ensure_postgres
}

# Every EVM (chain, symbol) the registry offers, one "chain symbol" line each: an ethereum account may hold each.
evm_combos() {
  jq -r '(.chains | map(select(.family == "EVM")) | map(.chain)) as $evm
         | .assets[] | select(.chain as $c | $evm | index($c)) | "\(.chain) \(.symbol)"' conf/asset-registry.json
}

# CPU time in clock ticks (user + system): of one process, all its threads; of PostgreSQL, all its processes; and
# the host's steal, the time the hypervisor gave this machine's virtual CPUs to someone else (a slow run on a busy
# host shows it).
process_cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
postgres_cpu_ticks() {
  for p in $(pgrep -x postgres); do awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null; done | awk '{s += $1} END {print s + 0}'
}
steal_ticks() { awk '/^cpu / {print $9}' /proc/stat; }

stop_bench_server() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  if [ -n "$DB" ] && [ -z "${KEEP_DB:-}" ]; then
    psql "$PG_SERVER_URL" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
  fi
}

# A PostgreSQL cluster that has written little WAL so far creates a new 16 MB segment file (zero-filled, then fsynced)
# each time its WAL grows past the last one; a cluster that has been running a while recycles old segment files
# instead. On a new machine's first benchmark run that showed as commit stalls of 45 to 100 ms about once a second
# (every batch of both event loops answered late together; the segment files' creation times matched the stalls),
# and a second run on the same cluster did not have them. So before measuring, the benchmark brings the cluster to
# the state of one in service: it switches through max_wal_size of segments (a one-line WAL record, then a switch)
# and checkpoints, which leaves those files recycled for the runs. About a second on a new cluster, less otherwise.
warm_wal() {
  psql "$DATABASE_URL" -XAtq -c "SELECT count(*) FROM (SELECT pg_logical_emit_message(false, 'asset-gateway-bench',
      'warm'), pg_switch_wal() FROM generate_series(1, pg_size_bytes(current_setting('max_wal_size'))
      / pg_size_bytes(current_setting('wal_segment_size')))) switched" \
    -c "CHECKPOINT" > /dev/null
}

start_bench_server() { # log-tag database-prefix server-log-file
  local tag=$1 log=$3
  echo "[$tag] building the jar"
  mvn -B -q package -DskipTests
  DB=$2_$(date +%s)
  psql "$PG_SERVER_URL" -qc "CREATE DATABASE $DB"
  trap stop_bench_server EXIT
  export DATABASE_URL="${PG_SERVER_URL%/*}/$DB"
  export JWT_SECRET=bench-secret-of-at-least-thirty-two-bytes
  WALLET_MASTER_KEY=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
  export WALLET_MASTER_KEY
  export HTTP_PORT=$PORT
  export RATE_LIMIT_ENABLED=false
  echo "[$tag] starting the server on :$PORT (database $DB) with $JAVA_OPTS"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$JAR" > "$log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    curl -sf "$BASE/health" >/dev/null 2>&1 && return
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "[$tag] server died:"; tail -20 "$log"; exit 1; }
    sleep 0.5
  done
}
