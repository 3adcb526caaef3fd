--TEST--
Fault: pcntl_fork() children publish while the parent publishes through the same Publisher object; every message is accounted for
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'forks');
$p->publish('', $q, 'warm-up', ['message_id' => 'warm'])->wait(10);
$children = [];
for ($c = 0; $c < 3; $c++) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        $hs = [];
        for ($i = 0; $i < 3000; $i++) $hs[] = $p->publish('', $q, "c$c-$i", ['message_id' => "child$c-$i"]);
        $p->waitAll(60);
        $acked = count(array_filter($hs, fn($h) => $h->status() === AmqpConfirm\Status::Acked));
        exit($acked === 3000 ? 0 : 1);
    }
    $children[] = $pid;
}
$hs = [];
for ($i = 0; $i < 3000; $i++) $hs[] = $p->publish('', $q, "p-$i", ['message_id' => "parent-$i"]);
$p->waitAll(60);
foreach ($children as $pid) {
    pcntl_waitpid($pid, $status);
    echo "child exit ", pcntl_wexitstatus($status), "\n";
}
$ids = drain_ids($q);
report('fork x3', $hs, $ids);
echo "distinct messages in queue: ", count(array_unique($ids)), " of ", count($ids), "\n";
?>
--EXPECTF--
child exit 0
child exit 0
child exit 0
[fork x3] published %d: acked %d, nacked %d, returned %d, failed %d, pending %d; queue holds %d (%d distinct, %d duplicates); acked but missing: %d
fork x3: settled all, acked but missing from the queue: 0
distinct messages in queue: 12001 of 12001
