--TEST--
Cluster: maintenance mode (rabbitmq-upgrade drain) on the connected node mid-run: the publisher moves to another node, every message acked, every acked id in the queue
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$q = quorum_queue(1, 'drain');
$p = new AmqpConfirm\Publisher(node_uri(2, 3, 1), ['node_order' => 'ordered', 'max_in_flight' => 2000, 'confirm_timeout' => 60,
    'reconnect_backoff' => [0.1, 1.0], 'max_attempts' => 5]);
$handles = [];
try {
    for ($i = 0; $i < 10000; $i++) {
        $handles[] = $p->publish('', $q, "m$i", ['message_id' => "dr-$i"]);
        if ($i === 4000) cluster('upgrade', '2', 'drain');
    }
    $p->waitAll(patience(90));
    $s = $p->stats();
    echo "moved off the drained node: ", var_export($s['node'] !== '127.0.0.1:5682' && $s['failovers'] >= 1, true), "\n";
} finally {
    cluster('upgrade', '2', 'revive');
}
report('maintenance mode on the connected node', $handles, ids_via(3, $q));
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
try { cluster('upgrade', '2', 'revive'); } catch (RuntimeException) {}
?>
--EXPECTF--
moved off the drained node: true
[maintenance mode on the connected node] published 10000: acked 10000, nacked 0, returned 0, failed 0, pending 0; queue holds %d (10000 distinct, %d duplicates); acked but missing: 0
maintenance mode on the connected node: settled all, acked but missing from the queue: 0
