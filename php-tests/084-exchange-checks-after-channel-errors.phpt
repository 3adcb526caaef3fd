--TEST--
Exchange checks keep working after the confirm channel was closed and reopened; a message to a missing exchange with a long non-ASCII name fails (RabbitMQ 3.x cuts the 404's text inside a character, which is read; 4.x cannot encode that text and drops the connection, which is re-made until max_attempts) while a wait for it is under way, and the publisher goes on
--INI--
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher(['confirm_timeout' => 10]);
$q = temp_queue($p, 'checks');
$outcome = function (AmqpConfirm\Confirmation $c): string {
    try {
        $c->wait(10);
        return $c->status()->value;
    } catch (AmqpConfirm\PublishFailedException $e) {
        return $c->status()->value . ' ' . $e->getCode();
    }
};
// checked on the probe channel: fails alone, never written
echo "missing: ", $outcome($p->publish(uniq('missing'), 'k', 'x')), "\n";
// amq.* is never checked: the broker closes the confirm channel over it, and it is reopened
echo "unchecked amq.*: ", $outcome($p->publish('amq.' . bin2hex(random_bytes(4)), 'k', 'x')), "\n";
// the next check runs on the reopened channel; 120 two-byte characters make a reply text over 255 bytes
$long = $p->publish(str_repeat('é', 120), 'k', 'x');
echo "long non-ASCII name: ", explode(' ', $outcome($long))[0], "\n";
echo "beside them: ", $outcome($p->publish('', $q, 'ok')), "\n";
echo "connected: ", var_export($p->isConnected(), true), "\n";
?>
--EXPECT--
missing: failed 404
unchecked amq.*: failed 404
long non-ASCII name: failed
beside them: acked
connected: true
