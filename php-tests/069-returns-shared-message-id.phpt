--TEST--
Returns are matched to their own message whatever ids the user gives: one id sent to a routable and an unroutable destination, and a thousand interleaved messages sharing one id
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$ex = uniq('orders');
$p->declareExchange($ex, 'direct', ['auto_delete' => true]);
$billing = temp_queue($p, 'billing');
$p->bindQueue($billing, $ex, 'billing');

// the README's stable ids: one event, two destinations, one id; the second destination does not exist
$wrong = 0;
for ($i = 0; $i < 500; $i++) {
    $first = $p->publish($ex, 'billing', "order $i", ['message_id' => "order-$i"], true);
    $second = $p->publish($ex, 'shipping', "order $i", ['message_id' => "order-$i"], true);
    $p->waitAll(30);
    if ($first->status()->value !== 'acked' || $second->status()->value !== 'returned') $wrong++;
}
echo "pairs in order: wrong $wrong\n";

// the unroutable one first
$wrong = 0;
for ($i = 0; $i < 200; $i++) {
    $first = $p->publish($ex, 'shipping', 'x', ['message_id' => 'same'], true);
    $second = $p->publish($ex, 'billing', 'x', ['message_id' => 'same'], true);
    $p->waitAll(30);
    if ($first->status()->value !== 'returned' || $second->status()->value !== 'acked') $wrong++;
}
echo "pairs reversed: wrong $wrong\n";

// a thousand in flight at once, one id, routable and not interleaved at random, same body
mt_srand(11);
$cs = [];
$expected = [];
for ($i = 0; $i < 1000; $i++) {
    $routable = mt_rand(0, 1) === 1;
    $cs[] = $p->publish($ex, $routable ? 'billing' : 'nowhere', 'same body', ['message_id' => 'one-id'], true);
    $expected[] = $routable ? 'acked' : 'returned';
}
$p->waitAll(60);
$wrong = 0;
foreach ($cs as $i => $c) if ($c->status()->value !== $expected[$i]) $wrong++;
echo "interleaved: wrong $wrong\n";
$routed = 500 + 200 + count(array_keys($expected, 'acked'));

// headers decide routing on a headers exchange: same id, same routing key, other headers
$hx = uniq('hdrs');
$p->declareExchange($hx, 'headers', ['auto_delete' => true]);
$hq = temp_queue($p, 'hq');
$p->bindQueue($hq, $hx, '', ['x-match' => 'all', 'kind' => 'invoice']);
$cs = [];
$expected = [];
for ($i = 0; $i < 300; $i++) {
    $routable = $i % 3 !== 0;
    $cs[] = $p->publish($hx, '', 'b', ['message_id' => 'h', 'headers' => ['kind' => $routable ? 'invoice' : 'memo']], true);
    $expected[] = $routable ? 'acked' : 'returned';
}
$p->waitAll(60);
$wrong = 0;
foreach ($cs as $i => $c) if ($c->status()->value !== $expected[$i]) $wrong++;
echo "headers: wrong $wrong\n";
echo "every acked message is in its queue: ";
var_dump(queue_depth($p, $billing) === $routed && queue_depth($p, $hq) === 200);
$p->deleteQueue($billing);
$p->deleteQueue($hq);
?>
--EXPECT--
pairs in order: wrong 0
pairs reversed: wrong 0
interleaved: wrong 0
headers: wrong 0
every acked message is in its queue: bool(true)
