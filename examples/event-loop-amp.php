<?php
// Publishes 10000 messages inside an amp v2 event loop (Debian's php-amphp-amp) and awaits every confirm as a
// promise, through the adapter in adapters/amp-v2: one readable watcher on the publisher's settled stream,
// disabled while nothing is pending, so Loop::run() returns by itself when every outcome is known.
//   php -d extension=amqp_confirm.so examples/event-loop-amp.php
require_once '/usr/share/php/Amp/autoload.php';
require_once '/usr/share/php/Amp/functions.php';
require_once '/usr/share/php/Amp/Internal/functions.php';
require_once __DIR__ . '/../adapters/amp-v2/src/Confirmations.php';

use Amp\Loop;
use AmqpConfirm\Amp\Confirmations;
use AmqpConfirm\Publisher;

$publisher = new Publisher(getenv('AMQP_URI') ?: 'amqp://guest:guest@127.0.0.1:5672/%2f', ['connection_name' => 'amqp_confirm amp example']);
$queue = 'amqp_confirm.example.amp.' . getmypid();
$publisher->declareQueue($queue, ['arguments' => ['x-expires' => 60000]]);
$confirms = new Confirmations($publisher);
$outcomes = [];
$ticks = 0;

Loop::run(function () use ($confirms, $queue, &$outcomes, &$ticks) {
    $ticker = Loop::repeat(10, function () use (&$ticks) { $ticks++; }); // other work sharing the loop
    $promises = [];
    for ($i = 0; $i < 10000; $i++) {
        $mandatory = $i % 100 === 99; // one in a hundred goes nowhere and comes back
        $promises[] = $confirms->publish('', $mandatory ? 'nobody.listens.here' : $queue, "message $i", [], $mandatory);
    }
    foreach ($promises as $promise) {
        try {
            yield $promise;
            $outcomes['acked'] = ($outcomes['acked'] ?? 0) + 1;
        } catch (AmqpConfirm\Exception $e) {
            $outcomes[(new ReflectionClass($e))->getShortName()] = ($outcomes[(new ReflectionClass($e))->getShortName()] ?? 0) + 1;
        }
    }
    Loop::cancel($ticker);
});
ksort($outcomes);
echo "outcomes: ", json_encode($outcomes), "; promises still pending: ", $confirms->pending(), "; loop ended by itself\n";
$publisher->deleteQueue($queue);
