<?php
// Publishes a few messages with confirms and prints the outcome of each one.
use AmqpConfirm\{Publisher, Status};

$publisher = new Publisher('amqp://guest:guest@127.0.0.1:5672/%2f', ['connection_name' => 'amqp_confirm example']);
$queue = 'amqp_confirm.example';
$publisher->declareQueue($queue);

$handles = [];
for ($i = 1; $i <= 5; $i++) {
    // publish() returns at once; the broker's answer arrives in the background.
    $handles[] = $publisher->publish('', $queue, "hello #$i", ['content_type' => 'text/plain']);
}
// A mandatory message nobody can receive: the broker returns it.
$handles[] = $publisher->publish('', 'no.such.queue', 'nobody listens', [], mandatory: true);

$publisher->waitAll(10.0);
foreach ($handles as $h) {
    printf("%-28s tag %d: %s%s\n", $h->messageId(), $h->deliveryTag(), $h->status()->value,
        $h->status() === Status::Acked ? '' : ' (' . $h->reason() . ')');
}
$stats = $publisher->stats();
printf("published %d, acked %d, returned %d\n", $stats['published'], $stats['acked'], $stats['returned']);
$publisher->purgeQueue($queue);
$publisher->close();
