--TEST--
A handle outlives its publisher: dropping the publisher still settles what was in flight
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'outlive');
$cs = [];
for ($i = 0; $i < 500; $i++) $cs[] = $p->publish('', $q, "m$i");
unset($p);
$other = publisher();
var_dump($other->collectFailures($cs, 20));
var_dump(count(array_filter($cs, fn($c) => $c->status() === AmqpConfirm\Status::Acked)));
var_dump(queue_depth($other, $q));
?>
--EXPECT--
array(0) {
}
int(500)
int(500)
