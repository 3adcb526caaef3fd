#!/usr/bin/env bash
# Packaging test: checks package.xml and composer.json, builds the PECL tarball from a clean copy of the tracked
# files, installs it with `pecl install` into the system PHP, enables it with phpenmod, and runs the phpt suite
# against the installed copy (no -d extension=). The extension is disabled again at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
scripts/ensure-packages.sh php-pear composer
PHP_VERSION_DOTTED="$(php -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')"   # Debian's /etc/php/<version>

echo "== package.xml is what scripts/package-xml.sh makes (version from Cargo.toml)"
scripts/package-xml.sh | diff -u package.xml - || { echo "package.xml is stale: scripts/package-xml.sh > package.xml" >&2; exit 1; }
echo "== composer validate (PIE metadata)"
COMPOSER_ALLOW_SUPERUSER=1 composer validate --no-check-publish --no-check-lock composer.json

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
work=$(mktemp -d)
cleanup() {
    $SUDO phpdismod -v "$PHP_VERSION_DOTTED" -s ALL amqp_confirm >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
git ls-files -z | xargs -0 tar -cf - | tar -xf - -C "$work"
echo "== pecl package"
(cd "$work" && pecl package package.xml >/dev/null)
ls -l "$work/amqp_confirm-$version.tgz"
echo "== pecl install ./amqp_confirm-$version.tgz (phpize, configure, make: cargo build --release)"
# the build shares this checkout's cargo cache (target/): the packaged crate is compiled again from the tarball's
# sources, its dependencies are not (the same crates, already built by setup.sh)
export CARGO_TARGET_DIR="$(pwd)/target"
$SUDO pecl uninstall amqp_confirm >/dev/null 2>&1 || true
printf '\n' | $SUDO pecl install "$work/amqp_confirm-$version.tgz" > "$work/pecl.log" 2>&1 || { tail -n 40 "$work/pecl.log"; exit 1; }
grep -E "^(Build process completed|Installing|install ok)" "$work/pecl.log" || true
echo "extension=amqp_confirm.so" | $SUDO tee /etc/php/$PHP_VERSION_DOTTED/mods-available/amqp_confirm.ini >/dev/null
$SUDO phpenmod -v "$PHP_VERSION_DOTTED" -s ALL amqp_confirm
php --ri amqp_confirm > "$work/ri.txt"
sed -n 1,6p "$work/ri.txt"

echo "== phpt suite against the installed extension (no -d extension=)"
AMQP_CONFIRM_EXT="" scripts/phpt.sh php-tests > "$work/phpt.log" 2>&1 || { sed -n '/========DIFF========/,/========DONE========/p' "$work/phpt.log"; grep -aE "FAIL|WARN|BORK|LEAK" "$work/phpt.log"; tail -n 3 "$work/phpt.log"; exit 1; }
grep -aE "FAIL|^Tests (passed|failed|skipped)|passed only when run again" "$work/phpt.log" || true
tail -n 1 "$work/phpt.log" | sed 's/^phpt:/installed-extension phpt:/'
