<?php
// Debian's Symfony Messenger 5.4, its AMQP bridge, EventDispatcher and HttpKernel (Composer-less autoloaders), and this
// package's classes.
require_once '/usr/share/php/Symfony/Component/Messenger/autoload.php';
require_once '/usr/share/php/Symfony/Component/Messenger/Bridge/Amqp/autoload.php';
require_once '/usr/share/php/Symfony/Component/EventDispatcher/autoload.php';
require_once '/usr/share/php/Symfony/Component/HttpKernel/autoload.php';
require_once '/usr/share/php/Symfony/Component/Console/autoload.php';
require_once __DIR__ . '/../autoload.php';
if (is_file('/usr/share/php/Psr/Container/autoload.php')) { // Symfony 7's autoloaders no longer load psr/container
    require_once '/usr/share/php/Psr/Container/autoload.php';
}
if (!extension_loaded('amqp_confirm')) {
    fwrite(STDERR, "needs the amqp_confirm extension (php -d extension=...)\n");
    exit(1);
}
// without php-amqp (Debian builds none for PHP 8.5) Symfony's AMQP receiver cannot work: run with
// --exclude-group php-amqp, which leaves out the tests that receive (scripts/test.sh does)

/** A message class for the tests. */
final class OrderPlaced
{
    public function __construct(public string $id, public array $lines = []) {}
}

/** Services by name, as the framework's service locators give them to Messenger's listeners. */
final class Services implements Psr\Container\ContainerInterface
{
    public function __construct(private array $services) {}
    public function get(string $id): mixed { return $this->services[$id]; }
    public function has(string $id): bool { return isset($this->services[$id]); }
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
