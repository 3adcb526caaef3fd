--TEST--
Fault: broker application restart (stop_app / start_app) mid-run; publishes keep being accepted, every handle settles, every message ends in the queue
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher(['reconnect_backoff' => [0.1, 1.0], 'reconnect_attempts' => 60, 'max_attempts' => 10, 'confirm_timeout' => 60]);
$q = temp_queue($p, 'restart');
$handles = [];
for ($i = 0; $i < 20000; $i++) {
    $handles[] = $p->publish('', $q, "m$i", ['message_id' => "rs-$i"]);
    if ($i === 5000) {
        rabbitmqctl('stop_app');
    }
    if ($i === 8000) {
        rabbitmqctl('start_app');
        rabbitmqctl('await_startup');
    }
}
$p->waitAll(120);
var_dump($p->isConnected(), $p->stats()['reconnects'] >= 1);
$ids = drain_ids($q);
report('stop_app/start_app', $handles, $ids);
echo "distinct messages in queue: ", count(array_unique($ids)), "\n";
?>
--CLEAN--
<?php
require __DIR__ . '/helpers/common.inc';
try { rabbitmqctl('start_app'); } catch (Throwable $e) {}
?>
--EXPECTF--
bool(true)
bool(true)
[stop_app/start_app] published %d: acked %d, nacked %d, returned %d, failed %d, pending %d; queue holds %d (%d distinct, %d duplicates); acked but missing: %d
stop_app/start_app: settled all, acked but missing from the queue: 0
distinct messages in queue: 20000
