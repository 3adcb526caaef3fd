--TEST--
close() waits for outstanding confirmations, then closes; later calls throw ConnectionException
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'close');
$cs = [];
for ($i = 0; $i < 2000; $i++) $cs[] = $p->publish('', $q, "m$i");
$p->close(30);
var_dump($p->stats()['acked'], $p->isConnected());
var_dump(count(array_filter($cs, fn($c) => $c->isSettled())));
$p->close();
echo "second close: ok\n";
expect_throw(fn() => $p->publish('', $q, 'late'));
expect_throw(fn() => $p->declareQueue($q));
$p2 = publisher();
var_dump(queue_depth($p2, $q));
?>
--EXPECT--
int(2000)
bool(false)
int(2000)
second close: ok
AmqpConfirm\ConnectionException: this Publisher is closed
AmqpConfirm\ConnectionException: this Publisher is closed
int(2000)
