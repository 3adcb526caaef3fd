--TEST--
php-amqp's AMQPTimestamp and AMQPDecimal in headers go out as AMQP timestamp and decimal values, nested too, where php-amqp is loaded (read back with php-amqp, and with php-amqplib, which shows the wire types)
--SKIPIF--
<?php if (!extension_loaded('amqp')) die('skip php-amqp is not loaded (Debian builds none for PHP 8.5)'); ?>
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
require_once '/usr/share/php/PhpAmqpLib/autoload.php';
$p = publisher();
$q = temp_queue($p, 'stamps');
$headers = [
    'amqp_ts' => new AMQPTimestamp(1700000001),
    'decimal' => new AMQPDecimal(2, 1234),
    'nested' => ['list' => [new AMQPTimestamp(1700000003)]],
];
$p->publish('', $q, 'h', ['headers' => $headers])->wait(10);
$conn = new AMQPConnection(['host' => '127.0.0.1', 'port' => 5672, 'login' => 'guest', 'password' => TEST_PASSWORD]);
$conn->connect();
$amqpQueue = new AMQPQueue(new AMQPChannel($conn));
$amqpQueue->setName($q);
$h = $amqpQueue->get(AMQP_AUTOACK)->getHeaders();
$conn->disconnect();
echo 'amqp_ts: ', get_class($h['amqp_ts']), ' ', $h['amqp_ts']->getTimestamp(), "\n";
echo 'decimal: ', get_class($h['decimal']), ' ', $h['decimal']->getSignificand(), 'e-', $h['decimal']->getExponent(), "\n";
$p->publish('', $q, 'h2', ['headers' => $headers])->wait(10);
[$m] = read_back_amqplib($q);
$types = [];
foreach ($m->get('application_headers') as $key => [$type, $value]) $types[] = "$key:$type";
echo 'amqplib: ', implode(' ', $types), "\n";
$d = $m->get('application_headers')->getNativeData()['decimal'];
echo 'amqplib decimal: ', $d->getN(), 'e-', $d->getE(), "\n";
?>
--EXPECT--
amqp_ts: AMQPTimestamp 1700000001
decimal: AMQPDecimal 1234e-2
amqplib: amqp_ts:10 decimal:9 nested:16
amqplib decimal: 1234e-2
