--TEST--
A connection closed by the broker fails every message in flight on it, with the cause
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$name = uniq('conn');
$p = publisher(['connection_name' => $name]);
$q = temp_queue($p, 'lost');
memory_alarm_on();
try {
    $cs = [];
    for ($i = 0; $i < 20; $i++) $cs[] = $p->publish('', $q, "m$i");
    usleep(200000);
    var_dump(close_connections_named($name, 'phpt closes it'));
    try {
        $p->waitAll(15);
    } finally {
        memory_alarm_off();
    }
} finally {
    memory_alarm_off();
}
$by = array_count_values(array_map(fn($c) => $c->status()->value, $cs));
print_r($by);
try {
    $cs[0]->wait();
} catch (AmqpConfirm\PublishFailedException $e) {
    echo get_class($e), ' ', $e->getCode(), ' ', str_contains($e->getMessage(), 'phpt closes it') ? 'with the broker reason' : $e->getMessage(), "\n";
}
var_dump($p->isConnected(), $p->stats()['failed'], $p->stats()['in_flight']);
?>
--CLEAN--
<?php
require __DIR__ . '/helpers/common.inc';
memory_alarm_off();
?>
--EXPECT--
int(1)
Array
(
    [failed] => 20
)
AmqpConfirm\PublishFailedException 320 with the broker reason
bool(false)
int(20)
int(0)
