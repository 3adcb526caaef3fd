--TEST--
waitAll() over thousands of messages with mixed outcomes: exact counts, each outcome on its handle
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'mixed', ['x-max-length' => 1000, 'x-overflow' => 'reject-publish']);
$handles = [];
for ($i = 0; $i < 3000; $i++) $handles["ok$i"] = $p->publish('', $q, "m$i");
for ($i = 0; $i < 500; $i++) $handles["ret$i"] = $p->publish('', uniq('none'), "r$i", [], true);
var_dump($p->waitAll(60.0));
print_r($p->stats());
$failures = $p->collectFailures($handles, 5);
echo count($failures), " failures\n";
$kinds = array_count_values(array_map(fn($c) => $c->status()->value, $failures));
ksort($kinds);
print_r($kinds);
var_dump(isset($failures['ret0']), isset($failures['ok0']), isset($failures['ok2999']));
var_dump(queue_depth($p, $q));
?>
--EXPECT--
NULL
Array
(
    [published] => 3500
    [acked] => 1000
    [nacked] => 2000
    [returned] => 500
    [failed] => 0
    [in_flight] => 0
    [in_flight_bytes] => 0
    [reconnects] => 0
    [reconnect_attempts] => 0
    [failovers] => 0
    [node] => 127.0.0.1:5672
    [blocked] => 
    [blocked_reason] => 
)
2500 failures
Array
(
    [nacked] => 2000
    [returned] => 500
)
bool(true)
bool(false)
bool(true)
int(1000)
