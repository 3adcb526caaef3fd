<?php
// Publishes 10000 messages inside the Revolt event loop (amp v3's loop; Debian's php-revolt-event-loop) from 100
// fibers, each awaiting its own confirms through the adapter in adapters/revolt: one readable watcher on the
// publisher's settled stream, disabled while nothing is pending, so EventLoop::run() returns by itself when every
// outcome is known.
//   php -d extension=amqp_confirm.so examples/event-loop-revolt.php
require_once '/usr/share/php/Revolt/EventLoop/autoload.php';
require_once __DIR__ . '/../adapters/revolt/src/Confirmations.php';

use AmqpConfirm\Publisher;
use AmqpConfirm\Revolt\Confirmations;
use Revolt\EventLoop;

$publisher = new Publisher(getenv('AMQP_URI') ?: 'amqp://guest:guest@127.0.0.1:5672/%2f', ['connection_name' => 'amqp_confirm revolt example']);
$queue = 'amqp_confirm.example.revolt.' . getmypid();
$publisher->declareQueue($queue, ['arguments' => ['x-expires' => 60000]]);
$confirms = new Confirmations($publisher);
$outcomes = [];
$ticks = 0;

$ticker = EventLoop::repeat(0.01, function () use (&$ticks) { $ticks++; }); // other work sharing the loop
EventLoop::unreference($ticker);
for ($fiber = 0; $fiber < 100; $fiber++) {
    EventLoop::queue(function () use ($confirms, $publisher, $queue, $fiber, &$outcomes) {
        $published = [];
        for ($i = $fiber * 100; $i < ($fiber + 1) * 100; $i++) {
            $mandatory = $i % 100 === 99; // one in a hundred goes nowhere and comes back
            $published[] = $publisher->publish('', $mandatory ? 'nobody.listens.here' : $queue, "message $i", [], $mandatory);
        }
        foreach ($published as $confirmation) {
            try {
                $confirms->await($confirmation); // suspends this fiber only
                $outcomes['acked'] = ($outcomes['acked'] ?? 0) + 1;
            } catch (AmqpConfirm\Exception $e) {
                $outcomes[(new ReflectionClass($e))->getShortName()] = ($outcomes[(new ReflectionClass($e))->getShortName()] ?? 0) + 1;
            }
        }
    });
}
EventLoop::run();
ksort($outcomes);
echo "outcomes: ", json_encode($outcomes), "; promises still pending: ", $confirms->pending(), "; loop ended by itself\n";
$publisher->deleteQueue($queue);
