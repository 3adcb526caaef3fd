--TEST--
A nack right after a reconnection (as a quorum queue electing its leader gives) is retried on a fresh channel within max_attempts before it is the outcome; without a reconnection a nack is final at once; messages to other queues are not held back
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$name = uniq('nackfo');
$p = publisher(['connection_name' => $name, 'reconnect_backoff' => [0.05, 0.5], 'max_attempts' => 3]);
$full = temp_queue($p, 'full', ['x-max-length' => 0, 'x-overflow' => 'reject-publish']);
$ok = temp_queue($p, 'ok');
$before = $p->publish('', $full, 'x');
try { $before->wait(10); } catch (AmqpConfirm\NackedException) {}
echo "before any reconnection: ", $before->status()->name, " after ", $before->attempts(), " attempt(s)\n";
echo "closed: ", close_connections_named($name, 'phpt'), "\n";
$fine = $p->publish('', $ok, 'y');
$after = $p->publish('', $full, 'z');
$fine->wait(10);
try { $after->wait(10); } catch (AmqpConfirm\NackedException $e) { echo get_class($e), "\n"; }
echo "after the reconnection: ", $after->status()->name, " after ", $after->attempts(), " attempts (max_attempts 3); the other queue: ", $fine->status()->name, "\n";
echo "reconnects: ", $p->stats()['reconnects'], ", nacked: ", $p->stats()['nacked'], "\n";
?>
--EXPECT--
before any reconnection: Nacked after 1 attempt(s)
closed: 1
AmqpConfirm\NackedException
after the reconnection: Nacked after 3 attempts (max_attempts 3); the other queue: Acked
reconnects: 1, nacked: 2
