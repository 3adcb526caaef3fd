<?php
// Debian's Revolt (php-revolt-event-loop) and this package's class, without Composer.
require_once '/usr/share/php/Revolt/EventLoop/autoload.php';
require_once __DIR__ . '/../src/Confirmations.php';
require_once __DIR__ . '/../../testing/BrokerCase.php';
if (!extension_loaded('amqp_confirm')) {
    fwrite(STDERR, "load the extension: php -d extension=/path/to/amqp_confirm.so /usr/bin/phpunit ...\n");
    exit(1);
}
