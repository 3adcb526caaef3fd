#!/usr/bin/env bash
# The spool's randomized fault soak on a 3-node cluster of this machine, for longer than CI runs it (20 minutes by
# default): scripts/spool-soak.sh [SECONDS]. It starts the cluster, runs cluster-tests/007 with that duration,
# prints the counts and stops the cluster. Needs the extension built (cargo build --release).
set -euo pipefail
cd "$(dirname "$0")/.."
export AMQP_CONFIRM_SOAK_SECONDS="${1:-1200}"
export AMQP_CONFIRM_EXT="${AMQP_CONFIRM_EXT:-$PWD/target/release/libamqp_confirm.so}"
export AMQP_CONFIRM_FAULT_LOG="${AMQP_CONFIRM_FAULT_LOG:-$(mktemp)}"
trap 'scripts/cluster.sh stop' EXIT
scripts/cluster.sh start
timeout $((AMQP_CONFIRM_SOAK_SECONDS + 900)) scripts/phpt.sh --set-timeout $((AMQP_CONFIRM_SOAK_SECONDS + 900)) -d extension="$AMQP_CONFIRM_EXT" cluster-tests/007-spool-fault-soak.phpt
cat "$AMQP_CONFIRM_FAULT_LOG"
