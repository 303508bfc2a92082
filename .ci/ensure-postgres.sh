#!/usr/bin/env bash
# Sourced by .ci/run and src/bench/run.sh: makes sure a PostgreSQL server answers on 127.0.0.1:5432
# (installing and starting the distribution's one if needed) and sets PG_SERVER_URL to a superuser URL.
set -euo pipefail

ensure_packages() {
  local missing=()
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then missing+=(postgresql); fi
  if [ ${#missing[@]} -gt 0 ]; then
    echo "[setup] installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

ensure_postgres() {
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
    echo "[setup] starting PostgreSQL $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  fi
  for _ in $(seq 1 60); do
    pg_isready -h 127.0.0.1 -p 5432 -q && break
    sleep 1
  done
  pg_isready -h 127.0.0.1 -p 5432 || { echo "[setup] PostgreSQL did not come up on 127.0.0.1:5432"; return 1; }
  # This machine's server trusts local TCP connections; a freshly installed one wants a password instead.
  PG_SERVER_URL=postgresql://postgres@127.0.0.1:5432/postgres
  if ! PGCONNECT_TIMEOUT=5 psql "$PG_SERVER_URL" -Atqc 'select 1' >/dev/null 2>&1; then
    echo "[setup] giving the postgres role a password for TCP connections"
    su postgres -c "psql -q -c \"ALTER ROLE postgres PASSWORD 'postgres'\""
    PG_SERVER_URL=postgresql://postgres:postgres@127.0.0.1:5432/postgres
    PGCONNECT_TIMEOUT=5 psql "$PG_SERVER_URL" -Atqc 'select 1' >/dev/null
  fi
  export PG_SERVER_URL
}
