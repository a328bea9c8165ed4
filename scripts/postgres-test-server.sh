#!/usr/bin/env bash
# Starts a local PostgreSQL server for the store, queue and fleet tests (Debian's `postgresql` package) and
# prints the admin URL the tests read from FWASSURE_TEST_POSTGRES. Idempotent; needs root (CI runs as root).
set -euo pipefail
# Only the URL goes to stdout: pg_ctlcluster and friends print notes there ("Cluster is already running.").
exec 3>&1 1>&2
if ! command -v pg_lsclusters >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || true
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
read -r ver cluster _ < <(pg_lsclusters -h | head -1)
if [ -z "${ver:-}" ]; then
  ver=$(ls /usr/lib/postgresql | sort -V | tail -1); cluster=main
  pg_createcluster "$ver" "$cluster" >/dev/null
fi
pg_ctlcluster "$ver" "$cluster" start 3>&- 2>/dev/null || true
port=$(pg_lsclusters -h | awk -v v="$ver" -v c="$cluster" '$1==v && $2==c {print $3}')
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$port" && break; sleep 1; done
su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_roles WHERE rolname='fwassure'\"" | grep -q 1 ||
  su postgres -c "psql -q -p $port -c \"CREATE ROLE fwassure LOGIN SUPERUSER PASSWORD 'fwassure'\"" >/dev/null
echo "postgres://fwassure:fwassure@127.0.0.1:$port/postgres" >&3
