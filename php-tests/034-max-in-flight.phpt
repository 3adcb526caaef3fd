--TEST--
max_in_flight: publish() waits for room up to confirm_timeout, then throws TimeoutException; many messages through a small window
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher(['max_in_flight' => 50]);
$q = temp_queue($p, 'window');
$cs = [];
for ($i = 0; $i < 5000; $i++) $cs[] = $p->publish('', $q, "m$i");
$p->waitAll(60);
$s = $p->stats();
var_dump($s['acked'], $s['in_flight'], queue_depth($p, $q));
$small = publisher(['max_in_flight' => 2, 'confirm_timeout' => 0.3]);
memory_alarm_on();
try {
    $small->publish('', $q, 'one');
    $small->publish('', $q, 'two');
    expect_throw(fn() => $small->publish('', $q, 'three'));
    var_dump($small->stats()['published'], $small->stats()['in_flight']);
} finally {
    memory_alarm_off();
}
$small->waitAll(20);
$small->publish('', $q, 'room again')->wait(10);
var_dump($small->stats()['acked']);
?>
--CLEAN--
<?php
require __DIR__ . '/helpers/common.inc';
memory_alarm_off();
?>
--EXPECT--
int(5000)
int(0)
int(5000)
AmqpConfirm\TimeoutException: no room to publish within 0.300 s: 2 messages, 6 bytes in flight (max_in_flight 2, max_in_flight_bytes 33554432) (the broker is blocking publishers: low on memory)
int(2)
int(2)
int(3)
