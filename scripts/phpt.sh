#!/usr/bin/env bash
# Runs PHP's run-tests.php non-interactively with the arguments given (tests, -d extension=..., -m...), writes its
# output to stdout and a summary line "phpt: N passed, N failed, N skipped"; fails unless every test passed, except
# for skips that AMQP_CONFIRM_ALLOW_SKIP names (test file names without .phpt, space-separated; a lane sets it for
# what its release cannot have, e.g. php-amqp on PHP 8.5).
set -uo pipefail
RUN_TESTS="$(php -r 'echo ini_get("extension_dir");')/build/run-tests.php"
PHP_VERSION_DOTTED="$(php -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')"
[ -f "$RUN_TESTS" ] || RUN_TESTS=$(dpkg -L "php$PHP_VERSION_DOTTED-dev" | grep '/run-tests.php$' | head -n 1)
# the PHP the tests run: `php`, or what AMQP_CONFIRM_TEST_PHP names (scripts/valgrind.sh: php under valgrind)
export TEST_PHP_EXECUTABLE="${AMQP_CONFIRM_TEST_PHP:-$(command -v php)}" NO_INTERACTION=1 REPORT_EXIT_STATUS=1
LOG=$(mktemp) SESSION=$(mktemp)
# run-tests.php in a session of its own: when it times a test out it kills the shell around the test's PHP and
# leaves that PHP running; whatever is left in the session afterwards is killed here
setsid bash -c 'echo $$ > "$0"; exec php "$@"' "$SESSION" "$RUN_TESTS" -q --show-diff "$@" 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}
# (a zombie is already dead: a test's grandchild killed at its end, until pid 1 reaps it)
left=$(pgrep -s "$(cat "$SESSION")" | while read -r pid; do [ "$(ps -o stat= -p "$pid" | cut -c1)" = Z ] || echo "$pid"; done)
if [ -n "$left" ]; then
    echo "phpt: killing what the tests left running:" >&2
    ps -o pid=,etimes=,args= -p "$(echo $left | tr ' ' ,)" | cut -c 1-200 >&2 || true
    kill -KILL $left 2>/dev/null || true
fi
rm -f "$SESSION"
count() { sed -n "s/^Tests $1 *: *\([0-9]*\).*/\1/p" "$LOG"; }
passed=$(count passed) failed=$(count failed) skipped=$(count skipped)
total=$(sed -n 's/^Number of tests *: *\([0-9]*\).*/\1/p' "$LOG")
unexpected=0
# run-tests.php runs a failed test again when it uses sleep()/microtime() or printed "timed out": one that passed
# only then is counted "warned", not passed; it is named here (flaky: to be fixed), and counted as passed
retried=$(sed 's/\x1b\[[0-9;]*m//g' "$LOG" | sed -n 's/.*WARN.*\[\([^]]*\)\.phpt\] *(warn: Test passed on retry attempt).*/\1/p' | xargs -r -n 1 basename | sort -u | tr '\n' ' ')
if [ -n "$retried" ]; then
    echo "phpt: passed only when run again (flaky): $retried" >&2
    passed=$(( ${passed:-0} + $(echo $retried | wc -w) ))
fi
# any other test neither passed, failed nor skipped (BORK, LEAK, another WARN) fails the run, named
if [ "$(( ${passed:-0} + ${failed:-0} + ${skipped:-0} ))" != "${total:-0}" ]; then
    sed 's/\x1b\[[0-9;]*m//g' "$LOG" | grep -aE "(WARN|BORK|LEAK)" | tail -n 5 >&2
    echo "phpt: ${total:-0} tests, but only $(( ${passed:-0} + ${failed:-0} + ${skipped:-0} )) passed, failed or skipped" >&2
    unexpected=1
fi
rm -f "$LOG"
echo "phpt: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
[ "${failed:-1}" = "0" ] && [ "$unexpected" = "0" ] && [ "$status" = "0" ]
