--TEST--
A body the broker refuses for its size (its max_message_size set lower than ours: 406 closes the channel) fails alone, at once; every other message in flight beside it is republished and acked
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
// the broker's limit, lowered to 64 KiB for the connections opened from now on, and put back at the end (RabbitMQ
// 3.10 reads it from the application environment, 4.x from a persistent term it fills at boot: both are set)
$env = trim(rabbitmqctl('eval', 'application:get_env(rabbit, max_message_size).'));
$term = trim(rabbitmqctl('eval', 'persistent_term:get(max_message_size, undefined).'));
register_shutdown_function(fn() => rabbitmqctl('eval', (preg_match('/^\{ok,(\d+)\}$/', $env, $m)
        ? "application:set_env(rabbit, max_message_size, {$m[1]})" : 'application:unset_env(rabbit, max_message_size)')
    . ', ' . (ctype_digit($term) ? "persistent_term:put(max_message_size, $term)" : 'persistent_term:erase(max_message_size)') . '.'));
rabbitmqctl('eval', 'application:set_env(rabbit, max_message_size, 65536), persistent_term:put(max_message_size, 65536).');
$p = publisher(['max_attempts' => 3]);
$q = temp_queue($p, 'brokersize');
$all = [];
for ($round = 0; $round < 3; $round++) {
    for ($i = 0; $i < 300; $i++) {
        $big = $i === 150 || ($round === 2 && $i === 151);
        $all[] = [$big, $p->publish('', $q, str_repeat($big ? 'B' : 's', $big ? 100000 : 100), ['message_id' => "r$round-$i"])];
    }
}
$p->waitAll(30);
$count = ['big' => [], 'small' => []];
foreach ($all as [$big, $c]) {
    $count[$big ? 'big' : 'small'][$c->status()->value] = ($count[$big ? 'big' : 'small'][$c->status()->value] ?? 0) + 1;
}
echo json_encode($count), "\n";
[$bigOne] = array_values(array_filter($all, fn($x) => $x[0]));
try {
    $bigOne[1]->wait(0);
} catch (AmqpConfirm\PublishFailedException $e) {
    echo get_class($e), ' ', $e->getCode(), ': ', $e->getMessage(), "\n";
}
echo "attempts of the big one: ", $bigOne[1]->attempts(), "\n";
$ids = drain_ids($q);
$acked = array_map(fn($x) => $x[1]->messageId(), array_filter($all, fn($x) => $x[1]->status() === AmqpConfirm\Status::Acked));
$bigIds = array_map(fn($x) => $x[1]->messageId(), array_filter($all, fn($x) => $x[0]));
echo "in the queue: ", count(array_unique($ids)), " distinct; acked but missing: ", count(array_diff($acked, $ids)), "; big ones in the queue: ", count(array_intersect($ids, $bigIds)), "\n";
?>
--EXPECTF--
{"big":{"failed":4},"small":{"acked":896}}
AmqpConfirm\PublishFailedException 406: message r0-150 (exchange '', routing key 'phpt.brokersize.%s') failed: PRECONDITION_FAILED - message size 100000 is larger than configured max size 65536
attempts of the big one: 1
in the queue: 896 distinct; acked but missing: 0; big ones in the queue: 0
