--TEST--
declareQueue() options: server-named exclusive queue, auto_delete, quorum queue arguments, counts
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$r = $p->declareQueue('', ['exclusive' => true, 'durable' => false]);
var_dump(str_starts_with($r['name'], 'amq.gen-'), $r['messages'], $r['consumers']);
$p->publish('', $r['name'], 'to exclusive')->wait(10);
var_dump(queue_depth($p, $r['name']));
$quorum = uniq('quorum');
$p->declareQueue($quorum, ['arguments' => ['x-queue-type' => 'quorum']]);
$cs = [];
for ($i = 0; $i < 100; $i++) $cs[] = $p->publish('', $quorum, "q$i");
$p->waitAll(30);
var_dump(count(array_filter($cs, fn($c) => $c->status() === AmqpConfirm\Status::Acked)));
var_dump($p->deleteQueue($quorum));
$ad = uniq('autodel');
var_dump($p->declareQueue($ad, ['auto_delete' => true])['name'] === $ad);
$p->deleteQueue($ad);
?>
--EXPECT--
bool(true)
int(0)
int(0)
int(1)
int(100)
int(100)
bool(true)
