--TEST--
Fault: the broker closes all connections several times during a 50k-message run; every handle settles, every acked message is in the queue, and with republish all 50k are there
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$name = uniq('faultclose');
$p = publisher(['connection_name' => $name, 'reconnect_backoff' => [0.05, 1.0], 'reconnect_attempts' => 30, 'max_attempts' => 10]);
$q = temp_queue($p, 'faultclose');
$handles = [];
$closes = 0;
for ($i = 0; $i < 50000; $i++) {
    $handles[] = $p->publish('', $q, "m$i", ['message_id' => "fc-$i"]);
    if ($i % 12500 === 6000) {
        $closes += close_connections_named($name, 'fault injection');
    }
}
$p->waitAll(120);
echo "closes: $closes, reconnects >= closes: ", var_export($p->stats()['reconnects'] >= $closes, true), "\n";
$ids = drain_ids($q);
report('close_all_connections x4', $handles, $ids);
echo "distinct messages in queue: ", count(array_unique($ids)), "\n";
?>
--EXPECTF--
closes: 4, reconnects >= closes: true
[close_all_connections x4] published %d: acked %d, nacked %d, returned %d, failed %d, pending %d; queue holds %d (%d distinct, %d duplicates); acked but missing: %d
close_all_connections x4: settled all, acked but missing from the queue: 0
distinct messages in queue: 50000
