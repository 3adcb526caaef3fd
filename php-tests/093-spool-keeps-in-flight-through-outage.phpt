--TEST--
Spool, a long outage: messages in flight when the connection is lost do not fail when the reconnection attempts are used up (as they do without a spool): they wait, the attempts start over, and when a node answers they go out first, then what was spooled meanwhile, in publish order; nothing failed, nothing twice
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$admin = publisher();
$dir = sys_get_temp_dir() . '/' . uniq('spool-inflight');
$options = ['connect_timeout' => 0.5, 'reconnect_attempts' => 1, 'reconnect_backoff' => [0.05, 0.1], 'confirm_timeout' => 60];

/** Publishes 3 messages that cannot be confirmed (the proxy forwards nothing), then cuts the broker off. */
$inFlight = function (AmqpConfirm\Publisher $p, array $proxy, string $q, string $prefix): array {
    proxy_mode($proxy, 'half-open');
    $handles = [];
    for ($i = 1; $i <= 3; $i++) $handles[] = $p->publish('', $q, "$prefix $i", ['message_id' => "$prefix-$i"]);
    try { $handles[2]->wait(0.1); } catch (AmqpConfirm\TimeoutException) {} // on the wire, unanswered
    proxy_mode($proxy, 'down');
    return $handles;
};

// without a spool: they fail, with the cause
$q1 = temp_queue($admin, 'inflight-nospool');
$proxy = proxy_start(120);
$p = new AmqpConfirm\Publisher($proxy['uri'], $options);
$handles = $inFlight($p, $proxy, $q1, 'plain');
for ($i = 0; $i < patience(100) && !$handles[2]->isSettled(); $i++) usleep(50000);
$attempts = $p->stats()['reconnect_attempts'];
usleep(500000);
echo "plain: reconnection attempts: $attempts, then no more: ", var_export($p->stats()['reconnect_attempts'] === $attempts, true), "\n";
echo "plain: ", implode(',', array_map(fn($h) => $h->status()->value, $handles)), "\n";
echo "plain: ", preg_replace('/ \d+ reconnection/', ' N reconnection', $handles[0]->reason()), "\n";
$p->close();
proxy_stop($proxy);

// with a spool: they wait; newer messages are spooled; all go out in order once the broker is back
$q2 = temp_queue($admin, 'inflight-spool');
$proxy = proxy_start(120);
$p = new AmqpConfirm\Publisher($proxy['uri'], $options + ['spool_dir' => $dir]);
$handles = $inFlight($p, $proxy, $q2, 'kept');
// the reconnection attempts (1 after the first, 0.05 s apart) are used up, and start over, many times
for ($i = 0; $i < patience(100) && $p->stats()['reconnect_attempts'] < 8; $i++) usleep(50000);
echo "kept: reconnection attempts used up and started over: ", var_export($p->stats()['reconnect_attempts'] >= 8, true), "\n";
echo "kept: ", implode(',', array_map(fn($h) => $h->status()->value, $handles)), "\n";
$later = [];
for ($i = 1; $i <= 2; $i++) $later[] = $p->publish('', $q2, "later $i", ['message_id' => "later-$i"]);
echo "later: ", implode(',', array_map(fn($h) => $h->status()->value, $later)), "\n";
proxy_mode($proxy, 'up');
foreach ($handles as $h) $h->wait(patience(30));
echo "kept: ", implode(',', array_map(fn($h) => $h->status()->value, $handles)), "\n";
for ($i = 0; $i < patience(300) && $p->stats()['spool']['delivered'] < 2; $i++) usleep(100000);
$s = $p->stats();
echo "failed {$s['failed']}, spool delivered {$s['spool']['delivered']}, segments left {$s['spool']['segments']}\n";
echo "queue: ", implode(' ', array_map(fn($m) => $m->getMessageId(), read_back($q2))), "\n";
$p->close();
proxy_stop($proxy);
foreach (glob("$dir/*") as $f) unlink($f);
rmdir($dir);
?>
--EXPECTF--
plain: reconnection attempts: 2, then no more: true
plain: failed,failed,failed
plain: %s (after N reconnection attempts)
kept: reconnection attempts used up and started over: true
kept: pending,pending,pending
later: spooled,spooled
kept: acked,acked,acked
failed 0, spool delivered 2, segments left 0
queue: kept-1 kept-2 kept-3 later-1 later-2
