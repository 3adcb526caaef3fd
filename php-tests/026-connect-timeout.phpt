--TEST--
connect_timeout is honoured against a server that accepts TCP but never speaks AMQP
--FILE--
<?php
$server = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
$port = (int) substr(strrchr(stream_socket_get_name($server, false), ':'), 1);
try {
    new AmqpConfirm\Publisher("amqp://guest:guest@127.0.0.1:$port/%2f", ['connect_timeout' => 0.5]);
} catch (AmqpConfirm\ConnectionException $e) {
    echo get_class($e), ': ', str_replace((string) $port, 'PORT', $e->getMessage()), "\n";
}
// the URI's connection_timeout (ms) applies when the option is absent
try {
    new AmqpConfirm\Publisher("amqp://guest:guest@127.0.0.1:$port/%2f?connection_timeout=300");
} catch (AmqpConfirm\ConnectionException $e) {
    echo "uri timeout: ", str_contains($e->getMessage(), '0.300 s') ? 'yes' : $e->getMessage(), "\n";
}
?>
--EXPECT--
AmqpConfirm\ConnectionException: cannot connect to amqp://guest@127.0.0.1:PORT/%2f: no answer within 0.500 s (connect_timeout): the host did not accept the connection or did not answer AMQP's handshake (is RabbitMQ listening on that port?)
uri timeout: yes
