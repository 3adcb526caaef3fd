#!/usr/bin/env bash
# Runs every test: the core's cargo tests, the phpt suite against a real local RabbitMQ, then the packaging test
# (pecl install of the tarball, the phpt suite again against the installed copy). Named tests: only those phpt.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

echo "== cargo test (core, no broker needed)"
cargo test --lib

echo "== TLS listener for the TLS tests (throwaway CA)"
export AMQP_CONFIRM_TLS_DIR="$(scripts/tls-setup.sh)"

echo "== phpt suite (run-tests.php, real broker)"
EXT="$(pwd)/target/release/libamqp_confirm.so"
export AMQP_CONFIRM_FAULT_LOG="$(mktemp)" AMQP_CONFIRM_EXT="$EXT"
status=0
scripts/phpt.sh -d extension="$EXT" "${@:-php-tests}" || status=$?
if [ -s "$AMQP_CONFIRM_FAULT_LOG" ]; then
    echo "== fault-injection counts"
    cat "$AMQP_CONFIRM_FAULT_LOG"
fi
rm -f "$AMQP_CONFIRM_FAULT_LOG"
[ "$status" = "0" ]

# on a full run (no tests named), the packaging test
if [ "$#" -eq 0 ]; then
    echo "== packaging: pecl package, pecl install, phpenmod, phpt suite against the installed extension"
    scripts/package-test.sh
fi
