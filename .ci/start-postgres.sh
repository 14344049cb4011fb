#!/usr/bin/env bash
# Starts Debian's PostgreSQL on loopback with a throwaway superuser for the
# tests, and prints the URL they use (POSTBAG_TEST_POSTGRES_URL).
set -euo pipefail
# Only the URL goes to standard output: everything else to standard error.
exec 3>&1 1>&2
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -h 127.0.0.1 -q && break
  sleep 1
done
su postgres -c "psql -q -v ON_ERROR_STOP=1 -c \"DO \\\$\\\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'postbag_test') THEN
    CREATE ROLE postbag_test LOGIN SUPERUSER PASSWORD 'postbag_test';
  END IF; END \\\$\\\$;\"" >/dev/null
echo "postgres://postbag_test:postbag_test@127.0.0.1:5432/postgres" >&3
