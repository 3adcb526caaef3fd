--TEST--
Fault: rabbitmqctl close_all_connections several times during a 50k-message run; every handle settles and every acked message is in the queue; with republish on (the default) all 50k are there, with it off (max_attempts 1) the lost ones are reported failed
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
function run(string $case, int $maxAttempts): void
{
    $p = publisher(['reconnect_backoff' => [0.05, 1.0], 'reconnect_attempts' => 30, 'max_attempts' => $maxAttempts]);
    $q = temp_queue($p, 'faultclose');
    $handles = [];
    $closes = 0;
    $running = [];
    for ($i = 0; $i < 50000; $i++) {
        $handles[] = $p->publish('', $q, "m$i", ['message_id' => "fc-$i"]);
        if ($i % 12500 === 2000) {
            // in the background, so that the connections close while messages are in flight
            $running[] = proc_open(['rabbitmqctl', '-q', 'close_all_connections', 'fault injection'], [1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
            $closes++;
        }
        if ($i % 1000 === 0) {
            usleep(20000);
        }
    }
    foreach ($running as $proc) proc_close($proc);
    $p->waitAll(120);
    // the closes run in the background and may overlap or land while a reconnection is under way
    echo "$case: closes $closes, reconnected: ", var_export($p->stats()['reconnects'] >= 1, true), "\n";
    if ($log = getenv('AMQP_CONFIRM_FAULT_LOG')) file_put_contents($log, "[$case] reconnections: {$p->stats()['reconnects']}\n", FILE_APPEND);
    $ids = drain_ids($q);
    report($case, $handles, $ids);
    $distinct = count(array_unique($ids));
    if ($maxAttempts > 1) {
        echo "$case: distinct messages in queue: $distinct\n";
    } else {
        echo "$case: failures reported: ", var_export($p->stats()['failed'] > 0, true), "\n";
    }
}
run('close_all_connections x4, republish', 3);
run('close_all_connections x4, no republish', 1);
?>
--EXPECTF--
close_all_connections x4, republish: closes 4, reconnected: true
[close_all_connections x4, republish] published %d: acked %d, nacked %d, returned %d, failed %d, pending %d; queue holds %d (%d distinct, %d duplicates); acked but missing: %d
close_all_connections x4, republish: settled all, acked but missing from the queue: 0
close_all_connections x4, republish: distinct messages in queue: 50000
close_all_connections x4, no republish: closes 4, reconnected: true
[close_all_connections x4, no republish] published %d: acked %d, nacked %d, returned %d, failed %d, pending %d; queue holds %d (%d distinct, %d duplicates); acked but missing: %d
close_all_connections x4, no republish: settled all, acked but missing from the queue: 0
close_all_connections x4, no republish: failures reported: true
