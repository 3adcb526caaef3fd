--TEST--
Classes, exception hierarchy and the Status enum are registered
--FILE--
<?php
foreach (['Exception', 'ConnectionException', 'ChannelException', 'TimeoutException', 'NackedException', 'ReturnedException', 'PublishFailedException', 'SpoolException'] as $c) {
    $class = "AmqpConfirm\\$c";
    echo $class, ' ', get_parent_class($class), ' ', is_subclass_of($class, RuntimeException::class) ? 'runtime' : 'NOT runtime', "\n";
}
var_dump(enum_exists(AmqpConfirm\Status::class));
foreach (AmqpConfirm\Status::cases() as $case) echo $case->name, '=', $case->value, "\n";
var_dump(AmqpConfirm\Status::from('acked') === AmqpConfirm\Status::Acked);
var_dump(AmqpConfirm\Status::tryFrom('nope'));
var_dump(extension_loaded('amqp_confirm'));
?>
--EXPECT--
AmqpConfirm\Exception RuntimeException runtime
AmqpConfirm\ConnectionException AmqpConfirm\Exception runtime
AmqpConfirm\ChannelException AmqpConfirm\Exception runtime
AmqpConfirm\TimeoutException AmqpConfirm\Exception runtime
AmqpConfirm\NackedException AmqpConfirm\Exception runtime
AmqpConfirm\ReturnedException AmqpConfirm\Exception runtime
AmqpConfirm\PublishFailedException AmqpConfirm\Exception runtime
AmqpConfirm\SpoolException AmqpConfirm\Exception runtime
bool(true)
Pending=pending
Acked=acked
Nacked=nacked
Returned=returned
Failed=failed
Spooled=spooled
bool(true)
NULL
bool(true)
