--TEST--
waitAll() throws TimeoutException naming how many are still pending; handles stay readable
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'wat');
memory_alarm_on();
try {
    $cs = [];
    for ($i = 0; $i < 5; $i++) $cs[] = $p->publish('', $q, "m$i");
    try {
        $p->waitAll(0.3);
    } catch (AmqpConfirm\TimeoutException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
    var_dump($p->stats()['in_flight'], $cs[4]->status(), $p->stats()['blocked'], $p->stats()['blocked_reason']);
} finally {
    memory_alarm_off();
}
$p->waitAll(20);
var_dump($p->stats()['acked'], $p->stats()['blocked']);
?>
--CLEAN--
<?php
require __DIR__ . '/helpers/common.inc';
memory_alarm_off();
?>
--EXPECT--
AmqpConfirm\TimeoutException: 5 confirmation(s) still pending after 0.300 s; the broker has not answered for them (the broker is blocking publishers: low on memory)
int(5)
enum(AmqpConfirm\Status::Pending)
bool(true)
string(13) "low on memory"
int(5)
bool(false)
