#!/usr/bin/env bash
# Installs what is missing (Debian 12 or later, as root or with sudo; php-cli, php-dev, php-fpm and php-amqp are
# Debian's packages of the release's default PHP, so no PHP version is named here), builds the extension (release) and makes sure a
# RabbitMQ answers on 127.0.0.1:5672, starting a local one when none does. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
scripts/ensure-packages.sh php-cli php-dev libclang-dev rabbitmq-server php-amqp php-amqplib php-fpm libfcgi-bin iproute2 php-amphp-amp phpunit php-symfony-messenger php-symfony-amqp-messenger php-symfony-event-dispatcher php-symfony-http-kernel php-symfony-console

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
