#!/usr/bin/env bash
# Writes package.xml (PECL) from the files git tracks; the version comes from Cargo.toml, the one source of truth.
# The packaging test fails when the committed package.xml differs from what this prints.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
files() {
    git ls-files -- Cargo.toml Cargo.lock build.rs config.m4 Makefile.frag LICENSE README.md composer.json bin src stubs examples php-tests \
        | sort | while read -r f; do
        case "$f" in
            php-tests/*) role=test ;;
            bin/*) role=script ;;
            README.md|LICENSE|examples/*) role=doc ;;
            *) role=src ;;
        esac
        printf '   <file name="%s" role="%s"/>\n' "$f" "$role"
    done
}
cat <<XML
<?xml version="1.0" encoding="UTF-8"?>
<package packagerversion="1.10.13" version="2.0" xmlns="http://pear.php.net/dtd/package-2.0" xmlns:tasks="http://pear.php.net/dtd/tasks-1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://pear.php.net/dtd/tasks-1.0 http://pear.php.net/dtd/tasks-1.0.xsd http://pear.php.net/dtd/package-2.0 http://pear.php.net/dtd/package-2.0.xsd">
 <name>amqp_confirm</name>
 <channel>pecl.php.net</channel>
 <summary>Publish to RabbitMQ with publisher confirms, without blocking</summary>
 <description>amqp_confirm publishes to RabbitMQ (AMQP 0-9-1) with publisher confirms: publish() returns at once with a handle, a background runtime owns the connection, and every message ends in exactly one reported outcome (acked, nacked, returned or failed). Written in Rust; building needs cargo (Rust 1.88+) and libclang.</description>
 <lead>
  <name>amqp_confirm developers</name>
  <user>amqpconfirm</user>
  <email>amqp-confirm@example.org</email>
  <active>yes</active>
 </lead>
 <date>2026-11-24</date>
 <version>
  <release>$version</release>
  <api>$version</api>
 </version>
 <stability>
  <release>beta</release>
  <api>beta</api>
 </stability>
 <license uri="https://opensource.org/licenses/MIT">MIT</license>
 <notes>See README.md.</notes>
 <contents>
  <dir name="/">
$(files)
  </dir>
 </contents>
 <dependencies>
  <required>
   <php>
    <min>8.1.0</min>
   </php>
   <pearinstaller>
    <min>1.10.0</min>
   </pearinstaller>
  </required>
 </dependencies>
 <providesextension>amqp_confirm</providesextension>
 <extsrcrelease/>
</package>
XML
