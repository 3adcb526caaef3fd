--TEST--
Bad credentials: ConnectionException naming ACCESS_REFUSED, and never the password
--FILE--
<?php
try {
    new AmqpConfirm\Publisher('amqp://guest:Sup3rS3cret@127.0.0.1:5672/%2f', ['connect_timeout' => 10]);
} catch (AmqpConfirm\ConnectionException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
    var_dump(str_contains((string) $e, 'Sup3rS3cret'));
    var_dump(str_contains(print_r($e->getTrace(), true), 'Sup3rS3cret'));
}
try {
    new AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:5672/no-such-vhost', ['connect_timeout' => 10]);
} catch (AmqpConfirm\ConnectionException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECTF--
AmqpConfirm\ConnectionException: cannot connect to amqp://guest@127.0.0.1:5672/%2f: ACCESS_REFUSED %s
bool(false)
bool(false)
AmqpConfirm\ConnectionException: cannot connect to amqp://guest@127.0.0.1:5672/no-such-vhost: %s
