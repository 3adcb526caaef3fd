--TEST--
Every property reaches a consumer unchanged (read back with php-amqplib; an absent property is null)
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'props');
$props = [
    'content_type' => 'application/json',
    'content_encoding' => 'gzip',
    'delivery_mode' => 1,
    'priority' => 7,
    'correlation_id' => 'corr-1',
    'reply_to' => 'replies',
    'expiration' => '60000',
    'message_id' => 'mid-1',
    'timestamp' => 1700000000,
    'type' => 'order.created',
    'user_id' => 'guest',
    'app_id' => 'phpt',
];
$p->publish('', $q, '{"a":1}', $props)->wait(10);
$p->publish('', $q, 'defaults')->wait(10);
$p->publish('', $q, 'int expiration', ['expiration' => 5000])->wait(10);
[$m, $d, $e] = read_back($q);
var_dump($m->getBody(), $m->getContentType(), $m->getContentEncoding(), $m->getDeliveryMode(), $m->getPriority(),
    $m->getCorrelationId(), $m->getReplyTo(), $m->getExpiration(), $m->getMessageId(), $m->getTimestamp(),
    $m->getType(), $m->getUserId(), $m->getAppId(), $m->getRoutingKey() === $q, $m->getExchangeName());
var_dump($d->getDeliveryMode(), $d->getContentType(), strlen($d->getMessageId()) > 0, $e->getExpiration());
?>
--EXPECT--
string(7) "{"a":1}"
string(16) "application/json"
string(4) "gzip"
int(1)
int(7)
string(6) "corr-1"
string(7) "replies"
string(5) "60000"
string(5) "mid-1"
int(1700000000)
string(13) "order.created"
string(5) "guest"
string(4) "phpt"
bool(true)
string(0) ""
int(2)
NULL
bool(true)
string(4) "5000"
