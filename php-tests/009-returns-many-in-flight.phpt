--TEST--
With thousands of mandatory messages in flight, each return settles its own message, not the next ack
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'mixed');
$cs = [];
$expected = [];
mt_srand(7);
for ($i = 0; $i < 3000; $i++) {
    $routable = mt_rand(0, 2) > 0;
    $cs[] = $p->publish('', $routable ? $q : uniq('void'), "m$i", [], true);
    $expected[] = $routable ? 'acked' : 'returned';
}
$p->waitAll(60);
$wrong = 0;
foreach ($cs as $i => $c) if ($c->status()->value !== $expected[$i]) $wrong++;
$counts = array_count_values($expected);
$s = $p->stats();
echo "wrong $wrong\n";
var_dump($s['acked'] === $counts['acked'], $s['returned'] === $counts['returned'], $s['in_flight']);
var_dump(queue_depth($p, $q) === $counts['acked']);
?>
--EXPECT--
wrong 0
bool(true)
bool(true)
int(0)
bool(true)
