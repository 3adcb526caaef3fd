--TEST--
isSettled() and status() never block: a message held by a blocked broker stays pending, then settles
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'poll');
memory_alarm_on();
try {
    $c = $p->publish('', $q, 'held');
    $t = microtime(true);
    for ($i = 0; $i < 1000; $i++) { $c->isSettled(); $c->status(); }
    var_dump(microtime(true) - $t < 1.0);
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
bool(true)
bool(false)
enum(AmqpConfirm\Status::Pending)
bool(true)
enum(AmqpConfirm\Status::Acked)
