--TEST--
A poison message (a header value the broker cannot hold: it closes the connection with 541 INTERNAL_ERROR without naming the message) fails alone after max_attempts; every other message in flight beside it is republished, one at a time until the culprit is isolated, and acked. The poison is made in transit by a proxy (publish() refuses non-finite floats: 032); with max_attempts 1 (no republishing) everything in flight at the closure fails, as asked
--INI--
; the failures this test leaves for the log are checked in php-tests/070
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$proxy = proxy_start(120, true); // turns a 1.25 header value into NaN on its way to the broker
foreach ([1, 3] as $poisons) {
    $p = new AmqpConfirm\Publisher($proxy['uri'], ['max_attempts' => 3, 'reconnect_backoff' => [0.05, 0.2], 'connection_name' => 'phpt poison']);
    $q = temp_queue($p, 'poison');
    $handles = [];
    $bad = [];
    for ($i = 0; $i < 2000; $i++) {
        $isBad = $i % intdiv(2000, $poisons) === 500;
        $c = $p->publish('', $q, "m$i", ['message_id' => "p-$i", 'headers' => ['f' => $isBad ? 1.25 : 2.5]]);
        if ($isBad) $bad[] = $c; else $handles[] = $c;
    }
    $p->waitAll(120);
    $badRight = count(array_filter($bad, fn($c) => $c->status() === AmqpConfirm\Status::Failed && $c->attempts() === 3
        && str_contains($c->reason(), 'INTERNAL_ERROR')));
    echo "$poisons poison(s): $badRight failed alone after 3 attempts; ";
    report("poison x$poisons", $handles, drain_ids($q));
    $p->deleteQueue($q);
}
// max_attempts 1: nothing is republished, so every message in flight when the broker closes fails with it
$p = new AmqpConfirm\Publisher($proxy['uri'], ['max_attempts' => 1, 'connection_name' => 'phpt poison once']);
$q = temp_queue($p, 'poison');
$cs = [];
for ($i = 0; $i < 20; $i++) $cs[] = $p->publish('', $q, "m$i", ['headers' => ['f' => $i === 10 ? 1.25 : 2.5]]);
$p->waitAll(30);
$failed = array_keys(array_filter($cs, fn($c) => $c->status() === AmqpConfirm\Status::Failed));
echo "max_attempts 1: message 10 failed: ", in_array(10, $failed, true) ? 'yes' : 'no', "; none republished: ",
    max(array_map(fn($c) => $c->attempts(), $cs)) === 1 ? 'yes' : 'no', "\n";
$p->deleteQueue($q);
proxy_stop($proxy);
?>
--EXPECTF--
1 poison(s): 1 failed alone after 3 attempts; [poison x1] published 1999: acked 1999, nacked 0, returned 0, failed 0, pending 0; queue holds %d (1999 distinct, %d duplicates); acked but missing: 0
poison x1: settled all, acked but missing from the queue: 0
3 poison(s): 3 failed alone after 3 attempts; [poison x3] published 1997: acked 1997, nacked 0, returned 0, failed 0, pending 0; queue holds %d (1997 distinct, %d duplicates); acked but missing: 0
poison x3: settled all, acked but missing from the queue: 0
max_attempts 1: message 10 failed: yes; none republished: yes
