--TEST--
Delivery tags follow publish order on the wire: 5000 messages get tags 1..5000 and arrive in that order
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'order');
$cs = [];
for ($i = 0; $i < 5000; $i++) $cs[] = $p->publish('', $q, (string) $i);
$p->waitAll(60);
$ok = true;
foreach ($cs as $i => $c) $ok = $ok && $c->deliveryTag() === $i + 1 && $c->status() === AmqpConfirm\Status::Acked;
var_dump($ok);
$bodies = array_map(fn($m) => (int) $m->getBody(), read_back($q));
var_dump(count($bodies), $bodies === range(0, 4999));
?>
--EXPECT--
bool(true)
int(5000)
bool(true)
