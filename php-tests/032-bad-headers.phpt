--TEST--
Header values that AMQP cannot carry (objects, resources, closures, too deep, recursive, long keys) are refused
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'badheaders');
$deep = 'leaf';
for ($i = 0; $i < 40; $i++) $deep = ['d' => $deep];
$rec = ['a' => 1];
$rec['self'] = &$rec;
$cases = [
    ['obj' => new stdClass],
    ['res' => STDIN],
    ['fn' => fn() => 1],
    ['nested' => ['ok' => 1, 'bad' => [new ArrayObject()]]],
    ['deep' => $deep],
    ['rec' => $rec],
    [str_repeat('k', 256) => 1],
];
foreach ($cases as $headers) expect_throw(fn() => $p->publish('', $q, 'x', ['headers' => $headers]));
$p->publish('', $q, 'ok', ['headers' => ['fine' => [1, [2, [3]]]]])->wait(10);
echo "alive and publishing\n";
?>
--EXPECT--
TypeError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["headers"]["obj"] must be of type string|int|float|bool|null|array|DateTimeInterface, stdClass given
TypeError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["headers"]["res"] must be of type string|int|float|bool|null|array|DateTimeInterface, resource given
TypeError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["headers"]["fn"] must be of type string|int|float|bool|null|array|DateTimeInterface, Closure given
TypeError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["headers"]["nested"]["bad"][0] must be of type string|int|float|bool|null|array|DateTimeInterface, ArrayObject given
ValueError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["headers"]["deep"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"] is nested deeper than 32 levels
ValueError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["headers"]["rec"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"] is nested deeper than 32 levels
ValueError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["headers"] key must be at most 255 bytes, 256 given
alive and publishing
