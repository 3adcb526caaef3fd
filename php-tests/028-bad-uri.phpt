--TEST--
Malformed URIs, unknown URI query parameters and a frame_max below 8192 (RabbitMQ 4.1+ refuses it) are a ValueError naming $uri
--FILE--
<?php
foreach (['', 'localhost', 'http://127.0.0.1/', 'amqp://guest:guest@127.0.0.1:5672/%2f?bogus=1', 'amqp://guest:guest@127.0.0.1:notaport/', 'amqp://guest:guest@127.0.0.1:5672/%2f?heartbeat=abc', 'amqp://guest:guest@127.0.0.1:5672/%2f?frame_max=4096'] as $uri) {
    try {
        new AmqpConfirm\Publisher($uri);
        echo "accepted: $uri\n";
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
$p = new AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:5672/%2f?heartbeat=10&frame_max=131072&channel_max=64&connection_timeout=5000');
var_dump($p->isConnected());
?>
--EXPECTF--
ValueError: AmqpConfirm\Publisher::__construct(): $uri must start with amqp:// or amqps://
ValueError: AmqpConfirm\Publisher::__construct(): $uri must start with amqp:// or amqps://
ValueError: AmqpConfirm\Publisher::__construct(): $uri must start with amqp:// or amqps://
ValueError: AmqpConfirm\Publisher::__construct(): $uri has an unknown query parameter "bogus" (known: heartbeat, frame_max, channel_max, connection_timeout, auth_mechanism)
ValueError: AmqpConfirm\Publisher::__construct(): $uri is not a valid AMQP URI (%s)
ValueError: AmqpConfirm\Publisher::__construct(): $uri query parameter heartbeat must be a whole number of seconds, "abc" given
ValueError: AmqpConfirm\Publisher::__construct(): $uri frame_max must be at least 8192 (RabbitMQ 4.1 and later refuse less), 4096 given
bool(true)
