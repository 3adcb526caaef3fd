--TEST--
max_message_size (option and ini, default 16 MiB, the broker's default): a larger body is refused by publish() at once with both sizes named, and nothing in flight is touched
--INI--
amqp_confirm.max_message_size=1000
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'size');
$before = [];
for ($i = 0; $i < 100; $i++) $before[] = $p->publish('', $q, str_repeat('x', 500));
expect_throw(fn() => $p->publish('', $q, str_repeat('y', 1001)));
$p->publish('', $q, str_repeat('z', 1000))->wait(10);
$p->waitAll(10);
echo json_encode(array_count_values(array_map(fn($c) => $c->status()->value, $before))), ", published ", $p->stats()['published'], ", queue ", queue_depth($p, $q), "\n";
$big = publisher(['max_message_size' => 2000]);
$big->publish('', $q, str_repeat('y', 1001))->wait(10);
echo "option overrides the ini: accepted\n";
$default = publisher(['max_message_size' => 16777216]);
expect_throw(fn() => $default->publish('', $q, str_repeat('x', 16777217)));
expect_throw(fn() => publisher(['max_message_size' => 0]));
?>
--EXPECT--
ValueError: AmqpConfirm\Publisher::publish(): Argument #3 ($body) is 1001 bytes, more than max_message_size (1000 bytes, the broker's default limit: it closes the channel over larger messages)
{"acked":100}, published 101, queue 101
option overrides the ini: accepted
ValueError: AmqpConfirm\Publisher::publish(): Argument #3 ($body) is 16777217 bytes, more than max_message_size (16777216 bytes, the broker's default limit: it closes the channel over larger messages)
ValueError: AmqpConfirm\Publisher::__construct(): Argument #2 ($options)["max_message_size"] must be between 1 and 1099511627776, 0 given
