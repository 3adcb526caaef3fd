<?php
// Symfony Messenger with the amqp-confirm transport, without the framework (Debian's Messenger autoloaders, 5.4 to 7.4):
// a command whose handler dispatches 100 messages, pipelined, one flush when the outer dispatch returns; then one
// message no queue receives, reported; then a worker-style receive of what was sent.
//   php -d extension=target/release/libamqp_confirm.so examples/symfony-messenger.php

use AmqpConfirm\Symfony\Messenger\AmqpConfirmTransportFactory;
use AmqpConfirm\Symfony\Messenger\FlushMiddleware;
use Symfony\Component\Messenger\Bridge\Amqp\Transport\AmqpStamp;
use Symfony\Component\Messenger\Envelope;
use Symfony\Component\Messenger\Exception\TransportException;
use Symfony\Component\Messenger\Handler\HandlersLocator;
use Symfony\Component\Messenger\MessageBus;
use Symfony\Component\Messenger\Middleware\HandleMessageMiddleware;
use Symfony\Component\Messenger\Middleware\SendMessageMiddleware;
use Symfony\Component\Messenger\Transport\Sender\SendersLocator;
use Symfony\Component\Messenger\Transport\Serialization\PhpSerializer;

require '/usr/share/php/Symfony/Component/Messenger/autoload.php';
require '/usr/share/php/Symfony/Component/Messenger/Bridge/Amqp/autoload.php';
require __DIR__ . '/../symfony-messenger/autoload.php';
if (is_file('/usr/share/php/Psr/Container/autoload.php')) { // Symfony 7's autoloaders no longer load psr/container
    require_once '/usr/share/php/Psr/Container/autoload.php';
}

final class ImportOrders { public function __construct(public int $count) {} }
final class OrderImported { public function __construct(public int $number) {} }

$name = 'example.orders.' . getmypid();
$transport = (new AmqpConfirmTransportFactory())->createTransport('amqp-confirm://guest:guest@127.0.0.1:5672/%2f', [
    'confirm_mode' => 'pipelined',
    'exchange' => ['name' => $name, 'type' => 'direct', 'default_publish_routing_key' => 'imported'],
    'queues' => [$name => ['binding_keys' => ['imported'], 'arguments' => ['x-expires' => 60000]]],
], new PhpSerializer());
$senders = new class($transport) implements Psr\Container\ContainerInterface {
    public function __construct(private $transport) {}
    public function get(string $id): mixed { return $this->transport; }
    public function has(string $id): bool { return $id === 'orders'; }
};
$bus = null;
$bus = new MessageBus([
    new FlushMiddleware([$transport]),
    new SendMessageMiddleware(new SendersLocator([OrderImported::class => ['orders']], $senders)),
    new HandleMessageMiddleware(new HandlersLocator([ImportOrders::class => [function (ImportOrders $c) use (&$bus) {
        for ($i = 1; $i <= $c->count; $i++) $bus->dispatch(new OrderImported($i));
    }]])),
]);

$bus->dispatch(new ImportOrders(100));
echo "100 messages dispatched by one handler, all confirmed by one flush\n";

try {
    $bus->dispatch(new Envelope(new OrderImported(101), [new AmqpStamp('no-queue-binds-this')]));
} catch (TransportException $e) {
    echo 'refused: ', preg_replace('/^1 of 1 message\(s\) not confirmed: \S+ /', '', $e->getMessage()), "\n";
}

$received = 0;
while ($envelopes = iterator_to_array($transport->get())) {
    $transport->ack($envelopes[0]);
    $received++;
}
echo "received $received through Symfony's AMQP receiver\n";
(new AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:5672/%2f'))->deleteExchange($name); // the queue expires by itself
