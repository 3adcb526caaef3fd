<?php
// Footprint of one process: RSS and threads after one connected publisher has had one confirmed publish.
//   php -n [-d extension=...] bench/footprint.php <none|amqp_confirm|amqp_confirm+topology|php-amqp> <queue>
// Prints one JSON line; bench.php subtracts the "none" run (the same PHP without the extension loaded).

[, $client, $queue] = $argv + [null, 'none', 'bench.footprint'];
$body = str_repeat('x', 100);
if (str_starts_with($client, 'amqp_confirm')) {
    $p = new AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:5672/%2f');
    if ($client === 'amqp_confirm+topology') $p->declareQueue($queue, ['arguments' => ['x-expires' => 600000]]);
    $p->publish('', $queue, $body)->wait(10);
} elseif ($client === 'php-amqp') {
    $conn = new AMQPConnection(['host' => '127.0.0.1', 'login' => 'guest', 'password' => 'guest']);
    $conn->connect();
    $ch = new AMQPChannel($conn);
    $ch->confirmSelect();
    $ex = new AMQPExchange($ch);
    $ex->publish($body, $queue, AMQP_NOPARAM, ['delivery_mode' => 2]);
    $ch->waitForConfirm(10);
}
usleep(200000);
$status = file_get_contents('/proc/self/status');
preg_match('/VmRSS:\s+(\d+)/', $status, $rss);
preg_match('/Threads:\s+(\d+)/', $status, $threads);
echo json_encode(['rss_kb' => (int) $rss[1], 'threads' => (int) $threads[1]]), "\n";
