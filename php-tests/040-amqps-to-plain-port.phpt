--TEST--
amqps:// against a plain AMQP port fails with a ConnectionException, not a hang or a crash
--FILE--
<?php
try {
    new AmqpConfirm\Publisher('amqps://guest:guest@127.0.0.1:5672/%2f', ['connect_timeout' => 3]);
    echo "connected?!\n";
} catch (AmqpConfirm\ConnectionException $e) {
    echo get_class($e), ': ', str_starts_with($e->getMessage(), 'cannot connect to amqps://guest@127.0.0.1:5672/%2f: ') ? 'refused' : $e->getMessage(), "\n";
}
?>
--EXPECT--
AmqpConfirm\ConnectionException: refused
