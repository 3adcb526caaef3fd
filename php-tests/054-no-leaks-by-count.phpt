--TEST--
No leaks, by counting: one million messages through max_in_flight 5000, every one acked; the live-object counters (messages, handles, publishers, channel tasks, connections) return to their starting values once the publisher is closed and freed (RSS is printed, never asserted)
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
use AmqpConfirm\Publisher;

function rss_kb(): int
{
    preg_match('/VmRSS:\s+(\d+)/', file_get_contents('/proc/self/status'), $m);
    return (int) $m[1];
}
$before = Publisher::liveObjects();
$p = publisher(['max_in_flight' => 5000]);
$q = temp_queue($p, 'memory', ['x-max-length' => 1000]);
$marks = [];
for ($i = 1; $i <= 1000000; $i++) {
    $p->publish('', $q, 'payload-0123456789', ['delivery_mode' => 1]);
    if ($i % 100000 === 0) $marks[$i] = rss_kb();
}
$p->waitAll(patience(120));
$s = $p->stats();
$during = Publisher::liveObjects();
$p->close(10);
unset($p);
// the channel task ends on the runtime just after close() returns: wait for it, bounded
for ($i = 0; $i < 1000 * slowdown() && Publisher::liveObjects() != $before; $i++) usleep(10000);
$after = Publisher::liveObjects();
$line = sprintf("[no leaks] 1M messages: acked %d; live objects before %s, with the publisher open %s, after %s; RSS kB at each 100k (not asserted): %s\n",
    $s['acked'], json_encode($before), json_encode($during), json_encode($after), implode(' ', $marks));
echo $line;
if ($log = getenv('AMQP_CONFIRM_FAULT_LOG')) file_put_contents($log, $line, FILE_APPEND);
var_dump($s['acked'], $s['in_flight'], $s['in_flight_bytes']);
echo "settled messages and handles held: ", $during['messages'], ' ', $during['confirmations'], "\n";
echo "one publisher, one task, one connection while open: ", $during['publishers'], ' ', $during['channel_tasks'], ' ', $during['connections'], "\n";
echo "counters back to their starting values: ", var_export($after === $before, true), "\n";
?>
--EXPECTF--
[no leaks] 1M messages: acked 1000000; %s
int(1000000)
int(0)
int(0)
settled messages and handles held: 0 0
one publisher, one task, one connection while open: 1 1 1
counters back to their starting values: true
