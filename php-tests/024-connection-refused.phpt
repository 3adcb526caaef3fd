--TEST--
A port with no broker: ConnectionException from the constructor, quickly
--FILE--
<?php
$t = microtime(true);
try {
    new AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:1/%2f', ['connect_timeout' => 5]);
} catch (AmqpConfirm\ConnectionException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump(microtime(true) - $t < 5);
?>
--EXPECTF--
AmqpConfirm\ConnectionException: cannot connect to amqp://guest@127.0.0.1:1/%2f: I/O error: Connection refused%s
bool(true)
