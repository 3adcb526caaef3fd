--TEST--
The settled stream after fork (the child's publisher has its own notifier; the stream inherited from the parent never fires for the child's messages), in a php-fpm request, and the stream_select event-loop example runs and reports every outcome (the amp v2 and Revolt examples: 086)
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl'); ?>
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
function readable($s, int $usec = 0): int { $r = [$s]; $w = $e = null; return stream_select($r, $w, $e, 0, $usec); }

// fork
$p = publisher();
$q = temp_queue($p, 'fork');
$parentStream = $p->settledStream();
$p->publish('', $q, 'parent')->wait(10);
$p->collectSettled();
$pid = pcntl_fork();
if ($pid === 0) {
    $code = 0;
    $childStream = $p->settledStream();          // the child's own notifier (its own connection too)
    $p->publish('', $q, 'child')->wait(10);
    if (readable($childStream, 2000000) !== 1) $code |= 1;
    if (readable($parentStream) !== 0) $code |= 2;  // the inherited stream stays silent
    if (count($p->collectSettled()) !== 1) $code |= 4;
    exit($code);
}
pcntl_waitpid($pid, $status);
echo "child: own stream fired, inherited stream silent, one handle collected: ", var_export(pcntl_wexitstatus($status) === 0, true), " (", pcntl_wexitstatus($status), ")\n";
echo "parent stream after the child's messages: readable ", readable($parentStream), "\n";

// php-fpm: a request watches the stream of a persistent publisher with stream_select
$script = sys_get_temp_dir() . '/' . uniq('endpoint') . '.php';
file_put_contents($script, <<<'PHP'
<?php
$p = new AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:5672/%2f', ['persistent' => true, 'connection_name' => 'phpt fpm stream']);
$s = $p->settledStream();
$c = $p->publish('', $_GET['q'], 'request');
$r = [$s]; $w = $e = null;
$ready = stream_select($r, $w, $e, 5);
$got = array_map(fn($h) => $h->messageId(), $p->collectSettled());
echo get_resource_type($s), ' ', $ready, ' ', in_array($c->messageId(), $got, true) ? 'collected' : 'missing', ' ', $c->status()->value;
PHP);
$fpm = fpm_start(['pm.max_children' => 1, 'pm.max_requests' => 100]);
echo "fpm: ", fpm_request($fpm, $script, ['q' => $q]), " / ", fpm_request($fpm, $script, ['q' => $q]), "\n";
fpm_stop($fpm);
unlink($script);

// the examples
echo trim(shell_exec(PHP_BINARY . ' ' . (getenv('AMQP_CONFIRM_EXT') ? '-d extension=' . escapeshellarg(getenv('AMQP_CONFIRM_EXT')) : '') . ' ' . __DIR__ . '/../examples/event-loop-select.php 2>&1')), "\n";
?>
--EXPECTF--
child: own stream fired, inherited stream silent, one handle collected: true (0)
parent stream after the child's messages: readable 0
fpm: stream 1 collected acked / stream 1 collected acked
published 10001: acked 8000, nacked 1000, returned 1000, failed 1; each collected once: yes; loop iterations %d, wake-ups %d, with nothing to collect 0
