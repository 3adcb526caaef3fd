--TEST--
Nothing fails unobserved: a returned, nacked or failed message that no code looked at is logged with its id, exchange, routing key and reason (while publishing when its handle is gone, else when the publisher ends); one that code looked at is not; mandatory is on by default
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$log = sys_get_temp_dir() . '/' . uniq('log');
ini_set('error_log', $log);
$p = publisher();
$q = temp_queue($p, 'obs');
$full = temp_queue($p, 'full', ['x-max-length' => 0, 'x-overflow' => 'reject-publish']);

// a mistyped routing key: mandatory by default, so returned, not acked and dropped
$typo = $p->publish('', $q . '-typo', 'x', ['message_id' => 'typo-1']);
try { $typo->wait(10); } catch (AmqpConfirm\ReturnedException $e) { echo "default mandatory: returned ", $e->getCode(), "\n"; }

// fire and forget: the handle is dropped at once; the next publish logs what it finds settled and unobserved
$p->publish('', $full, 'x', ['message_id' => 'nacked-1']);
$p->publish('', $q . '-nowhere', 'x', ['message_id' => 'returned-1']);
$p->waitAll(10);
$p->publish('', $q, 'x', ['message_id' => 'ok-1'])->wait(10);
$lines = file($log, FILE_IGNORE_NEW_LINES) ?: [];
echo "while publishing:\n";
foreach ($lines as $l) echo preg_replace('/^\[[^\]]*\] (PHP Warning:  )?/', '', $l), "\n";

// kept and looked at: not logged; kept and never looked at: logged when the publisher ends
$seen = $p->publish('', $full, 'x', ['message_id' => 'seen-1']);
$kept = $p->publish('', $full, 'x', ['message_id' => 'kept-1']);
$p->waitAll(10);
echo "seen: ", $seen->status()->value, "\n";
unset($p);
$lines = array_slice(file($log, FILE_IGNORE_NEW_LINES) ?: [], count($lines));
echo "when destroyed:\n";
foreach ($lines as $l) echo preg_replace('/^\[[^\]]*\] (PHP Warning:  )?/', '', $l), "\n";

// a missing exchange, then exit without waiting: logged at the end of the script
$child = <<<'PHP'
$p = new AmqpConfirm\Publisher(getenv('AMQP_CONFIRM_URI') ?: 'amqp://guest:guest@127.0.0.1:5672/%2f');
$p->publish('no-such-exchange-' . getmypid(), 'rk', 'x', ['message_id' => 'lost-1']);
PHP;
$out = shell_exec(escapeshellarg(PHP_BINARY) . ' -n -d extension=' . escapeshellarg(ext_so()) . ' -d error_log= -r ' . escapeshellarg($child) . ' 2>&1');
echo "exit without waiting: ", preg_replace(['/no-such-exchange-\d+/', '/^\s*PHP Warning:\s*/m'], ['no-such-exchange-N', ''], trim($out)), "\n";
unlink($log);
?>
--EXPECTF--
default mandatory: returned 312
while publishing:
amqp_confirm: message nacked-1 (exchange '', routing key 'phpt.full.%s') was nacked by the broker, and no code looked at its outcome (found while publishing)
amqp_confirm: message returned-1 (exchange '', routing key 'phpt.obs.%s-nowhere') was returned by the broker (312 NO_ROUTE), and no code looked at its outcome (found while publishing)
seen: nacked
when destroyed:
amqp_confirm: message kept-1 (exchange '', routing key 'phpt.full.%s') was nacked by the broker, and no code looked at its outcome (when its Publisher was destroyed)
exit without waiting: amqp_confirm: message lost-1 (exchange 'no-such-exchange-N', routing key 'rk') was failed (404 NOT_FOUND - no exchange 'no-such-exchange-N' in vhost '/'), and no code looked at its outcome (when its Publisher was destroyed)
