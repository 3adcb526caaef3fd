--TEST--
After pcntl_fork() the child's first use of the parent's publisher makes the child's own connection (never the parent's socket); the parent keeps working
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'fork');
$p->publish('', $q, 'parent before fork')->wait(10);
$pid = pcntl_fork();
if ($pid === 0) {
    $c = $p->publish('', $q, 'child with the parent publisher object');
    $c->wait(10);
    fwrite(STDOUT, "child: parent's publisher object " . $c->status()->value . ", tag " . $c->deliveryTag() . "\n");
    $mine = publisher();
    $c = $mine->publish('', $q, 'child own publisher');
    $c->wait(10);
    fwrite(STDOUT, "child: own publisher " . $c->status()->value . "\n");
    $mine->close();
    exit(0);
}
pcntl_waitpid($pid, $status);
var_dump(pcntl_wexitstatus($status));
$c = $p->publish('', $q, 'parent after fork');
$c->wait(10);
echo "parent: ", $c->status()->value, "\n";
var_dump(queue_depth($p, $q));
?>
--EXPECT--
child: parent's publisher object acked, tag 1
child: own publisher acked
int(0)
parent: acked
int(4)
