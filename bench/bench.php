<?php
// Runs every workload with every client against the local broker, interleaved (A B C D, A B C D...) and repeated,
// then writes bench/RESULTS.md and bench/chart.png with medians and ratios. Started by bench/run.sh.
//   php -d extension=target/release/libamqp_confirm.so bench/bench.php [rounds]

require __DIR__ . '/measure.php';

$root = dirname(__DIR__);
$ext = "$root/target/release/libamqp_confirm.so";
$native = "$root/bench/native/target/release/native-bench";
$rounds = (int) ($argv[1] ?? 3);
// the same window for both lapin-based clients: at most WINDOW messages unconfirmed (lapin's multiple-ack handling
// scans every pending tag, so a larger window costs more per message)
const WINDOW = 1000;
$only = isset($argv[2]) ? explode(',', $argv[2]) : null;
$clients = ['amqp_confirm', 'php-amqp', 'php-amqplib', 'native lapin'];
$workloads = [
    'W1' => ['title' => 'publish one, wait for its confirm, repeat', 'count' => 2000, 'size' => 100, 'mode' => 'w1'],
    'W2' => ['title' => 'publish 50k, learn the outcome of every message', 'count' => 50000, 'size' => 100, 'mode' => 'w2'],
    'W3a' => ['title' => 'as W2 with 4 KiB bodies', 'count' => 50000, 'size' => 4096, 'mode' => 'w2'],
    'W3b' => ['title' => 'as W2 with 1 MiB bodies', 'count' => 300, 'size' => 1048576, 'mode' => 'w2'],
    'W4' => ['title' => 'as W2 to a quorum queue', 'count' => 50000, 'size' => 100, 'mode' => 'w2', 'quorum' => true],
    'W6' => ['title' => 'cost of the publish call itself; RSS after 100k and 1M messages', 'count' => 50000, 'size' => 100, 'mode' => 'w6', 'long' => true],
];
$admin = new AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:5672/%2f', ['confirm_timeout' => 60]);

function run_client(string $client, array $w, string $queue): ?array
{
    global $ext, $native, $root;
    $cmd = match ($client) {
        'native lapin' => [$native, $w['mode'], $queue, (string) $w['count'], (string) $w['size'], (string) WINDOW],
        'amqp_confirm' => ['php', '-d', "extension=$ext", "$root/bench/client.php", $client, $w['mode'], $queue, (string) $w['count'], (string) $w['size'], (string) WINDOW],
        default => ['php', "$root/bench/client.php", $client, $w['mode'], $queue, (string) $w['count'], (string) $w['size']],
    };
    return run_json($cmd, $client);
}

$raw = [];
for ($r = 1; $r <= $rounds; $r++) {
    foreach ($workloads as $name => $w) {
        if ($only !== null && !in_array($name, $only, true)) continue;
        foreach ($clients as $client) {
            if (isset($w['only']) && !in_array($client, $w['only'], true)) continue;
            $queue = "bench.$name." . getmypid() . ".$r." . preg_replace('/\W/', '', $client);
            $args = ['x-expires' => 600000] + (!empty($w['quorum']) ? ['x-queue-type' => 'quorum'] : []);
            $admin->declareQueue($queue, ['arguments' => $args]);
            if (!empty($w['long'])) {
                $admin->declareQueue("$queue.long", ['arguments' => ['x-max-length' => 1000, 'x-expires' => 600000]]);
            }
            $res = run_client($client, $w, $queue);
            $admin->deleteQueue($queue);
            if (!empty($w['long'])) {
                $admin->deleteQueue("$queue.long");
            }
            if ($res === null) continue;
            $raw[$name][$client][] = $res;
            fprintf(STDERR, "round %d %-4s %-13s %8.0f msg/s %7.2f us cpu/msg%s\n", $r, $name, $client, $res['messages'] / max($res['seconds'], 1e-9),
                $res['cpu'] / $res['messages'] * 1e6, $res['acked'] === $res['messages'] ? '' : "  (acked {$res['acked']} of {$res['messages']})");
        }
    }
}

// Footprint: one process, one connected publisher, one confirmed publish; minus the same PHP without the extension
$footprint = [];
if ($only === null || in_array('FP', $only, true)) {
    $fpQueue = 'bench.footprint.' . getmypid();
    $admin->declareQueue($fpQueue, ['arguments' => ['x-expires' => 600000]]);
    $fpRuns = ['none' => [], 'amqp_confirm' => [], 'none (php-amqp)' => [], 'php-amqp' => []];
    for ($r = 1; $r <= max(5, $rounds); $r++) {
        foreach ([['none', ['php', '-n']], ['amqp_confirm', ['php', '-n', '-d', "extension=$ext"]], ['none (php-amqp)', ['php', '-n']], ['php-amqp', ['php', '-n', '-d', 'extension=amqp']]] as [$name, $php]) {
            $client = str_starts_with($name, 'none') ? 'none' : $name;
            $out = shell_exec(implode(' ', array_map('escapeshellarg', [...$php, __DIR__ . '/footprint.php', $client, $fpQueue])) . ' 2>&1');
            $j = json_decode(trim((string) strrchr("\n" . trim((string) $out), "\n")), true);
            if (is_array($j)) $fpRuns[$name][] = $j;
        }
    }
    $admin->deleteQueue($fpQueue);
    foreach (['amqp_confirm' => 'none', 'php-amqp' => 'none (php-amqp)'] as $name => $base) {
        $footprint[$name] = [
            'rss_kb' => median(array_column($fpRuns[$name], 'rss_kb')) - median(array_column($fpRuns[$base], 'rss_kb')),
            'threads' => median(array_column($fpRuns[$name], 'threads')) - median(array_column($fpRuns[$base], 'threads')),
            'runs_kb' => array_map(fn($x, $y) => $x['rss_kb'] - $y['rss_kb'], $fpRuns[$name], $fpRuns[$base]),
        ];
        fprintf(STDERR, "footprint %-13s +%d kB, +%d threads\n", $name, $footprint[$name]['rss_kb'], $footprint[$name]['threads']);
    }
}

// W5: php-fpm behind nginx, one confirmed message per request, driven by wrk
$w5 = ($only === null || in_array('W5', $only, true)) ? require __DIR__ . '/fpm.php' : [];

$summary = [];
foreach ($raw as $name => $byClient) {
    foreach ($byClient as $client => $runs) {
        $summary[$name][$client] = [
            'rate' => median(array_map(fn($x) => $x['messages'] / $x['seconds'], $runs)),
            'cpu_us' => median(array_map(fn($x) => $x['cpu'] / $x['messages'] * 1e6, $runs)),
            'rss_mb' => median(array_map(fn($x) => $x['peak_rss_kb'] / 1024, $runs)),
            'p50' => median(array_column($runs, 'p50_us')),
            'p99' => median(array_column($runs, 'p99_us')),
            'all_acked' => array_sum(array_column($runs, 'acked')) === array_sum(array_column($runs, 'messages')),
            'extra' => array_map(fn($k) => median(array_column($runs, $k)), array_combine($k = array_keys(array_diff_key($runs[0], array_flip(['messages', 'acked', 'other', 'seconds', 'cpu', 'peak_rss_kb', 'p50_us', 'p99_us']))), $k)),
        ];
    }
}
file_put_contents(__DIR__ . '/results.json', json_encode(['summary' => $summary, 'w5' => $w5, 'footprint' => $footprint, 'rounds' => $rounds, 'date' => gmdate('Y-m-d H:i')], JSON_PRETTY_PRINT));
require __DIR__ . '/report.php';
