--TEST--
max_in_flight_bytes: publish() waits for room when the bodies in flight would exceed the budget (TimeoutException naming the bytes after confirm_timeout), admits one larger message alone, and a settled handle keeps no copy of its body (counted)
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
use AmqpConfirm\Publisher;

$p = publisher(['max_in_flight_bytes' => 1000, 'confirm_timeout' => 0.5]);
// declared by a publisher with the default confirm_timeout, which bounds topology: under valgrind, opening the
// topology connection can take longer than this publisher's 0.5 s
$q = temp_queue(publisher(), 'bytes');
memory_alarm_on();
try {
    $first = $p->publish('', $q, str_repeat('a', 600), ['message_id' => 'bytes-1']);
    expect_throw(fn() => $p->publish('', $q, str_repeat('b', 600), ['message_id' => 'bytes-2']));
    echo "in flight: ", $p->stats()['in_flight'], " message, ", $p->stats()['in_flight_bytes'], " bytes; bodies held: ", Publisher::liveObjects()['messages'], "\n";
} finally {
    memory_alarm_off();
}
$first->wait(30);
echo "first: ", $first->status()->name, "\n";

// a single body larger than the whole budget still goes when nothing else is in flight
$big = $p->publish('', $q, str_repeat('c', 5000), ['message_id' => 'bytes-big']);
$big->wait(30);
echo "larger than the budget, alone: ", $big->status()->name, "\n";

// 20 handles of 1 MiB bodies kept after they settled: no body is held any more
$m = publisher();
$handles = [];
for ($i = 0; $i < 20; $i++) $handles[] = $m->publish('', $q, str_repeat('d', 1 << 20));
$m->waitAll(30);
$live = Publisher::liveObjects();
echo "handles kept: ", count($handles), ", bodies held: ", $live['messages'], ", handles alive >= 20: ", var_export($live['confirmations'] >= 20, true), "\n";
echo "stats: in_flight ", $m->stats()['in_flight'], ", in_flight_bytes ", $m->stats()['in_flight_bytes'], ", acked ", $m->stats()['acked'], "\n";
?>
--EXPECTF--
AmqpConfirm\TimeoutException: no room to publish within 0.500 s: 1 messages, 600 bytes in flight (max_in_flight 10000, max_in_flight_bytes 1000)%s
in flight: 1 message, 600 bytes; bodies held: 1
first: Acked
larger than the budget, alone: Acked
handles kept: 20, bodies held: 0, handles alive >= 20: true
stats: in_flight 0, in_flight_bytes 0, acked 20
