--TEST--
No var_dump(), print_r(), var_export(), exception, stack trace (the URI is a SensitiveParameter) or uri() output shows the URI's password
--FILE--
<?php
$p = new AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:5672/%2f?heartbeat=30');
ob_start();
var_dump($p);
print_r($p);
var_export($p);
echo $p->uri();
echo json_encode($p);
$out = ob_get_clean();
var_dump(str_contains($out, ':guest@'), $p->uri());
foreach (['amqp://guest:hunter2-secret@127.0.0.1:1/%2f', 'amqp://guest:hunter2-secret@[bad', 'http://guest:hunter2-secret@x/', 'amqp://guest:hunter2-secret@127.0.0.1:5672/%2f?nope=1'] as $uri) {
    try {
        new AmqpConfirm\Publisher($uri, ['connect_timeout' => 2]);
    } catch (Throwable $e) {
        echo get_class($e), ' leaks: ', var_export(str_contains((string) $e . print_r($e->getTrace(), true) . var_export($e->getTrace(), true), 'hunter2'), true), "\n";
    }
}
?>
--EXPECT--
bool(false)
string(31) "amqp://guest@127.0.0.1:5672/%2f"
AmqpConfirm\ConnectionException leaks: false
ValueError leaks: false
ValueError leaks: false
ValueError leaks: false
