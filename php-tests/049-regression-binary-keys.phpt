--TEST--
Regression: array keys that are not valid UTF-8 or hold NUL bytes give a ValueError (they used to give "Rust panic: Invalid array key!" or an Error that could not carry the message)
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'binkeys');
expect_throw(fn() => new AmqpConfirm\Publisher(test_uri(), ["\xff\xfe" => 1]));
expect_throw(fn() => $p->publish('', $q, 'x', ["\xc3\x28" => 'v']));
expect_throw(fn() => $p->publish('', $q, 'x', ['headers' => ["\xff" => 'v']]));
expect_throw(fn() => $p->declareQueue($q, ['arguments' => ["bad\xff" => 1]]));
expect_throw(fn() => $p->publish('', $q, 'x', ["nul\0key" => 'v']));
expect_throw(fn() => $p->publish('', $q, 'x', ['headers' => ["a\0b" => new stdClass]]));
$batch = ["bin\xffkey" => $p->publish('', uniq('none'), 'r', [], true), 'ok' => $p->publish('', $q, 'fine')];
$failed = $p->collectFailures($batch, 10);
var_dump(array_keys($failed) === ["bin\xffkey"]);
?>
--EXPECT--
ValueError: AmqpConfirm\Publisher::__construct(): Argument #2 ($options) has a key that is not valid UTF-8
ValueError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties) has a key that is not valid UTF-8
ValueError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["headers"] has a key that is not valid UTF-8
ValueError: AmqpConfirm\Publisher::declareQueue(): Argument #2 ($options)["arguments"] has a key that is not valid UTF-8
ValueError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties) has an unknown key "nul\0key" (known: content_type, content_encoding, delivery_mode, priority, correlation_id, reply_to, expiration, message_id, timestamp, type, user_id, app_id, headers)
TypeError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["headers"]["a\0b"] must be of type string|int|float|bool|null|array|DateTimeInterface|AmqpConfirm\ByteArray, stdClass given
bool(true)
