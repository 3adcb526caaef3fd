--TEST--
Cluster: the first listed node down at construction: the constructor connects to another within connect_timeout, and publishing works
--FILE--
<?php
require __DIR__ . '/helpers.inc';
cluster('kill', '1');
try {
    $p = new AmqpConfirm\Publisher(node_uri(1, 2, 3), ['node_order' => 'ordered', 'connect_timeout' => 10]);
    echo "connected to: ", $p->stats()['node'], "\n";
    $q = quorum_queue(2, 'firstdown');
    $c = $p->publish('', $q, 'x');
    $c->wait(patience(30));
    echo "published: ", $c->status()->name, "\n";
} finally {
    heal();
}
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
heal();
?>
--EXPECT--
connected to: 127.0.0.1:5682
published: Acked
