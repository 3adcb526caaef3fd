--TEST--
Timeouts: negative, NaN, infinite and absurd values are a ValueError on every method that waits
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'timeouts');
$c = $p->publish('', $q, 'x');
foreach ([-0.001, NAN, INF, -INF, 1e20] as $t) {
    expect_throw(fn() => $c->wait($t));
}
expect_throw(fn() => $p->waitAll(-1));
expect_throw(fn() => $p->close(NAN));
expect_throw(fn() => $c->wait('soon'));
$c->wait(10.0);
$c->wait(0);
$p->waitAll(0);
echo "settled handle: wait(0) returns\n";
?>
--EXPECTF--
ValueError: AmqpConfirm\Confirmation::wait(): Argument #1 ($timeout) must be a finite number of seconds >= 0, -0.001 given
ValueError: AmqpConfirm\Confirmation::wait(): Argument #1 ($timeout) must be a finite number of seconds >= 0, NaN given
ValueError: AmqpConfirm\Confirmation::wait(): Argument #1 ($timeout) must be a finite number of seconds >= 0, inf given
ValueError: AmqpConfirm\Confirmation::wait(): Argument #1 ($timeout) must be a finite number of seconds >= 0, -inf given
ValueError: AmqpConfirm\Confirmation::wait(): Argument #1 ($timeout) must be at most one year, 100000000000000000000 given
ValueError: AmqpConfirm\Publisher::waitAll(): Argument #1 ($timeout) must be a finite number of seconds >= 0, -1 given
ValueError: AmqpConfirm\Publisher::close(): Argument #1 ($timeout) must be a finite number of seconds >= 0, NaN given
TypeError: %s
settled handle: wait(0) returns
