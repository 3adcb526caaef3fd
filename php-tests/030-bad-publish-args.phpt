--TEST--
publish(): bad exchange, routing key and body are clear exceptions, and the publisher keeps working
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'args');
expect_throw(fn() => $p->publish(str_repeat('x', 256), 'k', 'b'));
expect_throw(fn() => $p->publish('', str_repeat('k', 256), 'b'));
expect_throw(fn() => $p->publish([], 'k', 'b'));
expect_throw(fn() => $p->publish('', new stdClass, 'b'));
expect_throw(fn() => $p->publish('', 'k', ['body']));
expect_throw(fn() => $p->publish('', 'k', 'b', 'not an array'));
expect_throw(fn() => $p->publish('', 'k'));
$p->publish(str_repeat('x', 0), str_repeat('k', 255), 'max length routing key ok', [], false)->wait(10);
$c = $p->publish('', $q, 'fine');
$c->wait(10);
var_dump($c->status(), $p->stats()['published']);
?>
--EXPECTF--
ValueError: AmqpConfirm\Publisher::publish(): Argument #1 ($exchange) must be at most 255 bytes, 256 given
ValueError: AmqpConfirm\Publisher::publish(): Argument #2 ($routingKey) must be at most 255 bytes, 256 given
TypeError: %s
TypeError: %s
TypeError: %s
TypeError: %s
ArgumentCountError: %s
enum(AmqpConfirm\Status::Acked)
int(2)
