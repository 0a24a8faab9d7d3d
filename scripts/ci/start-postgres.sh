#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the collector's storage tests and prints the one line
# the tests read: LASTWORD_TEST_PG_URL=postgres://... . Idempotent: a second call finds the
# running cluster and prints the same line. Throwaway means fast, not durable: fsync is off,
# it listens on 127.0.0.1 only and trusts local connections. Never point it at real data.
#
# `start-postgres.sh stop` stops it again (the data directory is kept for the next start).
# Env (all optional): LASTWORD_TEST_PG_PORT (54329), LASTWORD_TEST_PG_DIR (<tmp>/lastword-test-pg).
# Needs Debian's server package (apt-get install postgresql). postgres refuses to run as root, so
# as root the cluster is owned by and run as the `postgres` user.
set -euo pipefail

port=${LASTWORD_TEST_PG_PORT:-54329}
dir=${LASTWORD_TEST_PG_DIR:-${TMPDIR:-/tmp}/lastword-test-pg}
db=lastword_test
url="postgres://postgres@127.0.0.1:${port}/${db}"

fail() {
  echo "start-postgres: $*" >&2
  exit 1
}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$bin" ] && [ -x "$bin/pg_ctl" ] || fail "no PostgreSQL server found under /usr/lib/postgresql (apt-get install postgresql)"

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [ "${1:-}" = stop ]; then
  [ -s "$dir/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null
  exit 0
fi

ready() { "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -d postgres -U postgres >/dev/null 2>&1; }

if ! ready; then
  if [ ! -s "$dir/PG_VERSION" ]; then
    mkdir -p "$dir"
    chmod 700 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    as_owner "$bin/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir.initdb.log" 2>&1 \
      || fail "initdb failed; see $dir.initdb.log"
  fi
  # The socket goes into the data directory: /var/run/postgresql may not exist or be writable.
  as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null 2>&1 || fail "the server did not start; see $dir/server.log"
fi

exists=$("$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" 2>&1) \
  || fail "cannot connect on 127.0.0.1:$port: $exists"
if [ "$exists" != 1 ]; then
  out=$("$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db" 2>&1) || fail "createdb failed: $out"
fi

echo "LASTWORD_TEST_PG_URL=$url"
