--TEST--
A publish to a missing exchange fails alone, never written (the exchange is checked first): the messages beside it are acked once, none republished; an exchange deleted after its check makes the broker close the channel: that message fails alone with the broker's 404, the others in flight are republished on a fresh channel and acked
--INI--
error_log=/dev/null
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
echo "missing: ", $bad->status()->value, " after ", $bad->attempts(), " attempt(s), ", str_starts_with($bad->reason(), '404 NOT_FOUND - no exchange') ? '404' : $bad->reason(), "\n";
echo "beside it: ", json_encode(array_count_values(array_map(fn($c) => $c->status()->value, $good))), ", most attempts ", max(array_map(fn($c) => $c->attempts(), $good)), ", queue ", queue_depth($p, $q), "\n";

// checked, then deleted: the broker closes the confirm channel over the next message to it
$gone = uniq('gone');
$p->declareExchange($gone, 'fanout', ['auto_delete' => false]);
$p->publish($gone, '', 'checked', [], false)->wait(10); // no queue bound: not mandatory
$p->deleteExchange($gone);
$p->purgeQueue($q);
$good = [];
for ($i = 0; $i < 300; $i++) $good[] = $p->publish('', $q, "c$i");
$bad = $p->publish($gone, '', 'boom', [], false);
for ($i = 0; $i < 300; $i++) $good[] = $p->publish('', $q, "d$i");
$p->waitAll(30);
echo "deleted: ", $bad->status()->value, ", ", str_starts_with($bad->reason(), "404 NOT_FOUND - no exchange '$gone'") ? 'its own 404' : $bad->reason(), "\n";
echo "beside it: ", json_encode(array_count_values(array_map(fn($c) => $c->status()->value, $good))), ", queue holds all 600: ", var_export(queue_depth($p, $q) >= 600, true), "\n";
$next = $p->publish($gone, '', 'again', [], false);
try { $next->wait(10); } catch (AmqpConfirm\PublishFailedException $e) { echo "next one to it: checked again, ", $next->attempts(), " attempts, ", $e->getCode(), "\n"; }
?>
--EXPECT--
missing: failed after 0 attempt(s), 404
beside it: {"acked":600}, most attempts 1, queue 600
deleted: failed, its own 404
beside it: {"acked":600}, queue holds all 600: true
next one to it: checked again, 0 attempts, 404
