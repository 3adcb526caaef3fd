--TEST--
Spool: a segment left by a writer that is gone is taken over by another publisher; a torn record at its end is reported and never stops the records before it (the segment is set aside as .torn); a spooled message the broker keeps nacking (10 times) or returns, or one older than spool_max_age, goes to the dead letters with its reason and is logged
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$log = sys_get_temp_dir() . '/' . uniq('log');
ini_set('error_log', $log);
$admin = publisher();
$q = temp_queue($admin, 'torn');
$full = temp_queue($admin, 'full', ['x-max-length' => 0, 'x-overflow' => 'reject-publish']);
$dir = sys_get_temp_dir() . '/' . uniq('spool');
$down = 'amqp://guest:guest@127.0.0.1:1/%2f'; // nothing listens on port 1

// a writer spools, then goes away; a crash cut its last record short
$w = new AmqpConfirm\Publisher($down, ['spool_dir' => $dir, 'connect_timeout' => 0.5]);
foreach (['a', 'b', 'c'] as $id) $w->publish('', $q, "body $id", ['message_id' => "torn-$id"]);
$w->publish('', $full, 'refused', ['message_id' => 'dead-nacked']);
$w->publish('', $q . '-nowhere', 'unroutable', ['message_id' => 'dead-returned']);
unset($w);
[$segment] = glob("$dir/*.seg");
$f = fopen($segment, 'r+');
fseek($f, 0, SEEK_END);
fwrite($f, "AQS1\x00\x00\x01\x00\x12\x34"); // a record head whose payload never made it to disk
fclose($f);
$i = AmqpConfirm\Spool::inspect($dir);
echo "before: {$i['segments']} segment, {$i['messages']} messages, held {$i['held']}\n";

// another publisher with the same spool directory delivers them
// a nack is final once it repeats (NACK_ATTEMPTS times, the reconnect backoff between): short pauses here
$p = new AmqpConfirm\Publisher(test_uri(), ['spool_dir' => $dir, 'reconnect_backoff' => [0.01, 0.05]]);
for ($n = 0; $n < 100 && glob("$dir/*.seg"); $n++) usleep(100000);
$s = $p->stats()['spool'];
echo "delivered {$s['delivered']}, dead-lettered {$s['dead_lettered']}, torn {$s['torn']}, segments {$s['segments']}\n";
echo "set aside: ", count(glob("$dir/*.torn")), "\n";
echo "queue: ", implode(',', array_map(fn($m) => $m->getMessageId(), read_back($q))), "\n";
$dead = array_map(fn($d) => "dead letter {$d['message_id']}: {$d['reason']}\n", AmqpConfirm\Spool::deadLetters($dir));
sort($dead); // the broker may confirm messages to different queues out of order
echo implode('', $dead);
$i = AmqpConfirm\Spool::inspect($dir);
echo "after: {$i['segments']} segments, {$i['messages']} messages, {$i['dead_letters']} dead letters, {$i['torn']} torn\n";

// expired: older than spool_max_age when its turn came
$old = new AmqpConfirm\Publisher($down, ['spool_dir' => "$dir-old", 'connect_timeout' => 0.5]);
$old->publish('', $q, 'stale', ['message_id' => 'dead-expired']);
unset($old);
usleep(1100000);
$p2 = new AmqpConfirm\Publisher(test_uri(), ['spool_dir' => "$dir-old", 'spool_max_age' => 1]);
for ($n = 0; $n < 100 && glob("$dir-old/*.seg"); $n++) usleep(100000);
foreach (AmqpConfirm\Spool::deadLetters("$dir-old") as $d) echo "dead letter {$d['message_id']}: ", preg_replace('/\d+ s ago/', 'N s ago', $d['reason']), "\n";
echo "queue after expiry: ", count(read_back($q)), "\n";

$p->publish('', $q, 'x')->wait(10); // logs what the spool reported
$p2->publish('', $q, 'x')->wait(10);
$lines = array_map(fn($l) => preg_replace(['/^\[[^\]]*\] /', '/\d+ s ago/'], ['', 'N s ago'], $l), file($log, FILE_IGNORE_NEW_LINES) ?: []);
sort($lines);
echo implode("\n", $lines), "\n";
$admin->deleteQueue($q);
$admin->deleteQueue($full);
array_map('unlink', array_merge(glob("$dir/*"), glob("$dir-old/*")));
@rmdir($dir); @rmdir("$dir-old"); @unlink($log);
?>
--EXPECTF--
before: 1 segment, 5 messages, held 0
delivered 3, dead-lettered 2, torn 1, segments 0
set aside: 1
queue: torn-a,torn-b,torn-c
dead letter dead-nacked: nacked by the broker (10 times)
dead letter dead-returned: returned by the broker: 312 NO_ROUTE
after: 0 segments, 0 messages, 2 dead letters, 1 torn
dead letter dead-expired: expired in the spool: spooled N s ago, more than spool_max_age (1 s)
queue after expiry: 0
amqp_confirm: spooled message dead-expired (exchange '', routing key '%s') was not delivered: expired in the spool: spooled N s ago, more than spool_max_age (1 s); it was moved to the dead letters (%s/dead-letters.spool)
amqp_confirm: spooled message dead-nacked (exchange '', routing key '%s') was not delivered: nacked by the broker (10 times); it was moved to the dead letters (%s/dead-letters.spool)
amqp_confirm: spooled message dead-returned (exchange '', routing key '%s') was not delivered: returned by the broker: 312 NO_ROUTE; it was moved to the dead letters (%s/dead-letters.spool)
amqp_confirm: the spool segment %s.seg ends in a torn record at byte %d (%s): every record before it was delivered; the segment was kept as %s.torn
