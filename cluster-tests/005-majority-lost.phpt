--TEST--
Cluster: two of three nodes stopped: waits time out saying the broker has not answered, and nothing is reported acked that is not in the queue; the nodes restarted: every message acked
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$q = quorum_queue(1, 'majority');
// RabbitMQ 4.x may leave what its quorum queue took without a majority unconfirmed for good: the publisher gives such
// a silent connection up after confirm_timeout and publishes again. A short one (and attempts enough for the whole
// outage) bounds how long after the nodes are back the last confirm comes (with 60 s, two silent rounds could
// outlast the final wait: the next lane failed so, on a busy machine).
$p = new AmqpConfirm\Publisher(node_uri(3), ['max_in_flight' => 2000, 'confirm_timeout' => patience(10), 'max_attempts' => 100, 'reconnect_backoff' => [0.1, 1.0]]);
$handles = [];
for ($i = 0; $i < 2000; $i++) $handles[] = $p->publish('', $q, "m$i", ['message_id' => "mj-$i"]);
$p->waitAll(patience(30));
try {
    cluster('kill', '1');
    cluster('kill', '2');
    for ($i = 2000; $i < 3000; $i++) $handles[] = $p->publish('', $q, "m$i", ['message_id' => "mj-$i"]);
    try {
        $p->waitAll(3);
        echo "no timeout\n";
    } catch (AmqpConfirm\TimeoutException $e) {
        echo "timeout: ", preg_replace('/\d+ confirmation/', 'N confirmation', $e->getMessage()), "\n";
    }
    $acked = array_filter($handles, fn($h) => $h->status() === AmqpConfirm\Status::Acked);
    echo "while the majority is down, acked: ", count($acked), " (the 2000 before)\n";
} finally {
    heal();
}
$p->waitAll(patience(90));
report('two of three nodes down, then back', $handles, ids_via(3, $q));
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
heal();
?>
--EXPECTF--
timeout: N confirmation(s) still pending after 3.000 s; the broker has not answered for them
while the majority is down, acked: 2000 (the 2000 before)
[two of three nodes down, then back] published 3000: acked 3000, nacked 0, returned 0, failed 0, pending 0; queue holds %d (3000 distinct, %d duplicates); acked but missing: 0
two of three nodes down, then back: settled all, acked but missing from the queue: 0
