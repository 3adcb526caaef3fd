--TEST--
Topology cannot hurt publishing: a topology mistake (an unknown exchange type: a connection error, 503, on RabbitMQ 3.x; a channel error, 406, on 4.x), a channel error, or the topology connection closed by the broker fails only that call, with the broker's code and text, while thousands of messages are in flight (no reconnection, no republish, no duplicate); topology waits through an outage up to its timeout, and says the broker is unreachable after it
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'topo-safe');
$cs = [];
for ($i = 0; $i < 3000; $i++) {
    $cs[] = $p->publish('', $q, "m$i", ['message_id' => "t-$i"]);
    if ($i === 1000) {
        try {
            $p->declareExchange(uniq('typo'), 'topicc');
        } catch (AmqpConfirm\ChannelException $e) {
            $expected = str_starts_with(rabbitmqctl('version'), '3.') ? '503 COMMAND_INVALID' : '406 PRECONDITION_FAILED';
            $said = implode(' ', array_slice(explode(' ', $e->getMessage()), 0, 2));
            echo get_class($e), ' ', ($e->getCode() === (int) $said && $said === $expected) ? "as this broker version says: $said" : "unexpected: $said", "\n";
        }
    }
    if ($i === 500) {
        echo "topology connection closed by the broker: ", close_connections_named('phpt ' . basename($_SERVER['SCRIPT_NAME']) . ' (topology)'), "\n";
        echo "topology after that: ", $p->declareQueue($q, ['passive' => true])['consumers'], " consumers\n";
    }
    if ($i === 2000) {
        try {
            $p->bindQueue($q, uniq('no-exchange'));
        } catch (AmqpConfirm\ChannelException $e) {
            echo get_class($e), ' ', $e->getCode(), "\n";
        }
    }
}
$p->waitAll(60);
$statuses = array_count_values(array_map(fn($c) => $c->status()->value, $cs));
$attempts = max(array_map(fn($c) => $c->attempts(), $cs));
echo json_encode($statuses), ", most attempts $attempts, reconnects ", $p->stats()['reconnects'], "\n";
echo "next topology call works: ", $p->declareQueue($q, ['passive' => true])['messages'], " messages in the queue\n";

// an outage: topology waits for the broker up to its timeout
$proxy = proxy_start(60);
$t = new AmqpConfirm\Publisher($proxy['uri'], ['confirm_timeout' => 10, 'reconnect_backoff' => [0.1, 0.3]]);
$t->declareQueue($q, ['passive' => true]);
$short = new AmqpConfirm\Publisher($proxy['uri'], ['confirm_timeout' => 1, 'reconnect_backoff' => [0.1, 0.3]]);
proxy_mode($proxy, 'down');
$pid = pcntl_fork();
if ($pid === 0) {
    usleep(1000000);
    proxy_mode($proxy, 'up');
    posix_kill(getmypid(), 9); // no shutdown in the child
}
echo "during an outage that ends: ", $t->declareQueue($q, ['passive' => true])['messages'], " messages\n";
pcntl_waitpid($pid, $status);
proxy_mode($proxy, 'down');
try {
    $short->declareQueue($q, ['passive' => true]);
} catch (AmqpConfirm\ConnectionException $e) {
    echo "during an outage that lasts: ", get_class($e), "\n";
}
proxy_stop($proxy);
?>
--EXPECTF--
topology connection closed by the broker: 1
topology after that: 0 consumers
AmqpConfirm\ChannelException as this broker version says: %s
AmqpConfirm\ChannelException 404
{"acked":3000}, most attempts 1, reconnects 0
next topology call works: 3000 messages in the queue
during an outage that ends: 3000 messages
during an outage that lasts: AmqpConfirm\ConnectionException
