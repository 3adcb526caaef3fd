--TEST--
Timestamps (DateTimeInterface, php-amqp's AMQPTimestamp) and decimals (php-amqp's AMQPDecimal) in headers go out as AMQP timestamp and decimal values, nested too (read back with php-amqp, and with php-amqplib for lists, which php-amqp 1.11 does not decode); a timestamp before 1970 is a ValueError
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'stamps');
$headers = [
    'date' => new DateTimeImmutable('@1700000000'),
    'amqp_ts' => new AMQPTimestamp(1700000001),
    'decimal' => new AMQPDecimal(2, 1234),
    'nested' => ['time' => new DateTime('@1700000002'), 'list' => [new AMQPTimestamp(1700000003)]],
];
$p->publish('', $q, 'h', ['headers' => $headers])->wait(10);
[$env] = read_back($q);
$h = $env->getHeaders();
echo 'date: ', get_class($h['date']), ' ', $h['date']->getTimestamp(), "\n";
echo 'amqp_ts: ', get_class($h['amqp_ts']), ' ', $h['amqp_ts']->getTimestamp(), "\n";
echo 'decimal: ', get_class($h['decimal']), ' ', $h['decimal']->getSignificand(), 'e-', $h['decimal']->getExponent(), "\n";
echo 'nested time: ', $h['nested']['time']->getTimestamp(), "\n";
$p->publish('', $q, 'h2', ['headers' => $headers])->wait(10);
[$m] = read_back_amqplib($q);
/** php-amqplib's type codes for the fields of a table or array: 9 decimal, 10 timestamp, 15 array, 16 table. */
function types(PhpAmqpLib\Wire\AMQPAbstractCollection $c): string
{
    $out = [];
    foreach ($c as $key => [$type, $value]) {
        $out[] = "$key:$type" . ($value instanceof PhpAmqpLib\Wire\AMQPAbstractCollection ? '(' . types($value) . ')' : '');
    }
    return implode(' ', $out);
}
echo 'amqplib: ', types($m->get('application_headers')), "\n";
$d = $m->get('application_headers')->getNativeData()['decimal'];
echo 'amqplib decimal: ', $d->getN(), 'e-', $d->getE(), "\n";
expect_throw(fn() => $p->publish('', $q, 'x', ['headers' => ['old' => new DateTimeImmutable('1969-12-31')]]));
expect_throw(fn() => $p->publish('', $q, 'x', ['headers' => ['obj' => new ArrayObject()]]));
?>
--EXPECT--
date: AMQPTimestamp 1700000000
amqp_ts: AMQPTimestamp 1700000001
decimal: AMQPDecimal 1234e-2
nested time: 1700000002
amqplib: amqp_ts:10 date:10 decimal:9 nested:16(list:15(0:10) time:10)
amqplib decimal: 1234e-2
ValueError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["headers"]["old"] must be a timestamp at or after 1970-01-01 (an AMQP timestamp is unsigned)
TypeError: AmqpConfirm\Publisher::publish(): Argument #4 ($properties)["headers"]["obj"] must be of type string|int|float|bool|null|array|DateTimeInterface, ArrayObject given
