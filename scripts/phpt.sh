#!/usr/bin/env bash
# Runs PHP's run-tests.php non-interactively with the arguments given (tests, -d extension=..., -m...), writes its
# output to stdout and a summary line "phpt: N passed, N failed, N skipped"; fails unless every test passed, except
# for skips that AMQP_CONFIRM_ALLOW_SKIP names (test file names without .phpt, space-separated; a lane sets it for
# what its release cannot have, e.g. php-amqp on PHP 8.5).
set -uo pipefail
RUN_TESTS="$(php -r 'echo ini_get("extension_dir");')/build/run-tests.php"
PHP_VERSION_DOTTED="$(php -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')"
[ -f "$RUN_TESTS" ] || RUN_TESTS=$(dpkg -L "php$PHP_VERSION_DOTTED-dev" | grep '/run-tests.php$' | head -n 1)
export TEST_PHP_EXECUTABLE="$(command -v php)" NO_INTERACTION=1 REPORT_EXIT_STATUS=1
LOG=$(mktemp) SESSION=$(mktemp)
# run-tests.php in a session of its own: when it times a test out it kills the shell around the test's PHP and
# leaves that PHP running; whatever is left in the session afterwards is killed here
setsid bash -c 'echo $$ > "$0"; exec php "$@"' "$SESSION" "$RUN_TESTS" -q --show-diff "$@" 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}
left=$(pgrep -s "$(cat "$SESSION")" || true)
[ -z "$left" ] || { echo "phpt: killing what the tests left running: $(echo $left)" >&2; kill -KILL $left 2>/dev/null || true; }
rm -f "$SESSION"
count() { sed -n "s/^Tests $1 *: *\([0-9]*\).*/\1/p" "$LOG"; }
passed=$(count passed) failed=$(count failed) skipped=$(count skipped)
unexpected=0
for name in $(sed -n 's/.*SKIP.*\[\([^]]*\)\.phpt\] reason:.*/\1/p' "$LOG" | xargs -r -n 1 basename); do
    [[ " ${AMQP_CONFIRM_ALLOW_SKIP:-} " == *" $name "* ]] || { echo "skipped and not allowed: $name" >&2; unexpected=1; }
done
rm -f "$LOG"
echo "phpt: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
[ "${failed:-1}" = "0" ] && [ "$unexpected" = "0" ] && [ "$status" = "0" ]
