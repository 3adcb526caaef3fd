--TEST--
Cluster + spool: a 3-minute randomized fault soak (nodes killed, frozen with SIGSTOP, connections closed, maintenance drain, full outages; one at a time, healed after each), four publishing processes with one spool directory: no message reported acked or spooled is lost, every outcome is known, each writer's order holds (scripts/spool-soak.sh runs the 20-minute version)
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip needs pcntl'); ?>
--FILE--
<?php
require __DIR__ . '/spool-soak.inc';
$c = spool_soak((int) (getenv('AMQP_CONFIRM_SOAK_SECONDS') ?: 180));
echo "faults: ", $c['faults'] > 0 ? 'yes' : 'none', "\n";
echo "acked or spooled but missing from the queue: {$c['missing']}\n";
echo "outcomes unknown at the end: {$c['pending']}\n";
echo "writers out of order: {$c['disorder']}\n";
echo "spool left: {$c['left']} segments\n";
heal();
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
foreach ([1, 2, 3] as $n) { try { cluster('resume', (string) $n); cluster('ctl', (string) $n, 'start_app'); } catch (RuntimeException) {} }
heal();
?>
--EXPECTF--
[spool soak] %d s, 4 writers, %d faults (%s); published %d: %s; queue holds %d (%d distinct, %d duplicates); acked or spooled but missing: 0; out of order: 0; spool left 0 segments, %d dead letters%S; %d log lines
faults: yes
acked or spooled but missing from the queue: 0
outcomes unknown at the end: 0
writers out of order: 0
spool left: 0 segments
