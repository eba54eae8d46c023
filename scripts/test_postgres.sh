# Sourced by scripts/dev.sh test: a throw-away PostgreSQL server for the store's tests.
#
# Installs Debian's `postgresql` package when the server programs are missing (as root, with
# apt-get), creates a cluster in a temporary folder, starts it on a Unix socket in that folder
# (no TCP port), exports EVALUATOR_TEST_POSTGRES (the URL the tests read) and stops the server and
# removes the folder when the script exits, even on failure. The server refuses to run as root,
# so as root it runs as the `postgres` system user (created when missing).
# Without a server the PostgreSQL tests are skipped with a reason — except under CI (CI set),
# where they fail: on CI the store must be tested on a real PostgreSQL.

pg_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

pg_as() {  # run a command as the server's user
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/sh -c "$*"
  else
    sh -c "$*"
  fi
}

start_test_postgres() {
  local bin
  if ! bin=$(pg_bindir); then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      say "installing postgresql for the store's tests"
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; } ||
        say "warning: could not install postgresql"
    fi
    bin=$(pg_bindir) || { say "warning: no PostgreSQL server; the store's PostgreSQL tests will be skipped (fail under CI)"; return 0; }
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres
  fi
  PG_TMP=$(mktemp -d "${TMPDIR:-/tmp}/evaluator-pg.XXXXXX")
  [ "$(id -u)" = 0 ] && chown postgres "$PG_TMP"
  trap stop_test_postgres EXIT
  say "starting a throw-away PostgreSQL ($bin) on a socket in $PG_TMP"
  pg_as "'$bin/initdb' -D '$PG_TMP/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >'$PG_TMP/initdb.log' 2>&1" ||
    { cat "$PG_TMP/initdb.log" >&2; say "warning: initdb failed"; return 0; }
  pg_as "'$bin/pg_ctl' -D '$PG_TMP/data' -l '$PG_TMP/server.log' -w -t 60 -o \"-k '$PG_TMP' -c listen_addresses='' -c fsync=off\" start >/dev/null" ||
    { cat "$PG_TMP/server.log" >&2; say "warning: the PostgreSQL server did not start"; return 0; }
  PG_BIN=$bin
  export EVALUATOR_TEST_POSTGRES="postgresql://postgres@/postgres?host=$PG_TMP"
}

stop_test_postgres() {
  if [ -n "${PG_BIN:-}" ] && [ -n "${PG_TMP:-}" ]; then
    pg_as "'$PG_BIN/pg_ctl' -D '$PG_TMP/data' -m fast -w stop >/dev/null 2>&1" || true
  fi
  [ -n "${PG_TMP:-}" ] && rm -rf "$PG_TMP"
  PG_BIN= PG_TMP=
}
