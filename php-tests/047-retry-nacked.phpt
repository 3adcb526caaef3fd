--TEST--
retry_nacked: a nacked message is republished after a backoff and can still be acked; without it the nack is final
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher(['retry_nacked' => true, 'max_attempts' => 3, 'reconnect_backoff' => [0.5, 1.0]]);
$q = temp_queue($p, 'retrynack', ['x-max-length' => 1, 'x-overflow' => 'reject-publish']);
$p->publish('', $q, 'fills the queue')->wait(10);
$c = $p->publish('', $q, 'refused at first');
usleep(150000);
var_dump($c->status());
$p->purgeQueue($q);
$c->wait(10);
echo $c->status()->value, " after ", $c->attempts(), " attempts\n";
// the queue is full again (it holds the retried message)
$last = $p->publish('', $q, 'refused three times');
try { $last->wait(10); } catch (AmqpConfirm\NackedException $e) { echo "nacked after ", $last->attempts(), " attempts\n"; }
$plain = publisher();
$n = $plain->publish('', $q, 'no retry');
try { $n->wait(10); } catch (AmqpConfirm\NackedException $e) { echo "without retry_nacked: nacked after ", $n->attempts(), " attempt\n"; }
?>
--EXPECT--
enum(AmqpConfirm\Status::Pending)
acked after 2 attempts
nacked after 3 attempts
without retry_nacked: nacked after 1 attempt
