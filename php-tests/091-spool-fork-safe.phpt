--TEST--
Spool, fork safety: a child forked by a spooling process does not keep its parent's segment locked (a forked child closes its copies at once), so when the parent dies the segment is delivered by another publisher while the child still lives; the child's own publisher spools to a segment of its own
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip needs pcntl'); ?>
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$admin = publisher();
$q = temp_queue($admin, 'forksafe');
$dir = sys_get_temp_dir() . '/' . uniq('spool');
$down = 'amqp://guest:guest@127.0.0.1:1/%2f';
$ready = sys_get_temp_dir() . '/' . uniq('ready');

$parent = pcntl_fork();
if ($parent === 0) {
    $p = new AmqpConfirm\Publisher($down, ['spool_dir' => $dir, 'connect_timeout' => 0.2]);
    foreach ([1, 2, 3] as $i) $p->publish('', $q, "parent $i", ['message_id' => "parent-$i"]);
    $child = pcntl_fork();
    if ($child === 0) {
        // the child never touches its parent's publisher; it makes its own, and lives on after the parent
        $mine = new AmqpConfirm\Publisher($down, ['spool_dir' => $dir, 'connect_timeout' => 0.2]);
        $mine->publish('', $q, 'child', ['message_id' => 'child-1']);
        file_put_contents($ready, (string) getmypid());
        sleep(60);
        posix_kill(getmypid(), SIGKILL);
    }
    for ($i = 0; $i < 600 && !file_exists($ready); $i++) usleep(50000);
    posix_kill(getmypid(), SIGKILL); // the parent dies holding its segment
}
pcntl_waitpid($parent, $status);
$child = (int) file_get_contents($ready);
echo "child alive: ", var_export(posix_kill($child, 0), true), "\n";
$i = AmqpConfirm\Spool::inspect($dir);
echo "segments: {$i['segments']}, held: {$i['held']} (the child's own)\n";
$p = new AmqpConfirm\Publisher(test_uri(), ['spool_dir' => $dir]);
for ($n = 0; $n < 100 && AmqpConfirm\Spool::inspect($dir)['segments'] > 1; $n++) usleep(100000);
echo "delivered while the child lives: ", implode(',', array_map(fn($m) => $m->getMessageId(), read_back($q))), "\n";
posix_kill($child, SIGKILL);
for ($n = 0; $n < 100 && AmqpConfirm\Spool::inspect($dir)['segments'] > 0; $n++) usleep(100000);
echo "after the child: ", implode(',', array_map(fn($m) => $m->getMessageId(), read_back($q))), "\n";
$p->close();
$admin->deleteQueue($q);
array_map('unlink', glob("$dir/*")); @rmdir($dir); @unlink($ready);
?>
--EXPECT--
child alive: true
segments: 2, held: 1 (the child's own)
delivered while the child lives: parent-1,parent-2,parent-3
after the child: child-1
