# Sourced by .ci/run: installs PostgreSQL from the distribution's packages when it is
# missing, starts a throw-away server on a free port as the postgres user, exports
# CAREERBOT_TEST_DATABASE_URL for the tests, and stops the server when the run exits.

pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

start_postgres() {
  if [ -z "$(pg_bin)" ]; then
    echo "installing postgresql (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
  fi
  local bin; bin=$(pg_bin)
  PG_DIR=$(mktemp -d /tmp/careerbot-ci-pg.XXXXXX)
  chown postgres "$PG_DIR"
  local port=55432
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  runuser -u postgres -- "$bin/initdb" -D "$PG_DIR/data" -A trust -U postgres >"$PG_DIR/initdb.log"
  runuser -u postgres -- "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-p $port -h 127.0.0.1 -k $PG_DIR -c fsync=off -c max_connections=200" start >/dev/null
  trap stop_postgres EXIT
  runuser -u postgres -- "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc 'CREATE DATABASE careerbot_test'
  export CAREERBOT_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/careerbot_test?sslmode=disable"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

stop_postgres() {
  runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
