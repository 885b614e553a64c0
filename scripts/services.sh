#!/usr/bin/env bash
# Starts the services the test suite's PostgreSQL run and the benchmarks need, on loopback only:
# PostgreSQL 15 on 127.0.0.1:5432 (trust authentication for the `postgres` role from 127.0.0.1
# and ::1, for local test use only) and Redis on 127.0.0.1:6379. Installs what is missing from
# Debian's packages. Idempotent: quick when everything already answers. Called by `.ci/run` and
# `make services`; `make run` and `make test` need none of it.
#
# `services.sh --search` (or SEARCH=1) also starts one OpenSearch node on 127.0.0.1:9200, built from
# search/engine-node/ (Maven, Java 17): a test and development aid, never a production cluster.
# `services.sh --search-only` starts only that node; `services.sh --stop-search` stops it.
set -euo pipefail

PG_VERSION=15
PG_CLUSTER=main
REDIS_PORT=6379
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
NODE_DIR="$ROOT/search/engine-node"
SEARCH_PORT=9200
SEARCH_STATE="${SEARCH_STATE:-/tmp/intranet-engine-node}"
SEARCH_PID="$SEARCH_STATE/node.pid"
SEARCH_LOG="$SEARCH_STATE/node.log"
# Heap bounded for a shared 2-core machine; 1 GiB holds the benchmarks' million documents.
SEARCH_HEAP="${SEARCH_HEAP:-1g}"

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

search_answers() {
    curl -fsS "http://127.0.0.1:$SEARCH_PORT/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1
}

build_search_node() {
    command -v curl >/dev/null || ensure_packages curl
    command -v java >/dev/null || ensure_packages openjdk-17-jdk-headless
    command -v mvn >/dev/null || ensure_packages maven
    local jar="$NODE_DIR/target/engine-node.jar"
    # Rebuilt only when the module's sources changed since the last build.
    if [ -f "$jar" ] && [ -z "$(find "$NODE_DIR/pom.xml" "$NODE_DIR/src" -newer "$jar" -type f | head -1)" ]; then
        return 0
    fi
    say "building search/engine-node (Maven)"
    # Offline first; the first build on a machine resolves the dependencies from Maven Central.
    if ! (cd "$NODE_DIR" && mvn -B -q -o package >/dev/null 2>&1); then
        (cd "$NODE_DIR" && mvn -B -q dependency:go-offline && mvn -B -q -o package)
    fi
}

start_search() {
    if search_answers; then
        say "OpenSearch on 127.0.0.1:$SEARCH_PORT (already running)"
        return 0
    fi
    build_search_node
    mkdir -p "$SEARCH_STATE"
    if [ -f "$SEARCH_PID" ] && kill -0 "$(cat "$SEARCH_PID")" 2>/dev/null; then
        say "OpenSearch starting (pid $(cat "$SEARCH_PID"))"
    else
        # setsid: the node outlives this script and the shell that called it.
        setsid java -Xms"$SEARCH_HEAP" -Xmx"$SEARCH_HEAP" \
            -Dhttp.port="$SEARCH_PORT" -cp "$NODE_DIR/target/engine-node.jar:$NODE_DIR/target/lib/*" \
            fr.mairie.enginenode.EngineNode >"$SEARCH_LOG" 2>&1 </dev/null &
        echo $! >"$SEARCH_PID"
    fi
    if ! wait_for OpenSearch 120 search_answers; then
        tail -20 "$SEARCH_LOG" >&2
        return 1
    fi
    say "OpenSearch on 127.0.0.1:$SEARCH_PORT (log $SEARCH_LOG, pid $(cat "$SEARCH_PID"))"
}

stop_search() {
    if [ -f "$SEARCH_PID" ] && kill -0 "$(cat "$SEARCH_PID")" 2>/dev/null; then
        kill "$(cat "$SEARCH_PID")"
        wait_for "OpenSearch's stop" 60 sh -c "! kill -0 $(cat "$SEARCH_PID")"
        say "OpenSearch stopped"
    fi
    rm -f "$SEARCH_PID"
}

case "${1:-}" in
    --stop-search) stop_search; exit ;;
    --search-only) start_search; exit ;;
    --search) SEARCH=1 ;;
    "") ;;
    *) echo "usage: $0 [--search | --search-only | --stop-search]" >&2; exit 2 ;;
esac

start_postgresql
start_redis
if [ "${SEARCH:-0}" = 1 ]; then
    start_search
fi
