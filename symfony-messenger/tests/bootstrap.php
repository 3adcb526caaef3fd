<?php
// Debian's Symfony Messenger 5.4 and its AMQP bridge (Composer-less autoloaders) and this package's classes.
require_once '/usr/share/php/Symfony/Component/Messenger/autoload.php';
require_once '/usr/share/php/Symfony/Component/Messenger/Bridge/Amqp/autoload.php';
spl_autoload_register(function (string $class) {
    $prefix = 'AmqpConfirm\\Symfony\\Messenger\\';
    if (str_starts_with($class, $prefix)) require __DIR__ . '/../src/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
});
if (!extension_loaded('amqp_confirm') || !extension_loaded('amqp')) {
    fwrite(STDERR, "needs the amqp_confirm extension (php -d extension=...) and php-amqp (for Symfony's receiver)\n");
    exit(1);
}

/** A message class for the tests. */
final class OrderPlaced
{
    public function __construct(public string $id, public array $lines = []) {}
}
