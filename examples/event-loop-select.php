<?php
// Publishes 10000 messages from a plain stream_select() loop that keeps doing other work, and reports every
// outcome as it arrives, without ever blocking on the broker: acked, nacked (a full reject-publish queue),
// returned (mandatory, unroutable) and failed (an exchange that does not exist closes the channel).
//   php -d extension=amqp_confirm.so examples/event-loop-select.php
use AmqpConfirm\Publisher;

/**
 * Runs the loop: publishes each message of $messages ([exchange, routing key, body, properties, mandatory]) in
 * slices, between slices waits on the settled stream (never longer than $tick seconds, to do "other work"), and
 * collects outcomes until every message has one or $deadline seconds have passed.
 * @return array{outcomes: array<string, int>, collected: array<string, int>, wakeups: int, empty: int, ticks: int}
 */
function publish_from_select_loop(Publisher $p, array $messages, float $tick = 0.05, float $deadline = 60.0): array
{
    $stream = $p->settledStream();
    $outcomes = ['acked' => 0, 'nacked' => 0, 'returned' => 0, 'failed' => 0];
    $collected = [];
    $wakeups = $empty = $ticks = 0;
    $next = 0;
    $until = microtime(true) + $deadline;
    while (array_sum($outcomes) < count($messages) && microtime(true) < $until) {
        for ($i = 0; $i < 500 && $next < count($messages); $i++, $next++) {
            [$exchange, $key, $body, $props, $mandatory] = $messages[$next];
            $p->publish($exchange, $key, $body, $props, $mandatory);
        }
        $read = [$stream];
        $write = $except = null;
        $wait = $next < count($messages) ? 0 : (int) ($tick * 1e6);
        $ready = stream_select($read, $write, $except, 0, $wait);
        $ticks++; // the loop's other work would run here
        if ($ready > 0) {
            $wakeups++;
            $batch = $p->collectSettled();
            if ($batch === []) $empty++;
            foreach ($batch as $c) {
                $outcomes[$c->status()->value]++;
                $collected[$c->messageId()] = ($collected[$c->messageId()] ?? 0) + 1;
            }
        }
    }
    fclose($stream);
    return compact('outcomes', 'collected', 'wakeups', 'empty', 'ticks');
}

if (realpath($_SERVER['SCRIPT_FILENAME'] ?? '') === realpath(__FILE__)) {
    $p = new Publisher(getenv('AMQP_URI') ?: 'amqp://guest:guest@127.0.0.1:5672/%2f', ['connection_name' => 'amqp_confirm select example']);
    $ok = 'amqp_confirm.example.ok.' . getmypid();
    $full = 'amqp_confirm.example.full.' . getmypid();
    $p->declareQueue($ok, ['arguments' => ['x-expires' => 60000]]);
    $p->declareQueue($full, ['arguments' => ['x-expires' => 60000, 'x-max-length' => 0, 'x-overflow' => 'reject-publish']]);
    $messages = [];
    for ($i = 0; $i < 10000; $i++) {
        $messages[] = match (true) {
            $i % 10 === 3 => ['', $full, "m$i", ['message_id' => "sel-$i"], false],          // nacked
            $i % 10 === 7 => ['', 'nobody.' . getmypid(), "m$i", ['message_id' => "sel-$i"], true], // returned
            default => ['', $ok, "m$i", ['message_id' => "sel-$i"], false],                // acked
        };
    }
    $messages[] = ['no.such.exchange.' . getmypid(), 'k', 'x', ['message_id' => 'sel-missing-exchange'], false];  // failed (404)
    $r = publish_from_select_loop($p, $messages);
    printf("published %d: acked %d, nacked %d, returned %d, failed %d; each collected once: %s; loop iterations %d, wake-ups %d, with nothing to collect %d\n",
        count($messages), $r['outcomes']['acked'], $r['outcomes']['nacked'], $r['outcomes']['returned'], $r['outcomes']['failed'],
        count($r['collected']) === count($messages) && max($r['collected']) === 1 ? 'yes' : 'no', $r['ticks'], $r['wakeups'], $r['empty']);
    $p->deleteQueue($ok);
    $p->deleteQueue($full);
}
