--TEST--
A channel closed by the broker fails only what was in flight on it: every handle settles, every ack is in the queue
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'inflight');
$cs = [];
for ($i = 0; $i < 500; $i++) $cs[] = $p->publish('', $q, "a$i");
$bad = $p->publish(uniq('missing'), 'k', 'boom');
for ($i = 0; $i < 500; $i++) $cs[] = $p->publish('', $q, "b$i");
$p->waitAll(30);
$by = ['acked' => 0, 'failed' => 0, 'nacked' => 0, 'returned' => 0];
foreach ($cs as $c) $by[$c->status()->value]++;
var_dump($bad->status(), $by['acked'] + $by['failed'] === 1000, $by['nacked'] + $by['returned']);
foreach ($cs as $c) if ($c->status() === AmqpConfirm\Status::Failed && !str_contains($c->reason(), 'NOT_FOUND')) echo "failed without the cause: ", $c->reason(), "\n";
// every acked message is in the queue (failed ones may or may not be: at-least-once)
var_dump(queue_depth($p, $q) >= $by['acked']);
$s = $p->stats();
var_dump($s['published'], $s['in_flight'], $s['acked'] === $by['acked'], $s['failed'] === $by['failed'] + 1);
$last = $p->publish('', $q, 'fresh channel');
$last->wait(10);
var_dump($last->status());
?>
--EXPECT--
enum(AmqpConfirm\Status::Failed)
bool(true)
int(0)
bool(true)
int(1001)
int(0)
bool(true)
bool(true)
enum(AmqpConfirm\Status::Acked)
