#!/usr/bin/env bash
# Starts the services the test suite's PostgreSQL run and the benchmarks need, on loopback only:
# PostgreSQL 15 on 127.0.0.1:5432 (trust authentication for the `postgres` role from 127.0.0.1
# and ::1, for local test use only) and Redis on 127.0.0.1:6379. Installs what is missing from
# Debian's packages. Idempotent: quick when everything already answers. Called by `.ci/run` and
# `make services`; `make run` and `make test` need none of it.
set -euo pipefail

PG_VERSION=15
PG_CLUSTER=main
REDIS_PORT=6379

say() { echo "services: $*"; }

apt_updated=0
ensure_packages() {
    local missing=()
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$apt_updated" -eq 0 ]; then
        apt-get update -qq
        apt_updated=1
    fi
    say "apt-get install ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# wait_for NAME SECONDS COMMAND...: runs COMMAND until it succeeds, or fails naming NAME.
wait_for() {
    local name=$1 seconds=$2
    shift 2
    for _ in $(seq 1 $((seconds * 5))); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    say "$name does not answer after ${seconds} s" >&2
    return 1
}

start_postgresql() {
    ensure_packages "postgresql-$PG_VERSION" postgresql-contrib
    if ! pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "$PG_VERSION $PG_CLUSTER"; then
        pg_createcluster "$PG_VERSION" "$PG_CLUSTER" >/dev/null
    fi
    local conf_dir="/etc/postgresql/$PG_VERSION/$PG_CLUSTER"
    local hba="$conf_dir/pg_hba.conf"
    local marker="# intranet tests: trust for the postgres role on loopback"
    local changed=0
    if ! grep -qF "$marker" "$hba"; then
        # First matching line wins in pg_hba.conf: the trust lines go on top.
        {
            echo "$marker"
            echo "host all postgres 127.0.0.1/32 trust"
            echo "host all postgres ::1/128 trust"
            cat "$hba"
        } >"$hba.new"
        mv "$hba.new" "$hba"
        chown postgres:postgres "$hba"
        changed=1
    fi
    # A throwaway test server: durability is traded for speed (the suite creates and drops
    # databases many times). Never use this cluster for data that must survive a crash.
    local tuning="$conf_dir/conf.d/intranet-tests.conf"
    local wanted
    wanted=$'listen_addresses = \'127.0.0.1,::1\'\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n'
    if [ ! -f "$tuning" ] || [ "$(cat "$tuning")" != "${wanted%$'\n'}" ]; then
        printf '%s' "$wanted" >"$tuning"
        chown postgres:postgres "$tuning"
        changed=1
    fi
    if pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c {print $4}' | grep -qx online; then
        if [ "$changed" -eq 1 ]; then
            pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" restart
        fi
    else
        pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start
    fi
    wait_for PostgreSQL 30 psql -h 127.0.0.1 -U postgres -d postgres -Atqc "SELECT 1"
    say "PostgreSQL $PG_VERSION on 127.0.0.1:5432"
}

start_redis() {
    ensure_packages redis-server
    mkdir -p /var/log/redis
    if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -qx PONG; then
        redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --save "" --appendonly no \
            --logfile /var/log/redis/intranet-tests.log --dir /tmp
    fi
    wait_for Redis 15 sh -c "redis-cli -h 127.0.0.1 -p $REDIS_PORT ping | grep -qx PONG"
    say "Redis on 127.0.0.1:$REDIS_PORT"
}

start_postgresql
start_redis
