--TEST--
isSettled() and status() never block: 1000 calls each return Pending while the blocked broker holds the message (a blocking call could not return before the alarm is cleared), then it settles
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'poll');
memory_alarm_on();
try {
    $c = $p->publish('', $q, 'held');
    $pending = 0;
    for ($i = 0; $i < 1000; $i++) { $pending += !$c->isSettled() && $c->status() === AmqpConfirm\Status::Pending ? 1 : 0; }
    echo "$pending of 1000 calls returned Pending\n";
    usleep(300000);
    var_dump($c->isSettled(), $c->status());
} finally {
    memory_alarm_off();
}
$c->wait(20);
var_dump($c->isSettled(), $c->status());
?>
--CLEAN--
<?php
require __DIR__ . '/helpers/common.inc';
memory_alarm_off();
?>
--EXPECT--
1000 of 1000 calls returned Pending
bool(false)
enum(AmqpConfirm\Status::Pending)
bool(true)
enum(AmqpConfirm\Status::Acked)
