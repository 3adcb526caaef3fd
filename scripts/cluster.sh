#!/usr/bin/env bash
# A three-node RabbitMQ cluster of the Debian package on this machine, beside the default node (which it never
# touches: other node names, ports 5681-5683 and 25681-25683, their own config, data and log directories under
# $CLUSTER_DIR; epmd and the Erlang cookie are shared).
#   scripts/cluster.sh start            start three blank nodes, clustered, and wait until all are online
#   scripts/cluster.sh stop             stop them and wipe their directories (also after a failed start)
#   scripts/cluster.sh kill N           kill -9 node N (its beam, found from its pid file)
#   scripts/cluster.sh pause N          SIGSTOP node N (it keeps its sockets and answers nothing)
#   scripts/cluster.sh resume N         SIGCONT node N
#   scripts/cluster.sh restart N        start node N again (after kill or stop_app)
#   scripts/cluster.sh ctl N ARGS...    rabbitmqctl against node N
#   scripts/cluster.sh upgrade N ARGS...  rabbitmq-upgrade against node N (e.g. drain, revive)
#   scripts/cluster.sh leader QUEUE     the node number (1-3) of a quorum queue's leader
set -euo pipefail
CLUSTER_DIR="${CLUSTER_DIR:-/tmp/amqp_confirm-cluster}"
NODES=(1 2 3)

node_name() { echo "rabbit$1@localhost"; }
node_dir() { echo "$CLUSTER_DIR/rabbit$1"; }

# Runs a RabbitMQ command as the rabbitmq user, with the environment of node $1 (and the shared cookie).
as_node() {
    local n=$1 dir
    shift
    dir=$(node_dir "$n")
    runuser -u rabbitmq -- env -i HOME=/var/lib/rabbitmq PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
        RABBITMQ_NODENAME="$(node_name "$n")" RABBITMQ_NODE_PORT=$((5680 + n)) RABBITMQ_DIST_PORT=$((25680 + n)) \
        RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" RABBITMQ_CONFIG_FILE="$dir/rabbitmq" \
        RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" "$@"
}

ctl() {
    local n=$1
    shift
    as_node "$n" rabbitmqctl -q -n "$(node_name "$n")" "$@"
}

write_config() {
    local n=$1 dir
    dir=$(node_dir "$n")
    mkdir -p "$dir/mnesia" "$dir/log"
    cat > "$dir/rabbitmq.conf" <<CONF
listeners.tcp.1 = 127.0.0.1:$((5680 + n))
cluster_formation.peer_discovery_backend = classic_config
cluster_formation.classic_config.nodes.1 = rabbit1@localhost
cluster_formation.classic_config.nodes.2 = rabbit2@localhost
cluster_formation.classic_config.nodes.3 = rabbit3@localhost
CONF
    echo "[]." > "$dir/enabled_plugins"
    chown -R rabbitmq:rabbitmq "$dir"
}

start_node() {
    as_node "$1" rabbitmq-server -detached
}

await_node() {
    # -detached returns before the node registers with epmd: await_startup fails at once until it has
    for _ in $(seq 1 60); do
        ctl "$1" await_startup --timeout 60 >/dev/null 2>&1 && return 0
        sleep 1
    done
    echo "cluster: node $1 did not start" >&2
    return 1
}

node_pid() {
    cat "$(node_dir "$1")/mnesia/$(node_name "$1").pid" 2>/dev/null || true
}

stop_all() {
    for n in "${NODES[@]}"; do
        [ -d "$(node_dir "$n")" ] || continue
        ctl "$n" stop >/dev/null 2>&1 || true
        pid=$(node_pid "$n")
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
    done
    rm -rf "$CLUSTER_DIR"
}

case "${1:-}" in
    start)
        stop_all
        for n in "${NODES[@]}"; do write_config "$n"; done
        for n in "${NODES[@]}"; do start_node "$n"; done
        for n in "${NODES[@]}"; do await_node "$n" || { stop_all; exit 1; }; done
        ctl 1 await_online_nodes 3 --timeout 120 >/dev/null || { echo "cluster: nodes did not cluster" >&2; stop_all; exit 1; }
        echo "cluster: 3 nodes online on 127.0.0.1:5681-5683"
        ;;
    stop) stop_all ;;
    kill)
        pid=$(node_pid "$2")
        [ -n "$pid" ] || { echo "cluster: no pid for node $2" >&2; exit 1; }
        kill -9 "$pid"
        ;;
    pause|resume)
        pid=$(node_pid "$2")
        [ -n "$pid" ] || { echo "cluster: no pid for node $2" >&2; exit 1; }
        if [ "$1" = pause ]; then kill -STOP "$pid"; else kill -CONT "$pid"; fi
        ;;
    restart) start_node "$2" && await_node "$2" ;;
    ctl) n=$2; shift 2; ctl "$n" "$@" ;;
    upgrade) n=$2; shift 2; as_node "$n" rabbitmq-upgrade -q -n "$(node_name "$n")" "$@" ;;
    leader)
        for n in "${NODES[@]}"; do
            out=$(ctl "$n" list_queues name leader 2>/dev/null) || continue
            leader=$(echo "$out" | awk -v q="$2" '$1 == q { print $2 }')
            case "$leader" in rabbit[123]@localhost) echo "${leader:6:1}"; exit 0 ;; esac
        done
        exit 1
        ;;
    *) sed -n '2,15p' "$0" >&2; exit 2 ;;
esac
