--TEST--
declareExchange() of each type, bindQueue() and routing through them
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'bound');
foreach (['direct' => 'rk', 'fanout' => '', 'topic' => 'a.*'] as $type => $binding) {
    $x = uniq("x-$type");
    $p->declareExchange($x, $type, ['auto_delete' => true]);
    $p->bindQueue($q, $x, $binding);
    $c = $p->publish($x, $type === 'topic' ? 'a.b' : 'rk', $type, [], true);
    $c->wait(10);
    echo "$type: ", $c->status()->value, "\n";
    $p->deleteExchange($x);
}
$hx = uniq('x-headers');
$p->declareExchange($hx, 'headers', ['durable' => false]);
$p->bindQueue($q, $hx, '', ['x-match' => 'all', 'kind' => 'invoice']);
$p->publish($hx, '', 'h', ['headers' => ['kind' => 'invoice']], true)->wait(10);
echo "headers: acked\n";
try { $p->publish($hx, '', 'h', ['headers' => ['kind' => 'other']], true)->wait(10); } catch (AmqpConfirm\ReturnedException $e) { echo "headers mismatch: returned\n"; }
$p->deleteExchange($hx);
var_dump(queue_depth($p, $q));
$p->declareExchange(uniq('x-default'));
echo "default type ok\n";
?>
--EXPECT--
direct: acked
fanout: acked
topic: acked
headers: acked
headers mismatch: returned
int(4)
default type ok
