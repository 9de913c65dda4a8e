#!/usr/bin/env bash
# Starts a private PostgreSQL cluster on 127.0.0.1 (random free port) and exports TEST_DATABASE_URL.
# Used by .ci/run; safe to source locally too (the cluster lives under a temp dir).
start_test_postgres() {
  local bindir
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  if [[ -z "$bindir" ]]; then
    echo "postgres: not installed; database suites run on SQLite only" >&2
    return 0
  fi
  local dir port
  dir="$(mktemp -d /tmp/overlap-pg.XXXXXX)"
  chown postgres "$dir"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  su postgres -c "$bindir/initdb -D $dir/data -U postgres --auth=trust -E UTF8" >/dev/null
  su postgres -c "$bindir/pg_ctl -D $dir/data -o '-h 127.0.0.1 -p $port -k $dir' -l $dir/log -w start" >/dev/null
  su postgres -c "$bindir/createdb -h 127.0.0.1 -p $port overlap_test"
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/overlap_test"
  echo "postgres: $TEST_DATABASE_URL"
}
