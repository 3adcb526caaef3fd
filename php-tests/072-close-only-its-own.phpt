--TEST--
close() on one persistent Publisher closes only that object: others sharing its connection keep publishing; when the last one closes, the connection closes
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$name = uniq('conn');
$a = publisher(['persistent' => true, 'connection_name' => $name]);
$b = publisher(['persistent' => true, 'connection_name' => $name]);
$q = temp_queue($a, 'close');
$a->publish('', $q, 'a')->wait(5);
$a->close();
var_dump($a->isConnected(), $b->isConnected());
expect_throw(fn() => $a->publish('', $q, 'after close'));
$b->publish('', $q, 'b')->wait(5);
echo "b still publishes: ", $b->stats()['acked'], " acked on the shared connection\n";
$b->close();
var_dump($b->isConnected());
$c = publisher(['persistent' => true, 'connection_name' => $name]);
$c->publish('', $q, 'c')->wait(5);
echo "a new one after the last close reconnects: ", $c->isConnected() ? 'yes' : 'no', "\n";
?>
--EXPECT--
bool(false)
bool(true)
AmqpConfirm\ConnectionException: this Publisher is closed
b still publishes: 2 acked on the shared connection
bool(false)
a new one after the last close reconnects: yes
