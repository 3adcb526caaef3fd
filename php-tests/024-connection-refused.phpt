--TEST--
A port with no broker: ConnectionException from the constructor naming the refusal (not the connect_timeout)
--FILE--
<?php
try {
    new AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:1/%2f', ['connect_timeout' => 5]);
} catch (AmqpConfirm\ConnectionException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECTF--
AmqpConfirm\ConnectionException: cannot connect to amqp://guest@127.0.0.1:1/%2f: I/O error: Connection refused%s
