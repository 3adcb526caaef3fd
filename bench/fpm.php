<?php
// W5: an endpoint that publishes one confirmed message per request and waits for it, in php-fpm behind nginx,
// driven by wrk at several concurrencies. Included by bench.php; returns [endpoint => [concurrency => req/s]].

$dir = sys_get_temp_dir() . '/amqp_confirm-bench-' . getmypid();
@mkdir("$dir/www", 0777, true);
$queue = 'bench.w5.' . getmypid();
$admin->declareQueue($queue, ['arguments' => ['x-expires' => 600000]]);
$uri = 'amqp://guest:guest@127.0.0.1:5672/%2f';
$endpoints = [
    'amqp_confirm (persistent)' => "\$p = new AmqpConfirm\\Publisher('$uri', ['persistent' => true]);\n\$p->publish('', '$queue', 'w5')->wait(10);",
    'php-amqp (pconnect)' => "\$c = new AMQPConnection(['host' => '127.0.0.1', 'login' => 'guest', 'password' => 'guest']);\n\$c->pconnect();\n\$ch = new AMQPChannel(\$c);\n\$ch->confirmSelect();\n(new AMQPExchange(\$ch))->publish('w5', '$queue', AMQP_NOPARAM, ['delivery_mode' => 2]);\n\$ch->waitForConfirm(10);",
    'php-amqp (connect)' => "\$c = new AMQPConnection(['host' => '127.0.0.1', 'login' => 'guest', 'password' => 'guest']);\n\$c->connect();\n\$ch = new AMQPChannel(\$c);\n\$ch->confirmSelect();\n(new AMQPExchange(\$ch))->publish('w5', '$queue', AMQP_NOPARAM, ['delivery_mode' => 2]);\n\$ch->waitForConfirm(10);\n\$c->disconnect();",
    'php-amqplib' => "require_once '/usr/share/php/PhpAmqpLib/autoload.php';\n\$c = new PhpAmqpLib\\Connection\\AMQPStreamConnection('127.0.0.1', 5672, 'guest', 'guest');\n\$ch = \$c->channel();\n\$ch->confirm_select();\n\$ch->basic_publish(new PhpAmqpLib\\Message\\AMQPMessage('w5', ['delivery_mode' => 2]), '', '$queue');\n\$ch->wait_for_pending_acks(10);\n\$ch->close();\n\$c->close();",
];
$files = [];
foreach ($endpoints as $name => $code) {
    $file = preg_replace('/\W+/', '_', $name) . '.php';
    file_put_contents("$dir/www/$file", "<?php\n$code\necho 'ok';\n");
    $files[$name] = $file;
}
$free = function (): int {
    $s = stream_socket_server('tcp://127.0.0.1:0');
    $port = (int) substr(strrchr(stream_socket_get_name($s, false), ':'), 1);
    fclose($s);
    return $port;
};
[$fpmPort, $httpPort] = [$free(), $free()];
file_put_contents("$dir/fpm.conf", "[global]\npid = $dir/fpm.pid\nerror_log = $dir/fpm.log\ndaemonize = no\n[bench]\nlisten = 127.0.0.1:$fpmPort\nlisten.backlog = 1024\npm = static\npm.max_children = 4\n");
file_put_contents("$dir/nginx.conf", "daemon off;\nworker_processes 1;\npid $dir/nginx.pid;\nerror_log $dir/nginx-error.log;\nevents { worker_connections 1024; }\nhttp {\n  access_log off;\n  client_body_temp_path $dir; fastcgi_temp_path $dir; proxy_temp_path $dir; uwsgi_temp_path $dir; scgi_temp_path $dir;\n  server {\n    listen 127.0.0.1:$httpPort;\n    location ~ \\.php\$ {\n      include /etc/nginx/fastcgi_params;\n      fastcgi_param SCRIPT_FILENAME $dir/www\$fastcgi_script_name;\n      fastcgi_pass 127.0.0.1:$fpmPort;\n      fastcgi_keep_conn on;\n    }\n  }\n}\n");
$null = [1 => ['file', '/dev/null', 'w'], 2 => ['file', "$dir/stderr.log", 'a']];
$fpm = proc_open(['php-fpm8.2', '-F', '-R', '-y', "$dir/fpm.conf", '-d', "extension=$ext"], $null, $p1);
$nginx = proc_open(['nginx', '-p', $dir, '-c', "$dir/nginx.conf"], $null, $p2);
for ($i = 0; $i < 100 && !@fsockopen('127.0.0.1', $httpPort, $e, $s, 0.1); $i++) usleep(50000);
usleep(300000);
$results = [];
for ($r = 1; $r <= $rounds; $r++) {
    foreach ([1, 4, 16] as $conc) {
        foreach ($files as $name => $file) {
            $url = "http://127.0.0.1:$httpPort/$file";
            $threads = min(2, $conc);
            shell_exec("wrk -t1 -c$conc -d1s " . escapeshellarg($url) . ' 2>&1');
            $out = (string) shell_exec("wrk -t$threads -c$conc -d5s " . escapeshellarg($url) . ' 2>&1');
            $rps = preg_match('/Requests\/sec:\s+([\d.]+)/', $out, $m) ? (float) $m[1] : 0.0;
            $bad = preg_match('/Non-2xx or 3xx responses:\s+(\d+)/', $out, $m) ? (int) $m[1] : 0;
            $results[$name][$conc][] = $rps;
            fprintf(STDERR, "round %d W5   %-26s c=%-2d %8.0f req/s%s\n", $r, $name, $conc, $rps, $bad ? " ($bad errors)" : '');
        }
    }
}
proc_terminate($nginx, 15);
proc_terminate($fpm, 15);
proc_close($nginx);
proc_close($fpm);
$admin->deleteQueue($queue);
shell_exec('rm -rf ' . escapeshellarg($dir));
return array_map(fn($byConc) => array_map(fn($v) => median($v), $byConc), $results);
