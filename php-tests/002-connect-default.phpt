--TEST--
The constructor connects (default URI), and the publisher reports its URI without the password
--FILE--
<?php
$p = new AmqpConfirm\Publisher();
var_dump($p->isConnected());
var_dump($p->uri());
$p->close();
var_dump($p->isConnected());
?>
--EXPECT--
bool(true)
string(31) "amqp://guest@127.0.0.1:5672/%2f"
bool(false)
