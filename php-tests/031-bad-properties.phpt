--TEST--
publish() properties: unknown keys, wrong types and out-of-range values are ValueError/TypeError naming the key
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'badprops');
$cases = [
    ['nope' => 'x'],
    ['content_type' => 5],
    ['delivery_mode' => 3],
    ['delivery_mode' => '2'],
    ['priority' => 256],
    ['priority' => -1],
    ['expiration' => 'soon'],
    ['expiration' => -5],
    ['timestamp' => -1],
    ['timestamp' => 'now'],
    ['app_id' => str_repeat('a', 256)],
    ['headers' => 'x'],
    ['message_id' => null],
];
foreach ($cases as $props) expect_throw(fn() => $p->publish('', $q, 'x', $props));
var_dump($p->stats()['published']);
$p->publish('', $q, 'ok', ['priority' => 0, 'delivery_mode' => 1, 'expiration' => 0])->wait(10);
echo "valid edge values: acked\n";
?>
--EXPECT--
ValueError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties) has an unknown key "nope" (known: content_type, content_encoding, delivery_mode, priority, correlation_id, reply_to, expiration, message_id, timestamp, type, user_id, app_id, headers)
TypeError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["content_type"] must be of type string, int given
ValueError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["delivery_mode"] must be between 1 and 2, 3 given
TypeError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["delivery_mode"] must be of type int, string given
ValueError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["priority"] must be between 0 and 255, 256 given
ValueError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["priority"] must be between 0 and 255, -1 given
ValueError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["expiration"] must be a number of milliseconds, "soon" given
ValueError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["expiration"] must be between 0 and 4294967295, -5 given
ValueError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["timestamp"] must be between 0 and 9223372036854775807, -1 given
TypeError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["timestamp"] must be of type int, string given
ValueError: AmqpConfirm\Publisher::publish(): $properties["app_id"] must be at most 255 bytes, 256 given
TypeError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["headers"] must be of type array, string given
TypeError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["message_id"] must be of type string, null given
int(0)
valid edge values: acked
