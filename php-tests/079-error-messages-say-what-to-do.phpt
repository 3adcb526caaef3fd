--TEST--
Mistakes a newcomer makes get messages that say what to do: an empty vhost, a fractional connection_timeout, a server that is not AMQP, TLS to the plain port or without the broker's CA, php-amqp's credentials array; outcome exceptions name the exchange and routing key; collectFailures() on timeout says how many are pending and how many it already knows failed
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
function show(callable $fn): void {
    try { $fn(); echo "no exception\n"; } catch (Throwable $e) { echo get_class($e), ': ', preg_replace('/127\.0\.0\.1:\d+/', '127.0.0.1:PORT', $e->getMessage()), "\n"; }
}
show(fn() => new AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:5672/'));
show(fn() => new AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:5672/%2f?connection_timeout=3.5'));
show(fn() => new AmqpConfirm\Publisher(['host' => '127.0.0.1', 'port' => 5672, 'login' => 'guest', 'password' => 'guest', 'vhost' => '/']));
// a server that answers something else than AMQP (an HTTP error page)
$server = stream_socket_server('tcp://127.0.0.1:0');
$port = (int) substr(strrchr(stream_socket_get_name($server, false), ':'), 1);
$pid = pcntl_fork();
if ($pid === 0) {
    if ($c = stream_socket_accept($server, 10)) { fread($c, 8); fwrite($c, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"); usleep(200000); }
    posix_kill(getmypid(), 9);
}
show(fn() => new AmqpConfirm\Publisher("amqp://guest:guest@127.0.0.1:$port/%2f", ['connect_timeout' => 5]));
pcntl_waitpid($pid, $status);
show(fn() => new AmqpConfirm\Publisher('amqps://guest:guest@127.0.0.1:5672/%2f', ['connect_timeout' => 5]));
show(fn() => new AmqpConfirm\Publisher('amqps://guest:guest@localhost:5671/%2f', ['connect_timeout' => 5]));

$p = publisher();
$q = temp_queue($p, 'msgs');
$full = temp_queue($p, 'full', ['x-max-length' => 0, 'x-overflow' => 'reject-publish']);
show(fn() => $p->publish('amq.direct', 'nowhere', 'x', ['message_id' => 'r-1'])->wait(10));
show(fn() => $p->publish('', $full, 'x', ['message_id' => 'n-1'])->wait(10));
// the broker blocks publishers: two already answered (one nacked), two held
$done = [$p->publish('', $q, 'x', ['message_id' => 'ok-1']), $p->publish('', $full, 'x', ['message_id' => 'n-2'])];
$p->waitAll(10);
memory_alarm_on();
try {
    $held = [$p->publish('', $q, 'x', ['message_id' => 'held-1']), $p->publish('', $q, 'x', ['message_id' => 'held-2'])];
    show(fn() => $p->collectFailures(array_merge($done, $held), 0.5));
} finally {
    memory_alarm_off();
}
$p->waitAll(10);
echo "once settled, collectFailures() gives the failure: ", implode(',', array_map(fn($c) => $c->messageId(), $p->collectFailures(array_merge($done, $held)))), "\n";
?>
--CLEAN--
<?php
require __DIR__ . '/helpers/common.inc';
memory_alarm_off();
?>
--EXPECTF--
ValueError: AmqpConfirm\Publisher::__construct(): $uri has an empty vhost (the "/" at its end): RabbitMQ's default vhost "/" is written %2f, as in amqp://host:5672/%2f, or leave the path out
ValueError: AmqpConfirm\Publisher::__construct(): $uri query parameter connection_timeout must be a whole number of milliseconds, "3.5" given
ValueError: AmqpConfirm\Publisher::__construct(): Argument #1 ($uri) must be an AMQP URI or a list of them, not an array with keys (php-amqp's credentials: host, port, login, password, vhost): write amqp://login:password@host:port/vhost, with the vhost "/" as %2f
AmqpConfirm\ConnectionException: cannot connect to amqp://guest@127.0.0.1:PORT/%2f: the server did not answer in AMQP 0-9-1: is this RabbitMQ's AMQP port (5672, or 5671 for amqps://), not its management or another service's?
AmqpConfirm\ConnectionException: cannot connect to amqps://guest@127.0.0.1:PORT/%2f: I/O error: %s (the server does not speak TLS on this port: amqps:// is usually port 5671, amqp:// port 5672)
AmqpConfirm\ConnectionException: cannot connect to amqps://guest@localhost:5671/%2f: I/O error: invalid peer certificate: UnknownIssuer (the broker's certificate is not signed by a CA this process trusts: pass that CA's PEM file as the cafile option)
AmqpConfirm\ReturnedException: message r-1 (exchange 'amq.direct', routing key 'nowhere') was returned by the broker: 312 NO_ROUTE
AmqpConfirm\NackedException: the broker nacked message n-1 (exchange '', routing key 'phpt.full.%s')
AmqpConfirm\TimeoutException: 2 of 4 confirmation(s) still pending after 0.500 s (messages held-1, held-2); 1 already not acked: call collectFailures() again with the same array once they settle (the broker is blocking publishers: %s)
once settled, collectFailures() gives the failure: n-2
