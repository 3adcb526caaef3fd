--TEST--
Header values that AMQP cannot carry (objects, resources, closures, too deep, recursive, long keys) or that RabbitMQ closes the connection over (INF, -INF, NAN) are refused by publish(), nothing sent
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
    ['inf' => INF],
    ['list' => [1.5, -INF]],
    ['map' => ['nan' => NAN]],
];
foreach ($cases as $headers) expect_throw(fn() => $p->publish('', $q, 'x', ['headers' => $headers]));
$p->publish('', $q, 'ok', ['headers' => ['fine' => [1, [2, [3]]], 'float' => 1.5]])->wait(10);
echo "alive and publishing: ", $p->stats()['published'], " published\n";
?>
--EXPECT--
TypeError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["headers"]["obj"] must be of type string|int|float|bool|null|array|DateTimeInterface|AmqpConfirm\ByteArray, stdClass given
TypeError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["headers"]["res"] must be of type string|int|float|bool|null|array|DateTimeInterface|AmqpConfirm\ByteArray, resource given
TypeError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["headers"]["fn"] must be of type string|int|float|bool|null|array|DateTimeInterface|AmqpConfirm\ByteArray, Closure given
TypeError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["headers"]["nested"]["bad"][0] must be of type string|int|float|bool|null|array|DateTimeInterface|AmqpConfirm\ByteArray, ArrayObject given
ValueError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["headers"]["deep"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"]["d"] is nested deeper than 32 levels
ValueError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["headers"]["rec"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"]["self"] is nested deeper than 32 levels
ValueError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["headers"] key must be at most 255 bytes, 256 given
ValueError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["headers"]["inf"] must be a finite float (RabbitMQ closes the connection over INF, -INF and NAN), INF given
ValueError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["headers"]["list"][1] must be a finite float (RabbitMQ closes the connection over INF, -INF and NAN), -INF given
ValueError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["headers"]["map"]["nan"] must be a finite float (RabbitMQ closes the connection over INF, -INF and NAN), NAN given
alive and publishing: 1 published
