--TEST--
ini settings give the defaults (confirm_timeout, max_in_flight, max_in_flight_bytes, connect_timeout, drain_timeout); constructor options override them
--INI--
amqp_confirm.confirm_timeout=0.25
amqp_confirm.max_in_flight=3
amqp_confirm.connect_timeout=0.4
amqp_confirm.drain_timeout=0.3
amqp_confirm.max_in_flight_bytes=1000
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
var_dump(ini_get('amqp_confirm.confirm_timeout'), ini_get('amqp_confirm.max_in_flight'), ini_get('amqp_confirm.drain_timeout'), ini_get('amqp_confirm.connect_timeout'));
// the broker's publishers set their own connect_timeout (an option wins over the ini), and the queue is declared by
// one with its own confirm_timeout (topology waits up to it), so that a slow run (valgrind) still reaches the broker;
// the ini's 0.4 s connect_timeout is proven against the silent server below
$reach = ['connect_timeout' => patience(0.4)];
$q = temp_queue(publisher(['connect_timeout' => patience(5), 'confirm_timeout' => patience(5)]), 'ini');
$p = publisher($reach);
memory_alarm_on();
try {
    $c = $p->publish('', $q, 'held');
    try { $c->wait(); } catch (AmqpConfirm\TimeoutException $e) { echo "wait(): ", str_contains($e->getMessage(), 'within 0.250 s') ? 'ini confirm_timeout' : $e->getMessage(), "\n"; }
    $p->publish('', $q, 'two');
    $p->publish('', $q, 'three');
    try { $p->publish('', $q, 'four'); } catch (AmqpConfirm\TimeoutException $e) { echo "publish(): ", str_contains($e->getMessage(), 'max_in_flight 3') ? 'ini max_in_flight' : $e->getMessage(), "\n"; }
    $b = publisher(['confirm_timeout' => 0.1] + $reach);
    $b->publish('', $q, str_repeat('x', 600));
    try { $b->publish('', $q, str_repeat('y', 600)); } catch (AmqpConfirm\TimeoutException $e) { echo "publish(): ", str_contains($e->getMessage(), 'max_in_flight_bytes 1000') ? 'ini max_in_flight_bytes' : $e->getMessage(), "\n"; }
    $o = publisher(['confirm_timeout' => 0.1, 'max_in_flight' => 100, 'max_in_flight_bytes' => 10000] + $reach);
    $c2 = $o->publish('', $q, 'option wins');
    try { $c2->wait(); } catch (AmqpConfirm\TimeoutException $e) { echo "option: ", str_contains($e->getMessage(), 'within 0.100 s') ? 'overrides ini' : $e->getMessage(), "\n"; }
} finally {
    memory_alarm_off();
}
$p->waitAll(20);
$b->waitAll(20);
$o->waitAll(20);
$server = stream_socket_server('tcp://127.0.0.1:0');
$port = (int) substr(strrchr(stream_socket_get_name($server, false), ':'), 1);
try { new AmqpConfirm\Publisher("amqp://guest:guest@127.0.0.1:$port/%2f"); } catch (AmqpConfirm\ConnectionException $e) { echo "connect: ", str_contains($e->getMessage(), '0.400 s') ? 'ini connect_timeout' : $e->getMessage(), "\n"; }
try { new AmqpConfirm\Publisher("amqp://guest:guest@127.0.0.1:$port/%2f?connection_timeout=200"); } catch (AmqpConfirm\ConnectionException $e) { echo "uri: ", str_contains($e->getMessage(), '0.200 s') ? 'URI connection_timeout overrides ini' : $e->getMessage(), "\n"; }
?>
--CLEAN--
<?php
require __DIR__ . '/helpers/common.inc';
memory_alarm_off();
?>
--EXPECT--
string(4) "0.25"
string(1) "3"
string(3) "0.3"
string(3) "0.4"
wait(): ini confirm_timeout
publish(): ini max_in_flight
publish(): ini max_in_flight_bytes
option: overrides ini
connect: ini connect_timeout
uri: URI connection_timeout overrides ini
