--TEST--
settledStream()/collectSettled(): a real stream resource, not readable while nothing settled, readable after a settle, not again after collecting; 10k mixed outcomes (ack, nack, return, 404) through a stream_select loop, each collected exactly once, no wake-up with nothing to collect; a connection lost mid-run; counts printed
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
require __DIR__ . '/../examples/event-loop-select.php';

function readable($s): int { $r = [$s]; $w = $e = null; return stream_select($r, $w, $e, 0); }

$p = publisher();
$ok = temp_queue($p, 'ok');
$full = temp_queue($p, 'full', ['x-max-length' => 0, 'x-overflow' => 'reject-publish']);
$s = $p->settledStream();
echo get_resource_type($s), ", readable before any settle: ", readable($s), ", collected: ", count($p->collectSettled()), "\n";
$c = $p->publish('', $ok, 'x');
$c->wait(10);
echo "after a settle: readable ", readable($s), "\n";
$got = $p->collectSettled();
echo "collected: ", count($got), " (", $got[0]->messageId() === $c->messageId() ? 'the same message' : 'another', ", ", $got[0]->status()->name, "), readable after collecting: ", readable($s), "\n";
$second = $p->settledStream();
fclose($s);
$p->publish('', $ok, 'y')->wait(10);
echo "a second stream on the same notifier (the first one closed): readable ", readable($second), ", max 1: ", count($p->collectSettled(1)), ", then ", count($p->collectSettled()), "\n";
fclose($second);

function mixed_messages(string $ok, string $full, string $tag): array
{
    $m = [];
    for ($i = 0; $i < 10000; $i++) {
        $m[] = match ($i % 10) {
            3 => ['', $full, "m$i", ['message_id' => "$tag-$i"], false],
            7 => ['', uniq('nobody'), "m$i", ['message_id' => "$tag-$i"], true],
            default => ['', $ok, "m$i", ['message_id' => "$tag-$i"], false],
        };
    }
    $m[] = [uniq('no-exchange'), 'k', 'x', ['message_id' => "$tag-missing-exchange"], false];
    return $m;
}

function line(string $case, array $r, int $count): string
{
    return sprintf("[%s] published %d: acked %d, nacked %d, returned %d, failed %d; collected once each: %s; wake-ups %d, with nothing to collect %d\n",
        $case, $count, $r['outcomes']['acked'], $r['outcomes']['nacked'], $r['outcomes']['returned'], $r['outcomes']['failed'],
        count($r['collected']) === $count && max($r['collected']) === 1 ? 'yes' : 'NO', $r['wakeups'], $r['empty']);
}

$loop = publisher();
$r = publish_from_select_loop($loop, mixed_messages($ok, $full, 'sel'));
$out = line('stream_select loop, mixed outcomes', $r, 10001);
echo preg_replace('/wake-ups \d+/', 'wake-ups N', $out);
if ($log = getenv('AMQP_CONFIRM_FAULT_LOG')) file_put_contents($log, $out, FILE_APPEND);

// the connection lost mid-run: republished messages settle once, on the same stream
$name = uniq('settled-loss');
$lossy = publisher(['connection_name' => $name, 'reconnect_backoff' => [0.05, 0.5], 'max_attempts' => 5]);
$stream = $lossy->settledStream();
$messages = mixed_messages($ok, $full, 'loss');
$collected = [];
$outcomes = ['acked' => 0, 'nacked' => 0, 'returned' => 0, 'failed' => 0];
$wakeups = $empty = 0;
foreach ($messages as $i => [$ex, $key, $body, $props, $mandatory]) {
    $lossy->publish($ex, $key, $body, $props, $mandatory);
    if ($i === 5000) close_connections_named($name, 'phpt closes it');
}
$until = microtime(true) + 60;
while (array_sum($outcomes) < count($messages) && microtime(true) < $until) {
    $read = [$stream]; $w = $e = null;
    if (stream_select($read, $w, $e, 0, 200000) > 0) {
        $wakeups++;
        $batch = $lossy->collectSettled();
        if (!$batch) $empty++;
        foreach ($batch as $h) { $outcomes[$h->status()->value]++; $collected[$h->messageId()] = ($collected[$h->messageId()] ?? 0) + 1; }
    }
}
$out = line('connection lost mid-run', compact('outcomes', 'collected', 'wakeups', 'empty'), count($messages));
echo "connection lost mid-run: every outcome collected once: ", var_export(count($collected) === count($messages) && max($collected) === 1, true),
    ", reconnected: ", var_export($lossy->stats()['reconnects'] >= 1, true), ", wake-ups with nothing to collect: $empty\n";
if ($log = getenv('AMQP_CONFIRM_FAULT_LOG')) file_put_contents($log, $out, FILE_APPEND);
?>
--EXPECT--
stream, readable before any settle: 0, collected: 0
after a settle: readable 1
collected: 1 (the same message, Acked), readable after collecting: 0
a second stream on the same notifier (the first one closed): readable 1, max 1: 1, then 0
[stream_select loop, mixed outcomes] published 10001: acked 8000, nacked 1000, returned 1000, failed 1; collected once each: yes; wake-ups N, with nothing to collect 0
connection lost mid-run: every outcome collected once: true, reconnected: true, wake-ups with nothing to collect: 0
