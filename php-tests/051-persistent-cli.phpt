--TEST--
persistent => true: publishers with the same URI and options share one connection; different options get another; close() really closes it
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$name = uniq('pers');
$a = new AmqpConfirm\Publisher(test_uri(), ['persistent' => true, 'connection_name' => $name]);
$q = temp_queue($a, 'pers');
$a->publish('', $q, 'one')->wait(5);
$b = new AmqpConfirm\Publisher(test_uri(), ['persistent' => true, 'connection_name' => $name]);
$b->publish('', $q, 'two')->wait(5);
var_dump($a->isPersistent(), $b->stats()['published']);
$other = new AmqpConfirm\Publisher(test_uri(), ['persistent' => true, 'connection_name' => $name . '-other']);
var_dump($other->stats()['published']);
unset($a, $b);
$c = new AmqpConfirm\Publisher(test_uri(), ['persistent' => true, 'connection_name' => $name]);
var_dump($c->stats()['published']);
$c->close();
$d = new AmqpConfirm\Publisher(test_uri(), ['persistent' => true, 'connection_name' => $name]);
var_dump($d->stats()['published'], $d->isConnected(), publisher()->isPersistent());
?>
--EXPECT--
bool(true)
int(2)
int(0)
int(2)
int(0)
bool(true)
bool(false)
