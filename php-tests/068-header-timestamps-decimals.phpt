--TEST--
Timestamps (DateTimeInterface) in headers go out as AMQP timestamp values, nested too (read back with php-amqplib, which shows the wire types); a timestamp before 1970 is a ValueError; other objects are a TypeError (php-amqp's AMQPTimestamp and AMQPDecimal: 082)
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
require_once '/usr/share/php/PhpAmqpLib/autoload.php';
$p = publisher();
$q = temp_queue($p, 'stamps');
$headers = [
    'date' => new DateTimeImmutable('@1700000000'),
    'nested' => ['time' => new DateTime('@1700000002'), 'list' => [new DateTimeImmutable('@1700000003')]],
];
$p->publish('', $q, 'h', ['headers' => $headers])->wait(10);
[$m] = read_back_amqplib($q);
/** php-amqplib's type codes for the fields of a table or array: 9 decimal, 10 timestamp, 15 array, 16 table. */
function types(PhpAmqpLib\Wire\AMQPAbstractCollection $c): string
{
    $out = [];
    foreach ($c as $key => [$type, $value]) {
        $out[] = "$key:$type" . ($value instanceof PhpAmqpLib\Wire\AMQPAbstractCollection ? '(' . types($value) . ')' : ($type === 10 ? "=$value" : ''));
    }
    return implode(' ', $out);
}
echo 'amqplib: ', types($m->get('application_headers')), "\n";
expect_throw(fn() => $p->publish('', $q, 'x', ['headers' => ['old' => new DateTimeImmutable('1969-12-31')]]));
expect_throw(fn() => $p->publish('', $q, 'x', ['headers' => ['obj' => new ArrayObject()]]));
?>
--EXPECT--
amqplib: date:10=1700000000 nested:16(list:15(0:10=1700000003) time:10=1700000002)
ValueError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["headers"]["old"] must be a timestamp at or after 1970-01-01 (an AMQP timestamp is unsigned)
TypeError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["headers"]["obj"] must be of type string|int|float|bool|null|array|DateTimeInterface|AmqpConfirm\ByteArray, ArrayObject given
