#!/usr/bin/env bash
# Starts Debian's PostgreSQL on loopback with a throwaway superuser for the
# tests. .ci/run sets POSTBAG_TEST_POSTGRES_URL to match.
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
# The server outlives this script: it must not hold any of the caller's
# pipes open (a CI log, a command substitution), or the caller waits for it
# forever. Its own log is in /var/log/postgresql.
if ! pg_isready -h 127.0.0.1 -q; then
  setsid pg_ctlcluster "$version" main start </dev/null >/dev/null 2>&1 || true
fi
for _ in $(seq 1 30); do
  pg_isready -h 127.0.0.1 -q && break
  sleep 1
done
pg_isready -h 127.0.0.1 || {
  echo "PostgreSQL did not start; see /var/log/postgresql" >&2
  exit 1
}
su postgres -c "psql -q -v ON_ERROR_STOP=1 -c \"DO \\\$\\\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'postbag_test') THEN
    CREATE ROLE postbag_test LOGIN SUPERUSER PASSWORD 'postbag_test';
  END IF; END \\\$\\\$;\"" </dev/null
# A throwaway server for tests: nothing on it must survive a crash, so it
# does not wait for the disk at each commit or database copy (every test
# file copies the template database).
su postgres -c "psql -q -v ON_ERROR_STOP=1 -c 'ALTER SYSTEM SET fsync = off' \
  -c 'ALTER SYSTEM SET synchronous_commit = off' -c 'ALTER SYSTEM SET full_page_writes = off' \
  -c 'SELECT pg_reload_conf()'" </dev/null >/dev/null
