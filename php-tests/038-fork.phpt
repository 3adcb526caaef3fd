--TEST--
After pcntl_fork() the child cannot use the parent's publisher (clear exception) but can make its own; the parent keeps working
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'fork');
$p->publish('', $q, 'parent before fork')->wait(10);
$pid = pcntl_fork();
if ($pid === 0) {
    try {
        $p->publish('', $q, 'child with parent publisher');
        echo "child: used parent publisher\n";
    } catch (AmqpConfirm\ConnectionException $e) {
        fwrite(STDOUT, "child: " . (str_contains($e->getMessage(), 'after fork') ? 'refused after fork' : $e->getMessage()) . "\n");
    }
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
child: refused after fork
child: own publisher acked
int(0)
parent: acked
int(3)
