<?php
// Debian's Laravel (its Composer-less autoloader: the queue, the container, events, the bus, the database for the
// failed-jobs store) and this package's classes.
require_once '/usr/share/php/Illuminate/autoload.php';
require_once __DIR__ . '/../autoload.php';
require_once __DIR__ . '/Harness.php';
if (!extension_loaded('amqp_confirm')) {
    fwrite(STDERR, "needs the amqp_confirm extension (php -d extension=...)\n");
    exit(1);
}
