--TEST--
php-fpm with the broker unreachable: a request end does not wait for it (the line says so) and does not drain a publisher the request did not use; the message's later failure is logged by a later request end; requests to a healthy broker are unaffected
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'fpmdown');
$proxy = proxy_start(120);
$script = sys_get_temp_dir() . '/' . uniq('endpoint') . '.php';
file_put_contents($script, <<<'PHP'
<?php
if ($_GET['via'] === 'proxy') {
    $p = new AmqpConfirm\Publisher($_GET['uri'], ['persistent' => true, 'reconnect_attempts' => 3, 'reconnect_backoff' => [0.2, 0.5], 'connect_timeout' => 1]);
} else {
    $p = new AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:5672/%2f', ['persistent' => true]);
}
if (!empty($_GET['until_down'])) {
    for ($i = 0; $i < 200 && $p->isConnected(); $i++) usleep(50000);
}
if (!empty($_GET['id'])) {
    $c = $p->publish('', $_GET['q'], 'x', ['message_id' => $_GET['id']]);
    if (empty($_GET['nowait'])) $c->wait(10);
    echo $c->status()->value;
}
echo ' ', $p->isConnected() ? 'connected' : 'disconnected';
PHP);
// drain_timeout 60: a request end that waited for the unreachable broker would run past the test's time limit
$fpm = fpm_start(['pm.max_children' => 1, 'pm.max_requests' => 1000, 'php_admin_value[amqp_confirm.drain_timeout]' => '60']);
$log = fn() => @file_get_contents($fpm['dir'] . '/php-error.log') ?: '';
echo "via proxy: ", fpm_request($fpm, $script, ['via' => 'proxy', 'uri' => $proxy['uri'], 'q' => $q, 'id' => 'up-1']), "\n";
proxy_mode($proxy, 'down');
echo "broker unreachable: ", fpm_request($fpm, $script, ['via' => 'proxy', 'uri' => $proxy['uri'], 'q' => $q, 'id' => 'down-1', 'nowait' => 1, 'until_down' => 1]), "\n";
echo "logged: ", preg_match("/message down-1 \\(exchange '', routing key '[^']+'\\) still unconfirmed at request end without waiting: the broker is unreachable/", $log()) ? 'yes' : "no:\n" . $log(), "\n";
$before = substr_count($log(), 'down-1');
echo "healthy broker: ", fpm_request($fpm, $script, ['via' => 'direct', 'q' => $q, 'id' => 'direct-1']), "\n";
echo "the unreachable publisher was not drained by a request that did not use it: ", substr_count($log(), 'still unconfirmed') === 1 ? 'yes' : 'no', "\n";
// the reconnection attempts run out; a later request end logs the failure nobody looked at
$failed = false;
for ($i = 0; $i < 100 && !$failed; $i++) {
    usleep(200000);
    fpm_request($fpm, $script, ['via' => 'direct', 'q' => $q]);
    $failed = (bool) preg_match("/message down-1 \\(exchange '', routing key '[^']+'\\) was failed \\(.*\\), and no code looked at its outcome \\(at request end\\)/", $log());
}
echo "its failure logged later: ", $failed ? 'yes' : "no:\n" . $log(), "\n";
proxy_mode($proxy, 'up');
echo "broker back: ", fpm_request($fpm, $script, ['via' => 'proxy', 'uri' => $proxy['uri'], 'q' => $q, 'id' => 'up-2']), "\n";
fpm_stop($fpm);
proxy_stop($proxy);
unlink($script);
echo "in the queue: ", implode(',', array_map(fn($m) => $m->getMessageId(), read_back($q))), "\n";
?>
--EXPECT--
via proxy: acked connected
broker unreachable: pending disconnected
logged: yes
healthy broker: acked connected
the unreachable publisher was not drained by a request that did not use it: yes
its failure logged later: yes
broker back: acked connected
in the queue: up-1,direct-1,up-2
