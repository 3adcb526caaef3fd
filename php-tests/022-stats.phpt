--TEST--
stats() counts published, acked, nacked, returned, failed, in_flight and in_flight_bytes
--INI--
; outcomes this test leaves unobserved are logged (php-tests/070 checks those lines)
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
print_r($p->stats());
$q = temp_queue($p, 'stats', ['x-max-length' => 1, 'x-overflow' => 'reject-publish']);
$p->publish('', $q, 'a');
$p->publish('', $q, 'b');
$p->publish('', uniq('none'), 'c', [], true);
$p->waitAll(10);
// a 404 closes the channel and fails whatever is in flight on it: publish it alone
$p->publish(uniq('missing-x'), '', 'd');
$p->waitAll(10);
print_r($p->stats());
?>
--EXPECT--
Array
(
    [published] => 0
    [acked] => 0
    [nacked] => 0
    [returned] => 0
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
Array
(
    [published] => 4
    [acked] => 1
    [nacked] => 1
    [returned] => 1
    [failed] => 1
    [in_flight] => 0
    [in_flight_bytes] => 0
    [reconnects] => 0
    [reconnect_attempts] => 0
    [failovers] => 0
    [node] => 127.0.0.1:5672
    [blocked] => 
    [blocked_reason] => 
)
