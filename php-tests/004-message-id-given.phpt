--TEST--
A message_id given in the properties is kept and reaches the consumer; generated ids are unique
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'mid');
$c = $p->publish('', $q, 'x', ['message_id' => 'order-42']);
$c->wait(10);
var_dump($c->messageId());
$ids = [];
for ($i = 0; $i < 1000; $i++) $ids[] = $p->publish('', $q, 'y')->messageId();
$p->waitAll(30);
var_dump(count(array_unique($ids)));
$msgs = read_back($q);
var_dump(count($msgs), $msgs[0]->getMessageId());
var_dump($msgs[1]->getMessageId() === $ids[0]);
?>
--EXPECT--
string(8) "order-42"
int(1000)
int(1001)
string(8) "order-42"
bool(true)
