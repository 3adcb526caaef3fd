--TEST--
Wire engine: exchange checks keep working after the confirm channel was closed and reopened, and a 404 whose reply text the broker cut inside a character (a long non-ASCII exchange name) fails its message alone, without dropping the connection
--INI--
amqp_confirm.engine=wire
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
// the next check runs on the reopened connection state; 120 two-byte characters make a reply text over 255 bytes
echo "long non-ASCII name: ", $outcome($p->publish(str_repeat('é', 120), 'k', 'x')), "\n";
echo "beside them: ", $outcome($p->publish('', $q, 'ok')), "\n";
$s = $p->stats();
echo "reconnects: {$s['reconnects']}, connected: ", var_export($p->isConnected(), true), "\n";
?>
--EXPECT--
missing: failed 404
unchecked amq.*: failed 404
long non-ASCII name: failed 404
beside them: acked
reconnects: 0, connected: true
