#!/usr/bin/env bash
# Runs every test: the core's cargo tests, the phpt suite against a real local RabbitMQ, the cluster scenarios
# against three local nodes (scripts/cluster.sh: started, then stopped and wiped), then the packaging test (pecl
# install of the tarball, the phpt suite again against the installed copy). Named tests: only those phpt.
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

echo "== PHPUnit: the amp v2 adapter (adapters/amp-v2), Debian's amp and PHPUnit, real broker"
php -d extension="$EXT" /usr/bin/phpunit -c adapters/amp-v2/phpunit.xml.dist
echo "== PHPUnit: the Symfony Messenger transport (symfony-messenger), Debian's Symfony 5.4, real broker"
php -d extension="$EXT" /usr/bin/phpunit -c symfony-messenger/phpunit.xml.dist

# on a full run (no tests named), the cluster scenarios and the packaging test
if [ "$#" -eq 0 ]; then
    echo "== cluster scenarios: three RabbitMQ nodes on 127.0.0.1:5681-5683 beside the default broker"
    trap 'scripts/cluster.sh stop' EXIT
    scripts/cluster.sh start
    export AMQP_CONFIRM_FAULT_LOG="$(mktemp)"
    status=0
    scripts/phpt.sh -d extension="$EXT" cluster-tests || status=$?
    echo "== cluster counts"
    cat "$AMQP_CONFIRM_FAULT_LOG"
    rm -f "$AMQP_CONFIRM_FAULT_LOG"
    scripts/cluster.sh stop
    trap - EXIT
    [ "$status" = "0" ]

    echo "== packaging: pecl package, pecl install, phpenmod, phpt suite against the installed extension"
    scripts/package-test.sh
fi
