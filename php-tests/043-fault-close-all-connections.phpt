--TEST--
Fault: rabbitmqctl close_all_connections four times during a 50k-message run, each while 2500 messages are certainly in flight (held by a proxy); every handle settles and every acked message is in the queue; with republish on (the default) all 50k are there, with it off (max_attempts 1) the lost ones (at least the 10000 held) are reported failed
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
function run(string $case, int $maxAttempts): void
{
    // through a proxy that holds every byte while the broker closes the connections: the messages published then
    // are certainly in flight (unconfirmed) when the connection goes, whatever the machine's speed
    $proxy = proxy_start(180);
    $p = new AmqpConfirm\Publisher($proxy['uri'], ['reconnect_backoff' => [0.05, 1.0], 'reconnect_attempts' => 30,
        'max_attempts' => $maxAttempts, 'connection_name' => "phpt 043 $case"]);
    $q = temp_queue($p, 'faultclose');
    $handles = [];
    $closes = 0;
    for ($round = 0; $round < 4; $round++) {
        for ($i = 0; $i < 12500; $i++) {
            $n = $round * 12500 + $i;
            if ($i === 10000) {
                $p->waitAll(60);
                proxy_mode($proxy, 'half-open'); // the last 2500 of the round stay in flight
            }
            $handles[] = $p->publish('', $q, "m$n", ['message_id' => "fc-$n"]);
        }
        rabbitmqctl('close_all_connections', 'fault injection');
        $closes++;
        proxy_mode($proxy, 'up'); // the client now learns that the broker closed the connection
    }
    $p->waitAll(120);
    echo "$case: closes $closes, reconnected: ", var_export($p->stats()['reconnects'] >= 1, true), "\n";
    if ($log = getenv('AMQP_CONFIRM_FAULT_LOG')) file_put_contents($log, "[$case] reconnections: {$p->stats()['reconnects']}\n", FILE_APPEND);
    $ids = drain_ids($q);
    report($case, $handles, $ids);
    $distinct = count(array_unique($ids));
    if ($maxAttempts > 1) {
        echo "$case: distinct messages in queue: $distinct\n";
    } else {
        echo "$case: failures reported: ", var_export($p->stats()['failed'] >= 4 * 2500, true), "\n";
    }
    proxy_stop($proxy);
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
