--TEST--
A publisher destroyed with messages in flight waits up to drain_timeout, then logs each one still unconfirmed (nothing dropped silently)
--INI--
amqp_confirm.drain_timeout=0.3
log_errors=1
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$log = tempnam(sys_get_temp_dir(), 'drainlog');
ini_set('error_log', $log);
$p = publisher();
$q = temp_queue($p, 'destroy');
$p->publish('', $q, 'settled before')->wait(5);
memory_alarm_on();
try {
    $p->publish('', $q, 'a', ['message_id' => 'held-1']);
    $p->publish('', $q, 'b', ['message_id' => 'held-2']);
    unset($p);
} finally {
    memory_alarm_off();
}
$lines = array_values(array_filter(file($log), fn($l) => str_contains($l, 'amqp_confirm:')));
echo count($lines), " lines\n";
foreach ($lines as $l) echo preg_replace('/^\[[^]]+\] /', '', str_replace($q, 'QUEUE', $l));
unlink($log);
?>
--CLEAN--
<?php
require __DIR__ . '/helpers/common.inc';
memory_alarm_off();
?>
--EXPECT--
2 lines
amqp_confirm: message held-1 (exchange '', routing key 'QUEUE') still unconfirmed when its Publisher was destroyed after 0.300 s (amqp_confirm.drain_timeout); its outcome is unknown
amqp_confirm: message held-2 (exchange '', routing key 'QUEUE') still unconfirmed when its Publisher was destroyed after 0.300 s (amqp_confirm.drain_timeout); its outcome is unknown
