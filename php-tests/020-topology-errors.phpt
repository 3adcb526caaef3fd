--TEST--
Broker errors on topology are ChannelException with the reply code, and the publisher stays usable
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'topo');
try {
    $p->declareQueue(uniq('missing'), ['passive' => true]);
} catch (AmqpConfirm\ChannelException $e) {
    echo get_class($e), ' ', $e->getCode(), ' ', implode(' ', array_slice(explode(' ', $e->getMessage()), 0, 2)), "\n";
}
try {
    $p->declareQueue($q, ['auto_delete' => true]); // not what the queue was declared with
} catch (AmqpConfirm\ChannelException $e) {
    echo get_class($e), ' ', $e->getCode(), ' ', implode(' ', array_slice(explode(' ', $e->getMessage()), 0, 2)), "\n";
}
try {
    $p->bindQueue($q, uniq('no-exchange'));
} catch (AmqpConfirm\ChannelException $e) {
    echo get_class($e), ' ', $e->getCode(), "\n";
}
// publishing and topology both keep working
$c = $p->publish('', $q, 'still fine');
$c->wait(10);
var_dump($c->status(), queue_depth($p, $q));
try {
    $p->deleteQueue($q, ['if_empty' => true]);
} catch (AmqpConfirm\ChannelException $e) {
    echo "if_empty: ", $e->getCode(), "\n";
}
var_dump($p->purgeQueue($q), $p->deleteQueue($q, ['if_empty' => true]));
?>
--EXPECT--
AmqpConfirm\ChannelException 404 404 NOT_FOUND
AmqpConfirm\ChannelException 406 406 PRECONDITION_FAILED
AmqpConfirm\ChannelException 404
enum(AmqpConfirm\Status::Acked)
int(1)
if_empty: 406
int(1)
int(0)
