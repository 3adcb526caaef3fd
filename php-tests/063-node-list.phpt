--TEST--
Node lists: a URI naming several hosts (or a list of URIs); the constructor tries each node in turn (node_order "ordered" or the default "shuffle") and throws only when all fail, naming each node and never the password; stats() and uri() name the nodes
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
use AmqpConfirm\Publisher;

// the first node refuses: the next one is used, within connect_timeout
$p = new Publisher('amqp://guest:' . TEST_PASSWORD . '@127.0.0.1:1,127.0.0.1:5672/%2f', ['node_order' => 'ordered', 'connect_timeout' => 5]);
$q = temp_queue($p, 'nodes');
$p->publish('', $q, 'x')->wait(10);
$s = $p->stats();
echo "ordered, first node down: node ", $s['node'], ", acked ", $s['acked'], ", uri ", $p->uri(), "\n";

// a list of URIs, each its own node
$l = new Publisher([test_uri(), 'amqp://guest:' . TEST_PASSWORD . '@127.0.0.2:5672/%2f'], ['node_order' => 'ordered']);
echo "list of URIs: node ", $l->stats()['node'], "\n";

// shuffle (the default) connects to one of the listed nodes
$r = new Publisher('amqp://guest:' . TEST_PASSWORD . '@127.0.0.1:5672,127.0.0.2:5672/%2f');
echo "shuffle: connected to a listed node: ", var_export(in_array($r->stats()['node'], ['127.0.0.1:5672', '127.0.0.2:5672'], true), true), "\n";

// every node down: one ConnectionException naming each node, never the password
try {
    new Publisher('amqp://guest:hunter2-secret@127.0.0.1:1,127.0.0.1:2,127.0.0.1:3/%2f', ['connect_timeout' => 3]);
} catch (AmqpConfirm\ConnectionException $e) {
    echo preg_replace('/127\.0\.0\.1:[123]/', 'NODE', $e->getMessage()), "\n";
    echo "names each node: ", var_export(substr_count($e->getMessage(), 'cannot connect to amqp://guest@127.0.0.1:') === 3, true),
        ", password shown: ", var_export(str_contains((string) $e . print_r($e->getTrace(), true), 'hunter2'), true), "\n";
}
expect_throw(fn() => new Publisher('amqp://guest:guest@h1,,h3/%2f'));
expect_throw(fn() => new Publisher(test_uri(), ['node_order' => 'random']));
expect_throw(fn() => new Publisher([test_uri(), 5]));
?>
--EXPECTF--
ordered, first node down: node 127.0.0.1:5672, acked 1, uri amqp://guest@127.0.0.1:1/%2f, amqp://guest@127.0.0.1:5672/%2f
list of URIs: node 127.0.0.1:5672
shuffle: connected to a listed node: true
cannot connect to any of the 3 nodes: cannot connect to amqp://guest@NODE/%2f: %s; cannot connect to amqp://guest@NODE/%2f: %s; cannot connect to amqp://guest@NODE/%2f: %s
names each node: true, password shown: false
ValueError: AmqpConfirm\Publisher::__construct(): $uri has an empty host in its node list
ValueError: AmqpConfirm\Publisher::__construct(): Argument #2 ($options)["node_order"] must be "shuffle" or "ordered"
TypeError: AmqpConfirm\Publisher::__construct(): Argument #1 ($uri) must contain only strings, int given at position 1
