--TEST--
collectFailures() keeps keys, returns only non-acked handles, and rejects non-handles with a TypeError
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'cf');
$batch = [
    'a' => $p->publish('', $q, 'a'),
    'b' => $p->publish('', uniq('nobody'), 'b', [], true),
    7 => $p->publish('', $q, 'c'),
];
$failed = $p->collectFailures($batch);
var_dump(array_keys($failed), $failed['b'] === $batch['b']);
var_dump($p->collectFailures([]));
expect_throw(fn() => $p->collectFailures(['x' => 'not a handle']));
expect_throw(fn() => $p->collectFailures([new stdClass]));
expect_throw(fn() => $p->collectFailures($batch, -1));
?>
--EXPECT--
array(1) {
  [0]=>
  string(1) "b"
}
bool(true)
array(0) {
}
TypeError: AmqpConfirm\Publisher::collectFailures(): Argument #1 ($confirmations) must contain only AmqpConfirm\Confirmation, string given
TypeError: AmqpConfirm\Publisher::collectFailures(): Argument #1 ($confirmations) must contain only AmqpConfirm\Confirmation, stdClass given
ValueError: AmqpConfirm\Publisher::collectFailures(): Argument #2 ($timeout) must be a finite number of seconds >= 0, -1 given
