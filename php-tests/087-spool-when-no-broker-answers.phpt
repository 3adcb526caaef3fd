--TEST--
Spool: with no broker reachable, publish() writes to the spool and returns a Spooled handle; once a node answers, the same publisher delivers its spool in order (own message ids kept, a header marks them) before any newer message; stats() and phpinfo() show the spool
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
use AmqpConfirm\Status;
$admin = publisher();
$q = temp_queue($admin, 'spool');
$dir = sys_get_temp_dir() . '/' . uniq('spool');
$proxy = proxy_start(120);
proxy_mode($proxy, 'down');
$p = new AmqpConfirm\Publisher($proxy['uri'], ['spool_dir' => $dir, 'connect_timeout' => 1, 'reconnect_backoff' => [0.1, 0.3]]);
echo "connected: ", var_export($p->isConnected(), true), "\n";
$handles = [];
for ($i = 1; $i <= 5; $i++) {
    $handles[] = $h = $p->publish('', $q, "spooled $i", ['message_id' => "own-$i", 'headers' => ['n' => $i]]);
}
echo "statuses: ", implode(',', array_map(fn($h) => $h->status()->value, $handles)), "\n";
$handles[0]->wait(1); // returns at once: the message is safe in the spool
echo "settled: ", var_export($handles[0]->isSettled(), true), "; reason: ", $handles[0]->reason(), "\n";
echo "failures among them: ", count($p->collectFailures($handles, 1)), "\n"; // spooled is no failure
$s = $p->stats()['spool'];
echo "spooled {$s['spooled']}, segments {$s['segments']}, oldest age known: ", var_export($s['oldest_age'] !== null, true), "\n";
echo "spool files: ", count(glob("$dir/*.seg")), "\n";
ob_start(); phpinfo(INFO_MODULES); $info = ob_get_clean();
echo "phpinfo shows the spool: ", var_export(str_contains($info, "spool $dir") && str_contains($info, '1 segment(s)'), true), "\n";
proxy_mode($proxy, 'up');
for ($i = 0; $i < 100 && !($p->isConnected() && $p->stats()['spool']['delivered'] === 5); $i++) usleep(100000);
// once the spool is handed over, new messages go out directly, after it
$live = $p->publish('', $q, 'live', ['message_id' => 'live-1']);
$live->wait(10);
echo "live: ", $live->status()->value, "\n";
$s = $p->stats()['spool'];
echo "delivered {$s['delivered']}, segments {$s['segments']}, files left: ", count(glob("$dir/*")), "\n";
foreach (read_back($q) as $m) {
    $h = $m->getHeaders();
    echo $m->getMessageId(), ' ', $m->getBody(), ' n=', $h['n'] ?? '-', ' spooled-header: ', isset($h['x-amqp-confirm-spooled']) ? 'yes' : 'no', "\n";
}
$p->close();
proxy_stop($proxy);
$admin->deleteQueue($q);
@rmdir($dir);
?>
--EXPECT--
connected: false
statuses: spooled,spooled,spooled,spooled,spooled
settled: true; reason: no broker answered: the message was written to the spool, to be delivered later
failures among them: 0
spooled 5, segments 1, oldest age known: true
spool files: 1
phpinfo shows the spool: true
live: acked
delivered 5, segments 0, files left: 0
own-1 spooled 1 n=1 spooled-header: yes
own-2 spooled 2 n=2 spooled-header: yes
own-3 spooled 3 n=3 spooled-header: yes
own-4 spooled 4 n=4 spooled-header: yes
own-5 spooled 5 n=5 spooled-header: yes
live-1 live n=- spooled-header: no
