--TEST--
Mandatory routable messages are acked promptly (held acks settle on the next scan, nothing stalls)
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'mflood');
$cs = [];
for ($i = 0; $i < 2000; $i++) $cs[] = $p->publish('', $q, "m$i", [], true);
$p->waitAll(30);
var_dump($p->stats()['acked']);
$one = $p->publish('', $q, 'single', [], true);
$one->wait(5);
var_dump($one->status());
?>
--EXPECT--
int(2000)
enum(AmqpConfirm\Status::Acked)
