<?php
// Debian's amp v2 (php-amphp-amp) and this package's class, without Composer. Debian's autoloader covers the
// classes; the function files (Composer's "files" autoload) are loaded here.
require_once '/usr/share/php/Amp/autoload.php';
require_once '/usr/share/php/Amp/functions.php';
require_once '/usr/share/php/Amp/Internal/functions.php';
require_once __DIR__ . '/../src/Confirmations.php';
require_once __DIR__ . '/../../testing/BrokerCase.php';
if (!extension_loaded('amqp_confirm')) {
    fwrite(STDERR, "load the extension: php -d extension=/path/to/amqp_confirm.so /usr/bin/phpunit ...\n");
    exit(1);
}
