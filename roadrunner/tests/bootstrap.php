<?php
// Debian's php-amqplib (it shows each header's wire type, as RoadRunner's Go client sees it) and this package.
require_once '/usr/share/php/PhpAmqpLib/autoload.php';
require_once __DIR__ . '/../autoload.php';
if (!extension_loaded('amqp_confirm')) {
    fwrite(STDERR, "needs the amqp_confirm extension (php -d extension=...)\n");
    exit(1);
}

