--TEST--
phpinfo() / php --ri: version, lapin version, runtime state, open publishers (never the password; blocked state shown), totals, ini settings
--INI--
; outcomes this test leaves unobserved are logged (php-tests/070 checks those lines)
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
function info(): string
{
    ob_start();
    (new ReflectionExtension('amqp_confirm'))->info();
    return ob_get_clean();
}
$before = info();
echo preg_match('/^version => \d+\.\d+\.\d+$/m', $before) ? "version shown\n" : $before;
echo preg_match('/^lapin version => 4\.\d+\.\d+$/m', $before) ? "lapin version shown\n" : $before;
echo str_contains($before, 'runtime started in this process => no') ? "runtime not started yet\n" : $before;
$name = uniq('info');
$p = new AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:5672/%2f', ['connection_name' => "$name\0x"]);
$q = temp_queue($p, 'info');
$p->publish('', $q, 'a')->wait(5);
$p->publish('', uniq('none'), 'b', [], true);
$p->waitAll(5);
$after = info();
echo str_contains($after, 'runtime started in this process => yes (pid ' . getmypid() . ')') ? "runtime started in this process\n" : $after;
echo str_contains($after, "amqp://guest@127.0.0.1:5672/%2f, name \"$name\\0x\": connected to 127.0.0.1:5672") ? "publisher listed with host, vhost and name\n" : $after;
echo str_contains($after, ':guest@') ? "PASSWORD SHOWN\n" : "no password\n";
echo preg_match('/^messages published => (\d+)$/m', $after, $m) && $m[1] >= 2 ? "totals counted\n" : $after;
echo preg_match('/^messages returned => [1-9]/m', $after) ? "returned counted\n" : $after;
echo str_contains($after, 'amqp_confirm.drain_timeout => 5 => 5') ? "ini settings shown\n" : $after;
memory_alarm_on();
try {
    $p->publish('', $q, 'held');
    usleep(300000);
    echo str_contains(info(), 'connected to 127.0.0.1:5672, blocked by the broker: low on memory') ? "blocked state shown\n" : info();
} finally {
    memory_alarm_off();
}
$p->close(10);
echo str_contains(info(), "name \"$name\\0x\": not connected (last node 127.0.0.1:5672)") ? "closed publisher shown as not connected\n" : info();
?>
--CLEAN--
<?php
require __DIR__ . '/helpers/common.inc';
memory_alarm_off();
?>
--EXPECT--
version shown
lapin version shown
runtime not started yet
runtime started in this process
publisher listed with host, vhost and name
no password
totals counted
returned counted
ini settings shown
blocked state shown
closed publisher shown as not connected
