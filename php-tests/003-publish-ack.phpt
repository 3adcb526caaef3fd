--TEST--
publish() returns a handle; wait() returns when acked; status, tag and message id are readable
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'ack');
$c = $p->publish('', $q, 'hello');
var_dump($c instanceof AmqpConfirm\Confirmation);
var_dump($c->wait(10.0));
var_dump($c->isSettled(), $c->status() === AmqpConfirm\Status::Acked, $c->deliveryTag(), $c->reason());
var_dump(strlen($c->messageId()) > 5, $c->exchange(), $c->routingKey() === $q);
$c2 = $p->publish('', $q, 'again');
$c2->wait();
var_dump($c2->deliveryTag(), $c2->messageId() !== $c->messageId());
var_dump(queue_depth($p, $q));
?>
--EXPECT--
bool(true)
NULL
bool(true)
bool(true)
int(1)
NULL
bool(true)
string(0) ""
bool(true)
int(2)
bool(true)
int(2)
