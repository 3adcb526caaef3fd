--TEST--
A half-open connection (the broker stops answering, no reset) is noticed by heartbeats and replaced: a wait meanwhile says the publisher is reconnecting (not that the broker is slow); the message in flight is republished and acked once the broker answers again; with the default heartbeat (10 s, none in the URI) the publisher asks for 10 s
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$q = uniq('halfopen');
$proxy = proxy_start(120);
$p = new AmqpConfirm\Publisher($proxy['uri'] . '?heartbeat=1', ['reconnect_backoff' => [0.2, 1.0], 'connect_timeout' => 2, 'confirm_timeout' => 60]);
$p->declareQueue($q, ['arguments' => ['x-expires' => 60000]]);
$p->publish('', $q, 'before')->wait(10);
proxy_mode($proxy, 'half-open');
$c = $p->publish('', $q, 'during', ['message_id' => 'during-1']);
for ($i = 0; $i < 600 && $p->isConnected(); $i++) usleep(100000);
echo "connection given up: ", var_export(!$p->isConnected(), true), ", message ", $c->status()->value, "\n";
for ($i = 0; $i < 100 && $p->stats()['reconnect_attempts'] === 0; $i++) usleep(100000);
try {
    $c->wait(0.2);
} catch (AmqpConfirm\TimeoutException $e) {
    echo "a wait meanwhile: ", str_contains($e->getMessage(), 'the connection to the broker is lost: reconnecting') ? 'says it is reconnecting' : $e->getMessage(), "\n";
}
proxy_mode($proxy, 'up');
$c->wait(60);
echo "after the broker answers again: ", $c->status()->value, " after ", $c->attempts(), " attempts, reconnects ", $p->stats()['reconnects'], "\n";
proxy_stop($proxy);
// no heartbeat in the URI: the connection asks for 10 s (the broker's connection list shows the negotiated value)
$name = uniq('hb');
$d = publisher(['connection_name' => $name]);
$timeout = '';
for ($i = 0; $i < 50 && $timeout === ''; $i++) {
    foreach (explode("\n", rabbitmqctl('list_connections', 'client_properties', 'timeout')) as $line) {
        if (str_contains($line, $name) && preg_match('/\t(\d+)\s*$/', $line, $m)) $timeout = $m[1];
    }
    if ($timeout === '') usleep(100000);
}
echo "default heartbeat: $timeout s\n";
$d->deleteQueue($q);
?>
--EXPECT--
connection given up: true, message pending
a wait meanwhile: says it is reconnecting
after the broker answers again: acked after 2 attempts, reconnects 1
default heartbeat: 10 s
