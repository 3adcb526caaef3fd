<?php
// Debian's php-amqplib (it shows each header's wire type, as RoadRunner's Go client sees it) and this package.
require_once '/usr/share/php/PhpAmqpLib/autoload.php';
require_once __DIR__ . '/../autoload.php';
if (!extension_loaded('amqp_confirm')) {
    fwrite(STDERR, "needs the amqp_confirm extension (php -d extension=...)\n");
    exit(1);
}

// The tests name their exchanges phpunit.<what>.<pid>.<random>: delete this run's at the end (queues expire by themselves).
register_shutdown_function(function () {
    exec('rabbitmqctl -q list_exchanges name 2>/dev/null', $names);
    $mine = preg_grep('/^phpunit\.[^.]+\.' . getmypid() . '\./', $names);
    if ($mine) {
        $admin = new AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:5672/%2f');
        array_map(fn($name) => $admin->deleteExchange($name), $mine);
    }
});
