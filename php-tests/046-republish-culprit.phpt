--TEST--
A publish to a missing exchange fails alone (the broker names it); the messages in flight beside it are republished on a fresh channel and acked
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'culprit');
$good = [];
for ($i = 0; $i < 300; $i++) $good[] = $p->publish('', $q, "a$i");
$bad = $p->publish(uniq('missing'), 'k', 'boom');
for ($i = 0; $i < 300; $i++) $good[] = $p->publish('', $q, "b$i");
$p->waitAll(30);
echo "bad: ", $bad->status()->value, " after ", $bad->attempts(), " attempt(s), code ", str_starts_with($bad->reason(), '404') ? 404 : $bad->reason(), "\n";
$by = array_count_values(array_map(fn($c) => $c->status()->value, $good));
echo "good: ", json_encode($by), ", some republished: ", var_export(max(array_map(fn($c) => $c->attempts(), $good)) >= 1, true), "\n";
echo "queue holds at least all 600: ", var_export(queue_depth($p, $q) >= 600, true), "\n";
?>
--EXPECT--
bad: failed after 1 attempt(s), code 404
good: {"acked":600}, some republished: true
queue holds at least all 600: true
