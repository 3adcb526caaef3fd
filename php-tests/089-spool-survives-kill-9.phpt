--TEST--
Spool crash safety: writers killed with SIGKILL at random moments (while writing records) and a drainer killed while delivering lose no message that publish() reported as spooled; each writer's order holds in the queue (duplicates allowed and counted)
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip needs pcntl'); ?>
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$admin = publisher();
$q = temp_queue($admin, 'kill9');
$dir = sys_get_temp_dir() . '/' . uniq('spool');
$reports = sys_get_temp_dir() . '/' . uniq('reports');
mkdir($reports);
$down = 'amqp://guest:guest@127.0.0.1:1/%2f';

/** Forks a child that runs $body and never returns. */
function child(callable $body): int
{
    $pid = pcntl_fork();
    if ($pid === 0) {
        $body();
        posix_kill(getmypid(), SIGKILL); // no shutdown code of the parent's runs in the child
    }
    return $pid;
}

// 3 rounds of 3 writers, each killed after a random 50-300 ms; a writer notes an id once publish() returned
for ($round = 0; $round < 3; $round++) {
    $pids = [];
    for ($w = 0; $w < 3; $w++) {
        $name = "r{$round}w{$w}";
        $pids[] = child(function () use ($down, $dir, $q, $reports, $name) {
            $p = new AmqpConfirm\Publisher($down, ['spool_dir' => $dir, 'connect_timeout' => 0.2]);
            $report = fopen("$reports/$name", 'a');
            for ($i = 0; ; $i++) {
                $h = $p->publish('', $q, str_repeat('x', random_int(10, 3000)), ['message_id' => "$name-$i"]);
                if ($h->status() === AmqpConfirm\Status::Spooled) fwrite($report, "$name-$i\n");
            }
        });
    }
    // each writer has spooled at least one message before the random moment starts (valgrind makes them slow)
    for ($n = 0; $n < 1200 && count(array_filter(glob("$reports/r{$round}w*"), 'filesize')) < 3; $n++) { usleep(50000); clearstatcache(); }
    usleep(random_int(50000, 300000));
    foreach ($pids as $pid) { posix_kill($pid, SIGKILL); pcntl_waitpid($pid, $status); }
}
$reported = [];
foreach (glob("$reports/*") as $f) foreach (file($f, FILE_IGNORE_NEW_LINES) as $id) $reported[] = $id;
echo "writers reported spooled messages: ", count($reported) > 0 ? 'yes' : 'no', "\n";

// a drainer takes over and is killed while delivering; another finishes
$drainer = child(function () use ($dir) {
    $p = new AmqpConfirm\Publisher(test_uri(), ['spool_dir' => $dir]);
    sleep(60);
});
usleep(random_int(20000, 150000));
posix_kill($drainer, SIGKILL);
pcntl_waitpid($drainer, $status);
$p = new AmqpConfirm\Publisher(test_uri(), ['spool_dir' => $dir]);
for ($n = 0; $n < 600 && glob("$dir/*.seg"); $n++) usleep(100000);
$i = AmqpConfirm\Spool::inspect($dir);
echo "spool left: {$i['segments']} segments, {$i['messages']} messages, {$i['dead_letters']} dead letters\n";

$ids = drain_ids($q);
$inQueue = array_count_values($ids);
$missing = array_diff($reported, array_keys($inQueue));
echo "reported spooled but missing from the queue: ", count($missing), "\n";
$last = [];
$disorder = 0;
foreach (array_keys($inQueue) as $id) { // first occurrences, in queue order
    [$writer, $n] = explode('-', $id);
    if (isset($last[$writer]) && (int) $n < $last[$writer]) $disorder++;
    $last[$writer] = (int) $n;
}
echo "writers out of order: $disorder\n";
printf("counts: %d reported, %d in the queue, %d duplicates, %d torn segments set aside\n", count($reported), count($ids), count($ids) - count($inQueue), count(glob("$dir/*.torn")));
$admin->deleteQueue($q);
array_map('unlink', array_merge(glob("$dir/*"), glob("$reports/*")));
@rmdir($dir); @rmdir($reports);
?>
--EXPECTF--
writers reported spooled messages: yes
spool left: 0 segments, 0 messages, 0 dead letters
reported spooled but missing from the queue: 0
writers out of order: 0
counts: %d reported, %d in the queue, %d duplicates, %d torn segments set aside
