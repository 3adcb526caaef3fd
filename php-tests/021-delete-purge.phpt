--TEST--
deleteQueue() and purgeQueue() report message counts; deleteExchange() removes an exchange
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'dp');
for ($i = 0; $i < 7; $i++) $p->publish('', $q, "m$i");
$p->waitAll(10);
var_dump($p->purgeQueue($q));
for ($i = 0; $i < 3; $i++) $p->publish('', $q, "n$i");
$p->waitAll(10);
var_dump($p->deleteQueue($q));
$x = uniq('x');
$p->declareExchange($x, 'fanout');
$p->deleteExchange($x, ['if_unused' => true]);
try {
    $p->declareExchange($x, 'fanout', ['passive' => true]);
} catch (AmqpConfirm\ChannelException $e) {
    echo "gone: ", $e->getCode(), "\n";
}
?>
--EXPECT--
int(7)
int(3)
gone: 404
