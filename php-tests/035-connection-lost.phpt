--TEST--
A connection closed by the broker: the publisher reconnects and republishes what was in flight (same message ids); with max_attempts 1 those messages fail with the cause instead
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
function run(int $maxAttempts): void
{
    $name = uniq('conn');
    $p = publisher(['connection_name' => $name, 'max_attempts' => $maxAttempts, 'reconnect_backoff' => [0.05, 0.5]]);
    $q = temp_queue($p, 'lost');
    memory_alarm_on();
    try {
        $cs = [];
        for ($i = 0; $i < 20; $i++) $cs[] = $p->publish('', $q, "m$i", ['message_id' => "id-$i"]);
        usleep(200000);
        echo "closed: ", close_connections_named($name, 'phpt closes it'), "\n";
        usleep(300000);
    } finally {
        memory_alarm_off();
    }
    $p->waitAll(20);
    $by = array_count_values(array_map(fn($c) => $c->status()->value, $cs));
    echo "max_attempts $maxAttempts: ", json_encode($by), ", attempts of the first: ", $cs[0]->attempts(), ", reconnects: ", $p->stats()['reconnects'], "\n";
    if ($maxAttempts === 1) {
        try {
            $cs[0]->wait();
        } catch (AmqpConfirm\PublishFailedException $e) {
            echo get_class($e), ' ', $e->getCode(), ' ', str_contains($e->getMessage(), 'phpt closes it') ? 'with the broker reason' : $e->getMessage(), "\n";
        }
        return;
    }
    $ids = array_map(fn($m) => $m->getMessageId(), read_back($q));
    // at-least-once: every message is there; copies the broker took before the close would be duplicates
    echo "in queue: ", count(array_unique($ids)), " distinct of ", count($ids), "\n";
    var_dump($p->isConnected());
}
run(3);
run(1);
?>
--CLEAN--
<?php
require __DIR__ . '/helpers/common.inc';
memory_alarm_off();
?>
--EXPECTF--
closed: 1
max_attempts 3: {"acked":20}, attempts of the first: 2, reconnects: 1
in queue: 20 distinct of %d
bool(true)
closed: 1
max_attempts 1: {"failed":20}, attempts of the first: 1, reconnects: 1
AmqpConfirm\PublishFailedException 320 with the broker reason
