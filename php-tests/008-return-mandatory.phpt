--TEST--
A mandatory message with no route is returned, with the broker's reply code and text
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$c = $p->publish('', uniq('nowhere'), 'lost?', [], true);
try {
    $c->wait(10);
} catch (AmqpConfirm\ReturnedException $e) {
    echo get_class($e), ' ', $e->getCode(), ' ', str_contains($e->getMessage(), 'NO_ROUTE') ? 'NO_ROUTE' : $e->getMessage(), "\n";
}
var_dump($c->status(), $c->reason());
// with mandatory off the same message is simply acked (an ack does not mean routed)
$c2 = $p->publish('', uniq('nowhere'), 'dropped by broker', [], false);
$c2->wait(10);
var_dump($c2->status());
// mandatory and routable: acked
$q = temp_queue($p, 'routable');
$c3 = $p->publish('', $q, 'ok', [], true);
$c3->wait(10);
var_dump($c3->status());
?>
--EXPECT--
AmqpConfirm\ReturnedException 312 NO_ROUTE
enum(AmqpConfirm\Status::Returned)
string(12) "312 NO_ROUTE"
enum(AmqpConfirm\Status::Acked)
enum(AmqpConfirm\Status::Acked)
