--TEST--
Bounded memory: one million messages through max_in_flight 5000; RSS levels off (under 5% growth from 500k to 1M: a leak of 10 bytes per message would add about 9%), and every message is acked
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
function rss_kb(): int
{
    preg_match('/VmRSS:\s+(\d+)/', file_get_contents('/proc/self/status'), $m);
    return (int) $m[1];
}
$p = publisher(['max_in_flight' => 5000]);
$q = temp_queue($p, 'memory', ['x-max-length' => 1000]);
$marks = [];
for ($i = 1; $i <= 1000000; $i++) {
    $p->publish('', $q, 'payload-0123456789', ['delivery_mode' => 1]);
    if ($i % 100000 === 0) $marks[$i] = rss_kb();
}
$p->waitAll(120);
$s = $p->stats();
$line = sprintf("[bounded memory] 1M messages: acked %d; RSS kB at each 100k: %s\n", $s['acked'], implode(' ', $marks));
echo $line;
if ($log = getenv('AMQP_CONFIRM_FAULT_LOG')) file_put_contents($log, $line, FILE_APPEND);
var_dump($s['acked'], $s['in_flight']);
// the first few hundred thousand messages warm up buffers and the allocators; after that RSS levels off
// (a 3M-message run leveled off at about 60 MB)
echo "RSS growth from 500k to 1M under 5%: ", var_export($marks[1000000] <= $marks[500000] * 1.05, true), "\n";
?>
--EXPECTF--
[bounded memory] 1M messages: acked 1000000; RSS kB at each 100k: %s
int(1000000)
int(0)
RSS growth from 500k to 1M under 5%: true
