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
