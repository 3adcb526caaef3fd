--TEST--
Fault: a memory alarm during a run (publish and waits time out while blocked, everything resumes after), and reject-publish overflow (nacked handles equal exactly the messages the broker refused); counts printed
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
// memory alarm
$p = publisher(['max_in_flight' => 1000, 'confirm_timeout' => 0.5]);
// declared by a publisher with the default confirm_timeout, which bounds topology: under valgrind, opening the
// topology connection can take longer than this publisher's 0.5 s
$q = temp_queue(publisher(), 'alarm');
$handles = [];
for ($i = 0; $i < 5000; $i++) $handles[] = $p->publish('', $q, "m$i", ['message_id' => "al-$i"]);
memory_alarm_on();
$timeouts = 0;
try {
    for ($i = 0; $i < 5000; $i++) {
        try {
            $handles[] = $p->publish('', $q, "n$i", ['message_id' => "al-b$i"]);
        } catch (AmqpConfirm\TimeoutException $e) {
            $timeouts++;
            $reason = $e->getMessage();
            break;
        }
    }
    try { $p->waitAll(0.3); } catch (AmqpConfirm\TimeoutException $e) { $timeouts++; }
    echo "while blocked: timeouts ", $timeouts, ", reason given: ", var_export(str_contains($reason ?? '', 'blocking publishers'), true), ", stats blocked: ", var_export($p->stats()['blocked'], true), "\n";
} finally {
    memory_alarm_off();
}
$p->waitAll(60);
report('memory alarm', $handles, drain_ids($q));

// reject-publish overflow
$o = publisher();
$q2 = temp_queue($o, 'overflow', ['x-max-length' => 2500, 'x-overflow' => 'reject-publish']);
$handles = [];
for ($i = 0; $i < 10000; $i++) $handles[] = $o->publish('', $q2, "m$i", ['message_id' => "of-$i"]);
$o->waitAll(60);
$ids = drain_ids($q2);
report('reject-publish overflow', $handles, $ids);
$nacked = count(array_filter($handles, fn($h) => $h->status() === AmqpConfirm\Status::Nacked));
echo "nacked = refused by the broker: ", var_export($nacked === 10000 - count($ids), true), ", nacked $nacked\n";
?>
--CLEAN--
<?php
require __DIR__ . '/helpers/common.inc';
memory_alarm_off();
?>
--EXPECTF--
while blocked: timeouts 2, reason given: true, stats blocked: true
[memory alarm] published %d: acked %d, nacked 0, returned 0, failed 0, pending 0; queue holds %d (%d distinct, 0 duplicates); acked but missing: 0
memory alarm: settled all, acked but missing from the queue: 0
[reject-publish overflow] published 10000: acked 2500, nacked 7500, returned 0, failed 0, pending 0; queue holds 2500 (2500 distinct, 0 duplicates); acked but missing: 0
reject-publish overflow: settled all, acked but missing from the queue: 0
nacked = refused by the broker: true, nacked 7500
