#!/usr/bin/env bash
# Runs every test: the core's cargo tests, the phpt suite against a real local RabbitMQ, the cluster scenarios
# against three local nodes (scripts/cluster.sh: started, then stopped and wiped), then the packaging test (pecl
# install of the tarball, the phpt suite again against the installed copy). Named tests: only those phpt.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
version() { # a Debian package's upstream version, or "none"
    local v
    v=$(dpkg-query -W -f '${Version}' "$1" 2>/dev/null | sed 's/^[0-9]*://; s/[-+~].*//') || true
    echo "${v:-none}"
}
echo "== stack: Debian $(cat /etc/debian_version), PHP $(php -r 'echo PHP_VERSION;'), RabbitMQ $(version rabbitmq-server)," \
    "php-amqp $(php -r 'echo phpversion("amqp") ?: "none";'), Symfony $(version php-symfony-messenger)," \
    "Laravel $(version php-laravel-framework), PHPUnit $(version phpunit), amp v2 $(version php-amphp-amp), Revolt $(version php-revolt-event-loop)"

echo "== cargo test (core, no broker needed)"
cargo test --lib

echo "== TLS listener for the TLS tests (throwaway CA)"
TLS_DIR="$(scripts/tls-setup.sh)"   # an assignment alone keeps the status (set -e)
export AMQP_CONFIRM_TLS_DIR="$TLS_DIR"

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

# the event-loop adapters whose loop this release packages: amp v2 (Debian 12), Revolt (after Debian 12)
adapters=0
if [ -d /usr/share/php/Amp ]; then
    echo "== PHPUnit: the amp v2 adapter (adapters/amp-v2), Debian's amp and PHPUnit, real broker"
    php -d extension="$EXT" /usr/bin/phpunit -c adapters/amp-v2/phpunit.xml.dist
    adapters=$((adapters + 1))
fi
if [ -d /usr/share/php/Revolt ]; then
    echo "== PHPUnit: the Revolt adapter (adapters/revolt), Debian's Revolt and PHPUnit, real broker"
    php -d extension="$EXT" /usr/bin/phpunit -c adapters/revolt/phpunit.xml.dist
    adapters=$((adapters + 1))
fi
if [ "$adapters" = 0 ]; then
    if [[ " ${AMQP_CONFIRM_ALLOW_SKIP:-} " == *" adapters "* ]]; then # a lane whose release packages no event loop
        echo "== PHPUnit: the event-loop adapters left out: this release packages neither amp v2 nor Revolt"
    else
        echo "no event loop installed for the adapters' suites (setup.sh installs one)" >&2
        exit 1
    fi
fi
if php -r 'exit(extension_loaded("amqp") ? 0 : 1);'; then
    echo "== PHPUnit: the Symfony Messenger transport (symfony-messenger), Debian's Symfony and PHPUnit, real broker"
    php -d extension="$EXT" /usr/bin/phpunit -c symfony-messenger/phpunit.xml.dist
elif [[ " ${AMQP_CONFIRM_ALLOW_SKIP:-} " == *" symfony-messenger-receiving "* ]]; then # a lane whose PHP has no php-amqp
    echo "== PHPUnit: the Symfony Messenger transport without php-amqp (its tests that receive or set up through Symfony's AMQP transport left out: group php-amqp)"
    php -d extension="$EXT" /usr/bin/phpunit -c symfony-messenger/phpunit.xml.dist --exclude-group php-amqp
else
    echo "php-amqp is not loaded: the Symfony transport's suite needs it (Symfony's AMQP receiver)" >&2
    exit 1
fi

if php -r 'exit(extension_loaded("amqp") ? 0 : 1);'; then
    echo "== PHPUnit: the Laravel queue connection (laravel), Debian's Laravel $(version php-laravel-framework) and its Worker, real broker"
    php -d extension="$EXT" /usr/bin/phpunit -c laravel/phpunit.xml.dist
elif [[ " ${AMQP_CONFIRM_ALLOW_SKIP:-} " == *" laravel-receiving "* ]]; then # a lane whose PHP has no php-amqp
    echo "== PHPUnit: the Laravel queue connection without php-amqp (its tests that receive through the worker left out: group php-amqp)"
    php -d extension="$EXT" /usr/bin/phpunit -c laravel/phpunit.xml.dist --exclude-group php-amqp
else
    echo "php-amqp is not loaded: the Laravel connection's suite needs it (the worker receives through php-amqp)" >&2
    exit 1
fi

echo "== PHPUnit: RoadRunner jobs (roadrunner), each header's wire type read back with Debian's php-amqplib, real broker"
php -d extension="$EXT" /usr/bin/phpunit -c roadrunner/phpunit.xml.dist

# on a full run (no tests named), the cluster scenarios and the packaging test
if [ "$#" -eq 0 ]; then
    echo "== cluster scenarios: three RabbitMQ nodes on 127.0.0.1:5681-5683 beside the default broker"
    trap 'scripts/cluster.sh stop' EXIT
    scripts/cluster.sh start
    export AMQP_CONFIRM_FAULT_LOG="$(mktemp)"
    status=0
    # the spool proofs print their counts at the end only: a minute without output is no sign of a hang there
    scripts/phpt.sh --set-timeout 900 -d extension="$EXT" cluster-tests || status=$?
    echo "== cluster counts"
    cat "$AMQP_CONFIRM_FAULT_LOG"
    rm -f "$AMQP_CONFIRM_FAULT_LOG"
    scripts/cluster.sh stop
    trap - EXIT
    [ "$status" = "0" ]

    echo "== packaging: pecl package, pecl install, phpenmod, phpt suite against the installed extension"
    scripts/package-test.sh
fi
