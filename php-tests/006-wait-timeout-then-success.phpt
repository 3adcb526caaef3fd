--TEST--
wait() with a timeout throws TimeoutException and leaves the handle pending; a later wait succeeds
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'wto');
memory_alarm_on();
try {
    $c = $p->publish('', $q, 'held');
    try {
        $c->wait(0.2);
    } catch (AmqpConfirm\TimeoutException $e) {
        echo get_class($e), ': ', str_replace($c->messageId(), 'ID', $e->getMessage()), "\n";
    }
    var_dump($c->status());
    try { $c->wait(0); } catch (AmqpConfirm\TimeoutException $e) { echo "zero timeout: timeout\n"; }
} finally {
    memory_alarm_off();
}
$c->wait(20.0);
var_dump($c->status());
?>
--CLEAN--
<?php
require __DIR__ . '/helpers/common.inc';
memory_alarm_off();
?>
--EXPECT--
AmqpConfirm\TimeoutException: no confirmation for message ID within 0.200 s; it is still pending (the broker is blocking publishers: low on memory)
enum(AmqpConfirm\Status::Pending)
zero timeout: timeout
enum(AmqpConfirm\Status::Acked)
