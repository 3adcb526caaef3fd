--TEST--
Fault: the TCP connection is reset (ss -K) while messages are in flight; the publisher reconnects and republishes them, and all are acked
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher(['reconnect_backoff' => [0.05, 0.5]]);
$q = temp_queue($p, 'reset');
memory_alarm_on();
try {
    $cs = [];
    for ($i = 0; $i < 10; $i++) $cs[] = $p->publish('', $q, "m$i", ['message_id' => "rst-$i"]);
    usleep(200000);
    $before = $cs[0]->status();
    $killed = substr_count((string) shell_exec('ss -K dst 127.0.0.1 dport = 5672 2>/dev/null'), 'ESTAB');
    usleep(300000);
} finally {
    memory_alarm_off();
}
$p->waitAll(20);
var_dump($before, $killed >= 1);
echo json_encode(array_count_values(array_map(fn($c) => $c->status()->value, $cs))), ", attempts of the first: ", $cs[0]->attempts(), ", reconnects: ", $p->stats()['reconnects'], "\n";
$ids = array_unique(array_map(fn($m) => $m->getMessageId(), read_back($q)));
echo count($ids), " distinct messages in the queue\n";
?>
--CLEAN--
<?php
require __DIR__ . '/helpers/common.inc';
memory_alarm_off();
?>
--EXPECT--
enum(AmqpConfirm\Status::Pending)
bool(true)
{"acked":10}, attempts of the first: 2, reconnects: 1
10 distinct messages in the queue
