#!/usr/bin/env bash
# Installs what is missing (Debian 12 or later, as root or with sudo), builds the extension (release) and makes sure a
# RabbitMQ answers on 127.0.0.1:5672, starting a local one when none does. Safe to run again. No PHP version is named
# here: the PHP packages are those of the PHP already installed, or of the release's default PHP (php-cli) when none
# is. Packages a release does not have (php-amqp for a PHP newer than the release's default, amp v2 after Debian 12,
# Revolt in Debian 12) are skipped and named; the tests then use what is there (docs/TESTING.md).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
command -v php >/dev/null || scripts/ensure-packages.sh php-cli
PHP_VERSION_DOTTED="$(php -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')"
v="$PHP_VERSION_DOTTED"
scripts/ensure-packages.sh "php$v-cli" "php$v-dev" "php$v-fpm" "php$v-xml" "php$v-mbstring" libclang-dev rabbitmq-server php-psr-container \
    php-amqplib libfcgi-bin iproute2 openssl phpunit php-symfony-messenger php-symfony-amqp-messenger \
    php-symfony-event-dispatcher php-symfony-http-kernel php-symfony-console php-laravel-framework "php$v-sqlite3" \
    --if-available "php$v-amqp" php-amphp-amp php-revolt-event-loop

broker_up() { (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; }
if ! broker_up; then
    echo "setup: starting a local RabbitMQ"
    $SUDO rabbitmq-server -detached
    # -detached returns before the node registers; await_startup fails at once until it has.
    for _ in $(seq 1 90); do
        $SUDO rabbitmqctl -q await_startup --timeout 120 >/dev/null 2>&1 && break
        sleep 1
    done
fi
broker_up || { echo "setup: RabbitMQ does not answer on 127.0.0.1:5672" >&2; exit 1; }

echo "setup: building the extension (cargo build --release)"
cargo build --release --quiet
echo "setup: built $(pwd)/target/release/libamqp_confirm.so"
