--TEST--
Exceptions are ordinary PHP exceptions: constructible with (message, code, previous), extendable (a subclass is instantiated as itself), serializable, with the file and line of the PHP call; getConfirmation() and getReplyText() carry what the extension adds
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
use AmqpConfirm\{ChannelException, ConnectionException, Exception, NackedException, PublishFailedException, ReturnedException, TimeoutException};

class RetryLater extends NackedException {}

foreach ([Exception::class, ConnectionException::class, ChannelException::class, TimeoutException::class, NackedException::class, ReturnedException::class, PublishFailedException::class, RetryLater::class] as $class) {
    $e = new $class("custom $class", 7, new LogicException('cause'));
    $back = unserialize(serialize($e));
    printf("%s: %s, code %d, previous %s, line %d, RuntimeException %s, serialized back %s\n", get_class($e), $e->getMessage(), $e->getCode(),
        $e->getPrevious()->getMessage(), $e->getLine(), var_export($e instanceof RuntimeException, true), get_class($back) . ' ' . $back->getMessage());
}
$plain = new ReturnedException();
var_dump($plain->getMessage(), $plain->getCode(), $plain->getConfirmation(), $plain->getReplyText());
try { throw new RetryLater('thrown by userland'); } catch (NackedException $e) { echo get_class($e), " caught as NackedException\n"; }

// thrown by the extension: the getters carry the handle and the broker's reply
$p = publisher();
$r = $p->publish('', uniq('no-route'), 'x', [], true);
try {
    $waitLine = __LINE__ + 1;
    $r->wait(10);
} catch (ReturnedException $e) {
    printf("returned: code %d, reply text %s, confirmation is the message's: %s, line is the wait() call: %s, file: %s\n", $e->getCode(), $e->getReplyText(),
        var_export($e->getConfirmation()->messageId() === $r->messageId(), true), var_export($e->getLine() === $waitLine, true), basename($e->getFile()));
}
try {
    $p->declareQueue(uniq('missing'), ['passive' => true]);
} catch (ChannelException $e) {
    printf("channel: code %d, reply text starts %s\n", $e->getCode(), substr($e->getReplyText(), 0, 9));
}
$f = $p->publish(uniq('no-exchange'), 'k', 'x');
try {
    $f->wait(10);
} catch (PublishFailedException $e) {
    printf("failed: code %d, reply text starts %s, confirmation status %s\n", $e->getCode(), substr($e->getReplyText(), 0, 9), $e->getConfirmation()->status()->name);
}
$q = temp_queue($p, 'nack', ['x-max-length' => 0, 'x-overflow' => 'reject-publish']);
$n = $p->publish('', $q, 'x');
try {
    $n->wait(10);
} catch (NackedException $e) {
    printf("nacked: confirmation %s, same id %s\n", $e->getConfirmation()->status()->name, var_export($e->getConfirmation()->messageId() === $n->messageId(), true));
}
?>
--EXPECTF--
AmqpConfirm\Exception: custom AmqpConfirm\Exception, code 7, previous cause, line %d, RuntimeException true, serialized back AmqpConfirm\Exception custom AmqpConfirm\Exception
AmqpConfirm\ConnectionException: custom AmqpConfirm\ConnectionException, code 7, previous cause, line %d, RuntimeException true, serialized back AmqpConfirm\ConnectionException custom AmqpConfirm\ConnectionException
AmqpConfirm\ChannelException: custom AmqpConfirm\ChannelException, code 7, previous cause, line %d, RuntimeException true, serialized back AmqpConfirm\ChannelException custom AmqpConfirm\ChannelException
AmqpConfirm\TimeoutException: custom AmqpConfirm\TimeoutException, code 7, previous cause, line %d, RuntimeException true, serialized back AmqpConfirm\TimeoutException custom AmqpConfirm\TimeoutException
AmqpConfirm\NackedException: custom AmqpConfirm\NackedException, code 7, previous cause, line %d, RuntimeException true, serialized back AmqpConfirm\NackedException custom AmqpConfirm\NackedException
AmqpConfirm\ReturnedException: custom AmqpConfirm\ReturnedException, code 7, previous cause, line %d, RuntimeException true, serialized back AmqpConfirm\ReturnedException custom AmqpConfirm\ReturnedException
AmqpConfirm\PublishFailedException: custom AmqpConfirm\PublishFailedException, code 7, previous cause, line %d, RuntimeException true, serialized back AmqpConfirm\PublishFailedException custom AmqpConfirm\PublishFailedException
RetryLater: custom RetryLater, code 7, previous cause, line %d, RuntimeException true, serialized back RetryLater custom RetryLater
string(0) ""
int(0)
NULL
string(0) ""
RetryLater caught as NackedException
returned: code 312, reply text NO_ROUTE, confirmation is the message's: true, line is the wait() call: true, file: 061-exceptions-are-php-exceptions.php
channel: code 404, reply text starts NOT_FOUND
failed: code 404, reply text starts NOT_FOUND, confirmation status Failed
nacked: confirmation Nacked, same id true
