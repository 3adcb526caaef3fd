#!/usr/bin/env bash
# Runs PHP's run-tests.php non-interactively with the arguments given (tests, -d extension=..., -m...), writes its
# output to stdout and a summary line "phpt: N passed, N failed, N skipped"; fails unless every test passed.
set -uo pipefail
RUN_TESTS="$(php -r 'echo ini_get("extension_dir");')/build/run-tests.php"
PHP_VERSION_DOTTED="$(php -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')"
[ -f "$RUN_TESTS" ] || RUN_TESTS=$(dpkg -L "php$PHP_VERSION_DOTTED-dev" | grep '/run-tests.php$' | head -n 1)
export TEST_PHP_EXECUTABLE="$(command -v php)" NO_INTERACTION=1 REPORT_EXIT_STATUS=1
LOG=$(mktemp)
php "$RUN_TESTS" -q --show-diff "$@" 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}
count() { sed -n "s/^Tests $1 *: *\([0-9]*\).*/\1/p" "$LOG"; }
passed=$(count passed) failed=$(count failed) skipped=$(count skipped)
rm -f "$LOG"
echo "phpt: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
[ "${failed:-1}" = "0" ] && [ "${skipped:-1}" = "0" ] && [ "$status" = "0" ]
