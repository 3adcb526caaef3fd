--TEST--
Bounded memory: one million messages through max_in_flight 5000; after warm-up (200k) RSS stays within 10% up to 1M, and every message is acked
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
echo "RSS after 1M within 10% of after 200k: ", var_export($marks[1000000] <= $marks[200000] * 1.10, true), "\n";
echo "RSS never above 200k + 10%: ", var_export(max($marks) <= $marks[200000] * 1.10, true), "\n";
?>
--EXPECTF--
[bounded memory] 1M messages: acked 1000000; RSS kB at each 100k: %s
int(1000000)
int(0)
RSS after 1M within 10% of after 200k: true
RSS never above 200k + 10%: true
