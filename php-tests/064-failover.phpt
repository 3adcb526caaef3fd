--TEST--
Failover: with two nodes (the local broker at 127.0.0.1 and 127.0.0.2), the connection closed by the broker mid-run: the publisher reconnects to the next node at once, republishes what had no outcome (same message ids, in order), every message is acked and every acked id is in the queue; stats() counts the failover, the attempt and the node; counts printed
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$name = uniq('failover');
$p = new AmqpConfirm\Publisher('amqp://guest:' . TEST_PASSWORD . '@127.0.0.1:5672,127.0.0.2:5672/%2f',
    ['node_order' => 'ordered', 'connection_name' => $name, 'reconnect_backoff' => [0.05, 0.5], 'max_in_flight' => 2000]);
$q = temp_queue($p, 'failover');
echo "before: node ", $p->stats()['node'], "\n";
$handles = [];
$closed = 0;
for ($i = 0; $i < 20000; $i++) {
    $handles[] = $p->publish('', $q, "m$i", ['message_id' => "fo-$i"]);
    if ($i === 8000) $closed = close_connections_named($name, 'phpt failover');
}
$p->waitAll(60);
$s = $p->stats();
echo "closed $closed; after: node ", $s['node'], ", failovers ", $s['failovers'], ", reconnects ", $s['reconnects'], ", attempts ", $s['reconnect_attempts'], "\n";
report('failover to the next node', $handles, drain_ids($q));
?>
--EXPECTF--
before: node 127.0.0.1:5672
closed 1; after: node 127.0.0.2:5672, failovers 1, reconnects 1, attempts 1
[failover to the next node] published 20000: acked 20000, nacked 0, returned 0, failed 0, pending 0; queue holds %d (20000 distinct, %d duplicates); acked but missing: 0
failover to the next node: settled all, acked but missing from the queue: 0
