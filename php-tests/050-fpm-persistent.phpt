--TEST--
php-fpm: persistent publishers keep their connection across requests and worker recycling loses nothing; messages still unconfirmed at request end are logged with their id, exchange and routing key
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'fpm');
$script = sys_get_temp_dir() . '/' . uniq('endpoint') . '.php';
file_put_contents($script, <<<'PHP'
<?php
$p = new AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:5672/%2f', ['persistent' => true, 'connection_name' => 'phpt fpm']);
$c = $p->publish('', $_GET['q'], 'request', ['message_id' => $_GET['id']]);
if (empty($_GET['nowait'])) {
    $c->wait(10);
}
echo $c->status()->value, ' ', getmypid(), ' ', $p->stats()['published'], ' ', var_export($p->isPersistent(), true);
PHP);
$fpm = fpm_start(['pm.max_children' => 2, 'pm.max_requests' => 10, 'php_admin_value[amqp_confirm.drain_timeout]' => '1']);
$perPid = [];
$statuses = [];
for ($i = 0; $i < 50; $i++) {
    [$status, $pid, $published, $persistent] = explode(' ', fpm_request($fpm, $script, ['q' => $q, 'id' => "fpm-$i"])) + [null, null, null, null];
    $statuses[$status] = ($statuses[$status] ?? 0) + 1;
    $perPid[$pid] = max($perPid[$pid] ?? 0, (int) $published);
}
echo "responses: ", json_encode($statuses), "\n";
echo "workers used: ", count($perPid) >= 5 ? 'recycled (5 or more pids)' : count($perPid), "\n";
echo "connection reused across requests (published counter reaches 10 in one worker): ", var_export(max($perPid) === 10, true), "\n";
echo "queue depth: ", queue_depth($p, $q), "\n";
$log = @file_get_contents($fpm['dir'] . '/php-error.log') ?: '';
echo "unconfirmed lines logged while the broker was up: ", substr_count($log, 'still unconfirmed'), "\n";
// now the broker blocks publishers: a request that does not wait leaves its message unconfirmed at request end
memory_alarm_on();
try {
    echo "blocked request: ", explode(' ', fpm_request($fpm, $script, ['q' => $q, 'id' => 'fpm-blocked', 'nowait' => 1]))[0], "\n";
} finally {
    memory_alarm_off();
}
$log = @file_get_contents($fpm['dir'] . '/php-error.log') ?: '';
echo "logged: ", preg_match("/message fpm-blocked \\(exchange '', routing key '" . preg_quote($q, '/') . "'\\) still unconfirmed at request end/", $log) ? 'yes' : "no:\n$log", "\n";
fpm_stop($fpm);
unlink($script);
?>
--CLEAN--
<?php
require __DIR__ . '/helpers/common.inc';
memory_alarm_off();
?>
--EXPECT--
responses: {"acked":50}
workers used: recycled (5 or more pids)
connection reused across requests (published counter reaches 10 in one worker): true
queue depth: 50
unconfirmed lines logged while the broker was up: 0
blocked request: pending
logged: yes
