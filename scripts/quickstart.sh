#!/usr/bin/env bash
# Quick start: set up everything, then publish a few messages with confirms and print each outcome.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
php -d extension="$(pwd)/target/release/libamqp_confirm.so" examples/publish.php
