--TEST--
A full queue with x-overflow reject-publish nacks exactly the messages it refuses
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'nack', ['x-max-length' => 3, 'x-overflow' => 'reject-publish']);
$cs = [];
for ($i = 0; $i < 10; $i++) $cs[] = $p->publish('', $q, "m$i");
$p->waitAll(20);
echo implode(' ', array_map(fn($c) => $c->status()->value, $cs)), "\n";
try {
    $cs[9]->wait();
} catch (AmqpConfirm\NackedException $e) {
    echo get_class($e), ' ', $e->getCode(), ' ', str_contains($e->getMessage(), $cs[9]->messageId()) ? 'names the message' : 'no id', "\n";
}
var_dump($cs[9]->reason());
var_dump(queue_depth($p, $q));
$s = $p->stats();
echo "acked {$s['acked']} nacked {$s['nacked']}\n";
?>
--EXPECT--
acked acked acked nacked nacked nacked nacked nacked nacked nacked
AmqpConfirm\NackedException 0 names the message
string(20) "nacked by the broker"
int(3)
acked 3 nacked 7
