#!/usr/bin/env bash
# Runs the argument-checking, hostile-input and basic publish phpt tests under valgrind memcheck (run-tests.php -m,
# USE_ZEND_ALLOC=0). Not part of CI: valgrind makes broker-bound tests very slow. Extra arguments choose other tests
# (`scripts/valgrind.sh php-tests`: the whole suite); `scripts/valgrind.sh all`, as the memcheck lane runs it: the
# whole phpt suite, then the cluster fault tests (cluster-tests/, the spool proofs included) on three local nodes;
# `scripts/valgrind.sh cluster [TESTS]`: the cluster part alone.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/ensure-packages.sh valgrind
EXT="$(pwd)/target/release/libamqp_confirm.so"
export USE_ZEND_ALLOC=0
if [ "$#" -eq 0 ]; then
    set -- php-tests/001-classes.phpt php-tests/003-publish-ack.phpt php-tests/028-bad-uri.phpt \
        php-tests/029-bad-options.phpt php-tests/030-bad-publish-args.phpt php-tests/031-bad-properties.phpt \
        php-tests/032-bad-headers.phpt php-tests/033-bad-timeouts.phpt php-tests/048-hostile-input.phpt \
        php-tests/049-regression-binary-keys.phpt
fi
export AMQP_CONFIRM_EXT="$EXT"
# valgrind runs code 10 to 50 times slower: the tests stretch their long bounds (queue expiry, waitAll) by this
export AMQP_CONFIRM_TEST_SLOWDOWN=20
# run-tests.php traces children: not those that switch user (rabbitmqctl runs su; valgrind cannot follow setuid) nor
# the Erlang VM. PCRE's JIT reads strings 16 bytes at a time past their end inside the allocation: valgrind reports
# that as invalid reads and uninitialised jumps in code it cannot name, so the tests run with pcre.jit=0.
export VALGRIND_OPTS="--trace-children-skip=*/su,*/mount,*/umount,*/runuser,*/rabbitmqctl,*/erl,*/erlexec,*/beam.smp,*/escript,*/epmd"
# under -m run-tests.php allows a test 300 s of silence, whatever --set-timeout says (its system_with_timeout())
memcheck() { scripts/phpt.sh -m -d pcre.jit=0 -d extension="$EXT" "$@"; }
mode=${1:-}
if [ "$mode" != all ] && [ "$mode" != cluster ]; then
    memcheck "$@"
    exit
fi
shift
status=0
if [ "$mode" = all ]; then
    echo "== memcheck: phpt suite"
    memcheck php-tests || status=$?
fi
echo "== memcheck: cluster fault tests: three RabbitMQ nodes on 127.0.0.1:5681-5683 beside the default broker"
# run-tests.php -m allows a test 300 s of silence whatever --set-timeout says, and a cluster proof prints only at its
# end: these run every PHP under valgrind through a wrapper instead (the same valgrind options as -m), with the
# cluster tests' own limit, and any report valgrind writes fails the run, printed
reports=$(mktemp -d)
trap 'scripts/cluster.sh stop; rm -rf "$reports"' EXIT
printf '#!/bin/sh\nexec valgrind -q --tool=memcheck --trace-children=yes --vex-iropt-register-updates=allregs-at-mem-access --log-file=%s/%%p.mem %s "$@"\n' \
    "$reports" "$(command -v php)" > "$reports/php"
chmod +x "$reports/php"
scripts/cluster.sh start
export AMQP_CONFIRM_FAULT_LOG="$reports/counts" # the proofs' lines of counts, printed below
AMQP_CONFIRM_TEST_PHP="$reports/php" scripts/phpt.sh --set-timeout 1800 -d pcre.jit=0 -d extension="$EXT" "${@:-cluster-tests}" \
    || status=$?
flagged=$(find "$reports" -name '*.mem' -size +0)
for report in $flagged; do
    echo "== valgrind report $report"
    cat "$report"
done
echo "== memcheck: cluster counts"
cat "$AMQP_CONFIRM_FAULT_LOG" 2>/dev/null || true
echo "memcheck: cluster fault tests: $(find "$reports" -name '*.mem' | wc -l) processes checked, $(echo $flagged | wc -w) with a valgrind report"
[ -z "$flagged" ] || status=1
exit "$status"
