<?php
// The publishing engine against php-amqp (issue 18's workloads), interleaved, medians, ratios:
//   php -d extension=target/release/libamqp_confirm.so bench/engine.php [rounds] [window,...]
// Clients: this extension, php-amqp with confirms, and php-amqp without them (the price of confirms). Persistent 100 B messages to a durable queue (W4: a quorum queue);
// W1: publish one, wait, repeat (2000); W2/W4: publish 50k, learn every outcome. CPU is getrusage() of the whole
// client process around the work (bench/measure.php). Prints a markdown table on stdout.

require __DIR__ . '/measure.php';

$root = dirname(__DIR__);
$ext = "$root/target/release/libamqp_confirm.so";
$rounds = (int) ($argv[1] ?? 3);
$windows = array_map('intval', explode(',', $argv[2] ?? '1000,100000'));
$workloads = ['W1' => ['w1', 2000, false], 'W2' => ['w2', 50000, false], 'W4' => ['w2', 50000, true]];
$clients = [
    'amqp_confirm' => fn(int $window) => ['php', '-d', "extension=$ext", "$root/bench/client.php", 'amqp_confirm', '%mode', '%queue', '%count', '100', (string) $window],
    'php-amqp' => fn() => ['php', "$root/bench/client.php", 'php-amqp', '%mode', '%queue', '%count', '100'],
    'php-amqp unconfirmed' => fn() => ['php', "$root/bench/client.php", 'php-amqp-unconfirmed', '%mode', '%queue', '%count', '100'],
];
$admin = new AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:5672/%2f', ['confirm_timeout' => 60]);

$raw = [];
for ($r = 1; $r <= $rounds; $r++) {
    foreach ($workloads as $name => [$mode, $count, $quorum]) {
        foreach ($windows as $window) {
            foreach ($clients as $client => $command) {
                if ($mode === 'w1' && $client === 'php-amqp unconfirmed') continue;
                if ($client !== 'amqp_confirm' && $window !== $windows[0]) continue;
                $queue = "bench.engine.$name." . getmypid() . ".$r." . preg_replace('/\W/', '', $client) . ".$window";
                $admin->declareQueue($queue, ['arguments' => ['x-expires' => 600000] + ($quorum ? ['x-queue-type' => 'quorum'] : [])]);
                $cmd = array_map(fn($a) => strtr($a, ['%mode' => $mode, '%queue' => $queue, '%count' => (string) $count]), $command($window));
                $res = run_json($cmd, $client);
                $admin->deleteQueue($queue);
                if ($res === null || $res['acked'] !== $count) continue;
                $key = str_starts_with($client, 'php-amqp') ? $client : "$client, window $window";
                $raw[$name][$key][] = ['rate' => $res['messages'] / $res['seconds'], 'cpu_us' => $res['cpu'] / $res['messages'] * 1e6, 'p50' => $res['p50_us']];
                fprintf(STDERR, "round %d %s %-28s %8.0f msg/s %6.2f us CPU/msg\n", $r, $name, $key, end($raw[$name][$key])['rate'], end($raw[$name][$key])['cpu_us']);
            }
        }
    }
}

echo "| workload | client | msg/s (median of $rounds) | x php-amqp | CPU us/msg | x php-amqp | x php-amqp unconfirmed msg/s |\n|---|---|---|---|---|---|---|\n";
foreach ($raw as $name => $byClient) {
    $med = fn(string $c, string $k) => isset($byClient[$c]) ? median(array_column($byClient[$c], $k)) : null;
    $baseRate = $med('php-amqp', 'rate');
    $baseCpu = $med('php-amqp', 'cpu_us');
    $plain = $med('php-amqp unconfirmed', 'rate');
    foreach (array_keys($byClient) as $c) {
        [$rate, $cpu] = [$med($c, 'rate'), $med($c, 'cpu_us')];
        printf("| %s | %s | %.0f | %.2f | %.2f | %.2f | %s |\n", $name, $c, $rate, $rate / $baseRate, $cpu, $cpu / $baseCpu, $plain ? sprintf('%.2f', $rate / $plain) : '-');
    }
}
