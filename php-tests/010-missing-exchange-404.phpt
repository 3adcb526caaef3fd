--TEST--
Publishing to a missing exchange fails that message with 404, and later publishes work on a fresh channel
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'e404');
$bad = $p->publish(uniq('no-such-exchange'), 'k', 'x');
try {
    $bad->wait(10);
} catch (AmqpConfirm\PublishFailedException $e) {
    echo get_class($e), ' ', $e->getCode(), ' ', str_contains($e->getMessage(), 'NOT_FOUND - no exchange') ? 'NOT_FOUND' : $e->getMessage(), "\n";
}
var_dump($bad->status(), str_starts_with($bad->reason(), '404 NOT_FOUND'));
$good = $p->publish('', $q, 'after');
$good->wait(10);
var_dump($good->status(), $good->deliveryTag());
var_dump(queue_depth($p, $q));
?>
--EXPECT--
AmqpConfirm\PublishFailedException 404 NOT_FOUND
enum(AmqpConfirm\Status::Failed)
bool(true)
enum(AmqpConfirm\Status::Acked)
int(1)
int(1)
