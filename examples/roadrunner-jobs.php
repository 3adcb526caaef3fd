<?php
// Confirmed jobs for a RoadRunner AMQP jobs pipeline, from any PHP process (php-fpm, CLI): two jobs, one delayed
// job, and one for a pipeline nobody bound (reported, not lost). The pipeline's exchange and queue are declared
// here as RoadRunner declares them when the pipeline starts (exchange `direct`, queue bound with its routing key).
//   php -d extension=target/release/libamqp_confirm.so examples/roadrunner-jobs.php

use AmqpConfirm\RoadRunner\Jobs;

require __DIR__ . '/../roadrunner/autoload.php';

$publisher = new AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:5672/%2f');
$exchange = 'example.rr.' . getmypid(); // RoadRunner's default is amqp.default
$queue = "$exchange.emails";
$publisher->declareExchange($exchange, 'direct', ['durable' => false, 'auto_delete' => true]);
$publisher->declareQueue($queue, ['arguments' => ['x-expires' => 60000]]);
$publisher->bindQueue($queue, $exchange, $queue);

$jobs = new Jobs($publisher, pipeline: 'emails', queue: $queue, exchange: $exchange);
foreach ([42, 43] as $user) {
    $confirmation = $jobs->push('App\Jobs\SendWelcome', json_encode(['user' => $user]), headers: ['tenant' => 'acme']);
    $confirmation->wait();
    echo "job {$confirmation->messageId()}: acked\n";
}
$later = $jobs->push('App\Jobs\Remind', '{}', delay: 1);
$later->wait();
echo "delayed job: acked, waiting in {$jobs->delayedQueue(1000)}\n";

$nobody = new Jobs($publisher, pipeline: 'nobody', queue: "$exchange.unbound", exchange: $exchange);
try {
    $nobody->push('App\Jobs\Lost', '{}')->wait();
} catch (AmqpConfirm\ReturnedException $e) {
    echo "job for an unbound pipeline: returned ({$e->getCode()} {$e->getReplyText()})\n";
}

for ($i = 0; $i < 100 && ($depth = $publisher->declareQueue($queue, ['passive' => true])['messages']) < 3; $i++) {
    usleep(50000); // the delayed job dead-letters into the pipeline's queue after a second
}
echo "the pipeline's queue holds $depth jobs\n";
$publisher->deleteQueue($queue);
$publisher->deleteQueue($jobs->delayedQueue(1000));
$publisher->deleteExchange($exchange);
