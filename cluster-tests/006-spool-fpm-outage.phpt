--TEST--
Cluster + spool, php-fpm: 8 workers serve 1000 requests/s for 60 s, each publishing one message; every node of the cluster is stopped (all of them down for 30 s) and workers are killed with kill -9 at random; afterwards every message a request reported as acked or spooled is in the queue (duplicates counted, allowed) and each process's messages are in order
--SKIPIF--
<?php if (!function_exists('posix_kill')) die('skip needs posix'); ?>
--FILE--
<?php
require __DIR__ . '/helpers.inc';
require __DIR__ . '/fcgi.inc';
$q = quorum_queue(1, 'spoolfpm');
$spool = sys_get_temp_dir() . '/' . uniq('spool');
$script = sys_get_temp_dir() . '/' . uniq('endpoint') . '.php';
file_put_contents($script, <<<'PHP'
<?php
$p = new AmqpConfirm\Publisher($_GET['uri'], ['persistent' => true, 'spool_dir' => $_GET['spool'], 'connect_timeout' => 0.5,
    'confirm_timeout' => 5, 'reconnect_attempts' => 1000, 'reconnect_backoff' => [0.1, 1.0], 'connection_name' => 'spool-fpm']);
$id = getmypid() . '-' . hrtime(true);
try {
    $c = $p->publish('', $_GET['q'], 'x', ['message_id' => $id, 'delivery_mode' => 2]);
    try { $c->wait(1.0); } catch (AmqpConfirm\Exception) {}
    echo $id, ' ', $c->status()->value;
} catch (Throwable $e) {
    echo $id, ' error ', get_class($e);
}
PHP);
$fpm = fpm_start(['pm.max_children' => 8, 'pm.max_requests' => 0, 'listen.backlog' => 1024, 'php_admin_value[amqp_confirm.drain_timeout]' => '1']);
$master = (int) trim(file_get_contents($fpm['dir'] . '/fpm.pid'));
$workers = fn() => array_map('intval', array_filter(explode("\n", (string) shell_exec("pgrep -P $master"))));

$by = [];
$reported = []; // id => status, for acked and spooled
$events = sys_get_temp_dir() . '/' . uniq('events');
$all = fn(string $cmd) => shell_exec(implode(' & ', array_map(fn($n) => escapeshellarg(CLUSTER) . " ctl $n $cmd >/dev/null 2>&1", [1, 2, 3])) . '; wait');
// the faults run in a process of their own, so that the load keeps its pace while nodes stop and start
$controller = pcntl_fork();
if ($controller === 0) {
    $t0 = microtime(true);
    [$stopped, $started, $killed, $nextKill] = [false, false, 0, 3.0];
    // the nodes start again 30 s after the last one stopped, even when stopping them was slow (valgrind, a busy
    // machine) and that is after the load has ended
    while (($t = microtime(true) - $t0) < 58 || ($stopped && !$started)) {
        if (!$stopped && $t >= 10) { // every node down for 30 s, counted from when the last one stopped
            $stopped = microtime(true) - $t0;
            $all('stop_app');
            $down = microtime(true) - $t0;
            file_put_contents($events, sprintf("stopped %.1f\n", $down), FILE_APPEND);
            touch("$events.down");
        }
        if ($stopped && !$started && $t >= $down + 30) {
            $started = true;
            $all('start_app');
            file_put_contents($events, sprintf("started %.1f\n", microtime(true) - $t0), FILE_APPEND);
            touch("$events.up");
        }
        if ($t < 58 && $t >= $nextKill) {
            $pids = $workers();
            if ($pids) { posix_kill($pids[array_rand($pids)], SIGKILL); $killed++; }
            $nextKill = $t + random_int(2000, 5000) / 1000;
        }
        usleep(50000);
    }
    file_put_contents($events, "killed $killed\n", FILE_APPEND);
    posix_kill(getmypid(), SIGKILL);
}
$t0 = microtime(true);
$phase = 'before';
$seen = 0.0;
$tick = function (float $t) use (&$phase, &$seen, $events) {
    if ($t - $seen < 0.1) return;
    $seen = $t;
    $phase = file_exists("$events.up") ? 'after' : ($t >= 10 ? 'outage' : 'before');
};
$done = function (string $body) use (&$by, &$reported, &$phase) {
    [$id, $status] = explode(' ', $body . '  ', 3) + [1 => ''];
    $status = $status === '' ? 'broken' : $status;
    $by[$phase][$status] = ($by[$phase][$status] ?? 0) + 1;
    if ($status === 'acked' || $status === 'spooled') $reported[$id] = $status;
};
$start = microtime(true);
$sent = fcgi_load($fpm['port'], $script, fn($i) => ['uri' => node_uri(1, 2, 3), 'spool' => $spool, 'q' => $q], 1000, 60, 64, $done, $tick);
$elapsed = microtime(true) - $start;
pcntl_waitpid($controller, $status);
$all('start_app');
cluster('ctl', '1', 'await_online_nodes', '3', '--timeout', '120');
preg_match('/killed (\d+)/', (string) @file_get_contents($events), $m);
$killed = (int) ($m[1] ?? 0);
$stoppedAt = preg_match('/stopped ([\d.]+)/', (string) @file_get_contents($events), $m) ? $m[1] : '?';
$startedAt = preg_match('/started ([\d.]+)/', (string) @file_get_contents($events), $m) ? $m[1] : '?';

// the workers' drainers deliver the spool (their own and that of the workers killed)
for ($i = 0; $i < 1200 * slowdown() && glob("$spool/*.seg"); $i++) usleep(100000);
$left = AmqpConfirm\Spool::inspect($spool);
fpm_stop($fpm);
$ids = ids_via(1, $q);
$inQueue = array_count_values($ids);
$missing = array_diff_key($reported, $inQueue);
$last = [];
$disorder = 0;
foreach (array_keys($inQueue) as $id) {
    [$pid, $at] = explode('-', (string) $id);
    if (isset($last[$pid]) && (int) $at < $last[$pid]) $disorder++;
    $last[$pid] = (int) $at;
}
$count = fn(string $s) => count(array_filter($reported, fn($v) => $v === $s));
echo "every node stopped and started again; workers killed: ", $killed > 0 ? 'yes' : 'no', "\n";
echo "spooled during the outage: ", ($by['outage']['spooled'] ?? 0) > 0 ? 'yes' : 'no', "\n";
echo "spool left: {$left['segments']} segments, {$left['messages']} messages, {$left['dead_letters']} dead letters\n";
echo "reported acked or spooled but missing from the queue: ", count($missing), "\n";
echo "processes out of order: $disorder\n";
$phases = [];
foreach ($by as $ph => $statuses) { ksort($statuses); $phases[] = "$ph " . json_encode($statuses); }
$line = sprintf("[spool fpm] %d requests in %.1f s (%.0f/s), nodes stopping from 10 s, all stopped at %s s, started again at %s s, workers killed %d; reported acked %d, spooled %d; queue holds %d (%d distinct, %d duplicates); missing %d; by phase: %s\n",
    $sent, $elapsed, $sent / $elapsed, $stoppedAt, $startedAt, $killed, $count('acked'), $count('spooled'), count($ids), count($inQueue), count($ids) - count($inQueue), count($missing), implode('; ', $phases));
echo $line;
if ($log = getenv('AMQP_CONFIRM_FAULT_LOG')) file_put_contents($log, $line, FILE_APPEND);
array_map('unlink', glob("$spool/*")); @rmdir($spool); @unlink($script); @unlink($events); @unlink("$events.down"); @unlink("$events.up");
heal();
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
foreach ([1, 2, 3] as $n) { try { cluster('ctl', (string) $n, 'start_app'); } catch (RuntimeException) {} }
heal();
?>
--EXPECTF--
every node stopped and started again; workers killed: yes
spooled during the outage: yes
spool left: 0 segments, 0 messages, 0 dead letters
reported acked or spooled but missing from the queue: 0
processes out of order: 0
[spool fpm] %d requests in %f s (%d/s), nodes stopping from 10 s, all stopped at %s s, started again at %s s, workers killed %d; reported acked %d, spooled %d; queue holds %d (%d distinct, %d duplicates); missing 0; by phase: %s
