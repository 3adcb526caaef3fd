<?php
// Issue 18's slow link: W2 through a proxy that delays each direction (bench/delay_proxy.php; this kernel has no
// netem), against the same client on loopback and through the proxy with no delay (the proxy's own cost).
//   php -d extension=target/release/libamqp_confirm.so bench/latency.php [rounds] [one-way-ms]
// Clients: this extension (max_in_flight 1000 and 100000), php-amqp waiting per batch (W2) and per message (W1).
// Interleaved, medians; prints a markdown table on stdout.

require __DIR__ . '/measure.php';

$root = dirname(__DIR__);
$ext = "$root/target/release/libamqp_confirm.so";
$rounds = (int) ($argv[1] ?? 3);
$oneWay = (int) ($argv[2] ?? 25);
$admin = new AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:5672/%2f', ['confirm_timeout' => 60]);

$free = function (): int {
    $s = stream_socket_server('tcp://127.0.0.1:0');
    $port = (int) substr(strrchr(stream_socket_get_name($s, false), ':'), 1);
    fclose($s);
    return $port;
};
$proxies = [];
$links = ['loopback' => 5672];
foreach (['proxy, 0 ms' => 0, "proxy, $oneWay ms each way" => $oneWay] as $name => $ms) {
    $port = $free();
    $proxies[] = proc_open(['php', "$root/bench/delay_proxy.php", (string) $port, (string) $ms], [], $pipes);
    for ($i = 0; $i < 100 && !@fsockopen('127.0.0.1', $port, $e, $s, 0.1); $i++) usleep(50000);
    $links[$name] = $port;
}
$clients = [
    'amqp_confirm, window 1000, W2' => ['php', '-d', "extension=$ext", "$root/bench/client.php", 'amqp_confirm', 'w2', '%queue', '50000', '100', '1000'],
    'amqp_confirm, window 100000, W2' => ['php', '-d', "extension=$ext", "$root/bench/client.php", 'amqp_confirm', 'w2', '%queue', '50000', '100', '100000'],
    'php-amqp, per batch (W2)' => ['php', "$root/bench/client.php", 'php-amqp', 'w2', '%queue', '50000', '100'],
    'php-amqp, per message (W1)' => ['php', "$root/bench/client.php", 'php-amqp', 'w1', '%queue', '%small', '100'],
];

$raw = [];
for ($r = 1; $r <= $rounds; $r++) {
    foreach ($clients as $client => $command) {
        foreach ($links as $link => $port) {
            $queue = "bench.latency." . getmypid() . ".$r." . preg_replace('/\W/', '', "$client.$link");
            $admin->declareQueue($queue, ['arguments' => ['x-expires' => 600000]]);
            $small = $link === "proxy, $oneWay ms each way" ? '100' : '2000';
            $cmd = array_map(fn($a) => strtr($a, ['%queue' => $queue, '%small' => $small]), $command);
            putenv("BENCH_PORT=$port");
            $res = run_json($cmd, $client);
            putenv('BENCH_PORT');
            $admin->deleteQueue($queue);
            if ($res === null || $res['acked'] !== $res['messages']) continue;
            $raw[$client][$link][] = $res['messages'] / $res['seconds'];
            fprintf(STDERR, "round %d %-32s %-22s %8.0f msg/s\n", $r, $client, $link, end($raw[$client][$link]));
        }
    }
}
foreach ($proxies as $proxy) {
    proc_terminate($proxy);
    proc_close($proxy);
}

$names = array_keys($links);
echo "| client | " . implode(' | ', array_map(fn($l) => "$l msg/s", $names)) . " | delayed / loopback | delayed / proxy 0 ms |\n";
echo '|---|' . str_repeat('---|', count($names) + 2) . "\n";
foreach ($raw as $client => $byLink) {
    $med = array_map(fn($l) => isset($byLink[$l]) ? median($byLink[$l]) : null, $names);
    [$loop, $zero, $slow] = $med;
    printf("| %s | %s | %s | %s |\n", $client, implode(' | ', array_map(fn($m) => $m === null ? '-' : sprintf('%.0f', $m), $med)),
        $loop && $slow ? sprintf('%.2f', $slow / $loop) : '-', $zero && $slow ? sprintf('%.2f', $slow / $zero) : '-');
}
