--TEST--
Cluster: the publisher connected to the quorum leader's node, that node killed (kill -9) mid-run: failover to another node, republish, every message acked in the end, every acked id in the queue; duplicates at most the messages in flight at the kill
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$q = quorum_queue(1, 'connected');
$leader = leader($q);
$others = array_values(array_diff([1, 2, 3], [$leader]));
$p = new AmqpConfirm\Publisher(node_uri($leader, ...$others), ['node_order' => 'ordered', 'max_in_flight' => 2000,
    'confirm_timeout' => 60, 'reconnect_backoff' => [0.1, 1.0], 'max_attempts' => 5]);
$handles = [];
$inFlightAtKill = 0;
for ($i = 0; $i < 20000; $i++) {
    $handles[] = $p->publish('', $q, "m$i", ['message_id' => "cn-$i"]);
    if ($i === 6000) {
        $inFlightAtKill = $p->stats()['in_flight'];
        cluster('kill', (string) $leader);
    }
}
$p->waitAll(patience(90));
$s = $p->stats();
echo "failed over to another node: ", var_export($s['failovers'] >= 1 && $s['node'] !== '127.0.0.1:' . (5680 + $leader), true), "\n";
$ids = ids_via($others[0], $q);
report('connected node killed', $handles, $ids);
$duplicates = count($ids) - count(array_unique($ids));
echo "duplicates at most the messages in flight at the kill: ", var_export($duplicates <= $inFlightAtKill, true), " ($duplicates <= $inFlightAtKill)\n";
heal();
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
heal();
?>
--EXPECTF--
failed over to another node: true
[connected node killed] published 20000: acked 20000, nacked 0, returned 0, failed 0, pending 0; queue holds %d (20000 distinct, %d duplicates); acked but missing: 0
connected node killed: settled all, acked but missing from the queue: 0
duplicates at most the messages in flight at the kill: true (%d <= %d)
