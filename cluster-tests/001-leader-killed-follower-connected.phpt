--TEST--
Cluster: a quorum queue (3 replicas), the publisher connected to a follower, the leader's node killed (kill -9) mid-run: every message acked, every acked id in the queue read back from a surviving node; duplicates counted
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$q = quorum_queue(1, 'follower');
$leader = leader($q);
$follower = $leader % 3 + 1;
$p = new AmqpConfirm\Publisher(node_uri($follower), ['max_in_flight' => 2000, 'confirm_timeout' => 60]);
$handles = [];
for ($i = 0; $i < 20000; $i++) {
    $handles[] = $p->publish('', $q, "m$i", ['message_id' => "fl-$i"]);
    if ($i === 6000) cluster('kill', (string) $leader);
}
$p->waitAll(patience(90));
echo "new leader elected elsewhere: ", var_export(leader($q) !== $leader, true), "\n";
report('quorum leader killed, publisher on a follower', $handles, ids_via($follower, $q));
heal();
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
heal();
?>
--EXPECTF--
new leader elected elsewhere: true
[quorum leader killed, publisher on a follower] published 20000: acked 20000, nacked 0, returned 0, failed 0, pending 0; queue holds %d (20000 distinct, %d duplicates); acked but missing: 0
quorum leader killed, publisher on a follower: settled all, acked but missing from the queue: 0
