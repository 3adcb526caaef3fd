#!/usr/bin/env bash
# The benchmark: installs what it needs, builds the extension and the native lapin client, then runs every
# workload with every client against the local RabbitMQ (Symfony Messenger's transports and Laravel's queue first,
# bench/messenger.php and bench/laravel.php),
# and writes bench/RESULTS.md and bench/chart.png.
# Usage: bench/run.sh [rounds]   (default 3; about 10 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/ensure-packages.sh php-amqp php-amqplib php-fpm nginx wrk gnuplot-nox
(cd bench/native && cargo build --release --quiet)
php -d extension="$(pwd)/target/release/libamqp_confirm.so" bench/messenger.php "${1:-3}"
php -d extension="$(pwd)/target/release/libamqp_confirm.so" bench/laravel.php "${1:-3}"
php -d extension="$(pwd)/target/release/libamqp_confirm.so" bench/bench.php "${1:-3}"
