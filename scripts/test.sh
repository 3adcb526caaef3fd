#!/usr/bin/env bash
# Runs every test: the core's cargo tests, then the phpt suite against a real local RabbitMQ.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

echo "== cargo test (core, no broker needed)"
cargo test --release --lib

echo "== TLS listener for the TLS tests (throwaway CA)"
export AMQP_CONFIRM_TLS_DIR="$(scripts/tls-setup.sh)"

echo "== phpt suite (run-tests.php, real broker)"
EXT="$(pwd)/target/release/libamqp_confirm.so"
RUN_TESTS="$(php -r 'echo ini_get("extension_dir");')/build/run-tests.php"
[ -f "$RUN_TESTS" ] || RUN_TESTS=$(dpkg -L php8.2-dev | grep '/run-tests.php$' | head -n 1)
export TEST_PHP_EXECUTABLE="$(command -v php)" NO_INTERACTION=1 REPORT_EXIT_STATUS=1
export AMQP_CONFIRM_FAULT_LOG="$(mktemp)" AMQP_CONFIRM_EXT="$EXT"
LOG=$(mktemp)
set +e
php "$RUN_TESTS" -q --show-diff -d extension="$EXT" "${@:-php-tests}" 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}
set -e
passed=$(sed -n 's/^Tests passed *: *\([0-9]*\).*/\1/p' "$LOG")
failed=$(sed -n 's/^Tests failed *: *\([0-9]*\).*/\1/p' "$LOG")
skipped=$(sed -n 's/^Tests skipped *: *\([0-9]*\).*/\1/p' "$LOG")
rm -f "$LOG"
if [ -s "$AMQP_CONFIRM_FAULT_LOG" ]; then
    echo "== fault-injection counts"
    cat "$AMQP_CONFIRM_FAULT_LOG"
fi
rm -f "$AMQP_CONFIRM_FAULT_LOG"
echo "phpt: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
[ "${failed:-1}" = "0" ] && [ "${skipped:-1}" = "0" ] && [ "$status" = "0" ]

echo "== packaging: pecl package, pecl install, phpenmod, phpt suite against the installed extension"
scripts/package-test.sh
