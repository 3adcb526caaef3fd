<?php
// Writes bench/RESULTS.md and bench/chart.png from bench/results.json. Included by bench.php, or run alone.

$data = json_decode(file_get_contents(__DIR__ . '/results.json'), true);
[$s, $w5, $rounds] = [$data['summary'], $data['w5'], $data['rounds']];
$fmt = fn(float $v, int $d = 0) => number_format($v, $d, '.', '');
$ratio = fn(?float $a, ?float $b) => ($a && $b) ? $fmt($a / $b, 2) . 'x' : '-';
$version = fn(string $cmd) => trim((string) shell_exec($cmd));
$md = "# Benchmark results\n\nWritten by `bench/run.sh` from one run on " . ($data['date'] ?? gmdate('Y-m-d H:i')) . " UTC: every workload with every client, interleaved "
    . "(A B C D, A B C D...) and repeated $rounds times; each figure is the median. CPU is user + system time of the client process "
    . "(getrusage / /proc, runtime and I/O threads included) divided by messages. RabbitMQ runs on the same machine, so client and broker share its cores.\n\n"
    . "Machine: " . $version('nproc') . " cores, " . $version("free -g | awk '/Mem:/ {print \$2}'") . " GiB, " . $version('uname -sr') . ". "
    . "PHP " . PHP_VERSION . "; RabbitMQ " . $version("rabbitmqctl -q version 2>/dev/null") . "; php-amqp " . phpversion('amqp') . "; php-amqplib "
    . $version("dpkg-query -W -f='\${Version}' php-amqplib") . "; lapin 4.12 (the native client; the extension publishes with its own engine and uses lapin only for topology).\n\n"
    . "Command: `bench/run.sh` (persistent 100-byte messages to a durable classic queue unless said otherwise).\n\n";
$clients = ['amqp_confirm', 'php-amqp', 'php-amqplib', 'native lapin'];
foreach ($s as $name => $by) {
    if ($name === 'W6') {
        $md .= "## W6 (the cost of the publish call itself, with confirms on and not waited for; RSS during a 1M-message run, confirms collected in windows of 5000)\n\n"
            . "| client | publish call p50 us | p99 us | RSS after 100k MB | RSS after 1M MB | 1M vs 100k |\n|---|---|---|---|---|---|\n";
        foreach ($clients as $c) {
            if (!isset($by[$c])) continue;
            $e = $by[$c]['extra'];
            $md .= "| $c | {$fmt($e['publish_p50_us'] ?? 0, 2)} | {$fmt($e['publish_p99_us'] ?? 0, 2)} | {$fmt(($e['rss_100k_kb'] ?? 0) / 1024, 1)} | {$fmt(($e['rss_1m_kb'] ?? 0) / 1024, 1)} | " . $ratio($e['rss_1m_kb'] ?? null, $e['rss_100k_kb'] ?? null) . " |\n";
        }
        $md .= "\nFor native lapin the publish call is `basic_publish(...).await`, which returns once the frames are written.\n\n";
        continue;
    }
    $md .= "## $name\n\n| client | msg/s | client CPU us/msg | peak RSS MB | p50 us | p99 us | every outcome known | msg/s vs php-amqp | msg/s vs native | CPU vs php-amqp |\n|---|---|---|---|---|---|---|---|---|---|\n";
    foreach ($clients as $c) {
        if (!isset($by[$c])) continue;
        $x = $by[$c];
        $md .= "| $c | {$fmt($x['rate'])} | {$fmt($x['cpu_us'], 2)} | {$fmt($x['rss_mb'], 1)} | " . ($x['p50'] ? $fmt($x['p50']) : '-') . ' | ' . ($x['p99'] ? $fmt($x['p99']) : '-')
            . ' | ' . ($x['all_acked'] ? 'all acked' : 'NOT all acked') . ' | ' . $ratio($x['rate'], $by['php-amqp']['rate'] ?? null) . ' | ' . $ratio($x['rate'], $by['native lapin']['rate'] ?? null)
            . ' | ' . $ratio($x['cpu_us'], $by['php-amqp']['cpu_us'] ?? null) . " |\n";
        foreach ($x['extra'] as $k => $v) $md .= "\n$c `$k`: " . $fmt($v, str_ends_with($k, '_us') ? 2 : 0) . "\n";
    }
    $md .= "\n";
}
$md .= "## W5 (php-fpm, 4 workers, behind nginx; wrk, 5 s per point; requests/s, each request publishes one persistent message and waits for its confirm)\n\n| endpoint | c=1 | c=4 | c=16 |\n|---|---|---|---|\n";
foreach ($w5 as $name => $byConc) {
    $md .= "| $name | " . implode(' | ', array_map(fn($c) => $fmt($byConc[$c] ?? 0), [1, 4, 16])) . " |\n";
}
$fp = $data['footprint'] ?? [];
if ($fp) {
    $md .= "\n## Footprint (one PHP CLI process, one connected publisher, one confirmed publish; minus the same `php -n` without the extension; median of the runs)\n\n| client | RSS added | threads added | each run, kB |\n|---|---|---|---|\n";
    foreach ($fp as $name => $f) $md .= "| $name | " . $fmt($f['rss_kb'] / 1024, 2) . " MB | {$f['threads']} | " . implode(' ', $f['runs_kb']) . " |\n";
}
/** A table of variants with their rate and CPU, and both as ratios to the variant named `$base`. */
$ratios = function (array $summary, string $base, string $what, string $unit) use ($fmt, $ratio): string {
    $b = $summary[$base] ?? null;
    $out = "| $what | $unit/s | CPU us/$unit | $unit/s vs $base | CPU vs it |\n|---|---|---|---|---|\n";
    foreach ($summary as $name => $x) {
        $out .= "| $name | {$fmt($x['rate'])} | {$fmt($x['cpu_us'], 2)} | " . $ratio($x['rate'], $b['rate'] ?? null) . ' | ' . $ratio($x['cpu_us'], $b['cpu_us'] ?? null) . " |\n";
    }
    return $out;
};
$messenger = is_file(__DIR__ . '/messenger.json') ? json_decode(file_get_contents(__DIR__ . '/messenger.json'), true) : null;
if ($messenger) {
    $md .= "\n## Symfony Messenger: dispatching {$messenger['count']} messages (`bench/messenger.php`, run on {$messenger['date']} UTC; Debian's Messenger 5.4, PhpSerializer, one bus with SendMessageMiddleware, persistent messages to a durable classic queue; {$messenger['rounds']} interleaved rounds, medians)\n\n"
        . "Pipelined: every send returns at once and one flush at the end waits for all (what `FlushMiddleware` or `FlushSubscriber` does). The last row confirms nothing (Symfony's transport without `confirm_timeout`, its default), for reference.\n\n"
        . $ratios($messenger['summary'], 'Symfony AMQP, confirm_timeout', 'transport', 'msg');
}
$laravel = is_file(__DIR__ . '/laravel.json') ? json_decode(file_get_contents(__DIR__ . '/laravel.json'), true) : null;
if ($laravel) {
    $md .= "\n## Laravel: pushing {$laravel['count']} jobs (`bench/laravel.php`, run on {$laravel['date']} UTC; Debian's Laravel {$laravel['laravel']}, a job object per push, persistent messages to a durable classic queue; {$laravel['rounds']} interleaved rounds, medians)\n\n"
        . "The last row is php-amqp publishing the same payloads (Laravel's own, built by its queue base class) with `waitForConfirm()` after each: what a confirming driver on php-amqp does. Pipelined: every push returns at once and one flush waits for all (the service provider's, at the end of the request).\n\n"
        . $ratios($laravel['summary'], 'php-amqp, waitForConfirm after each', 'connection', 'job');
}
$get = fn(string $w, string $c, string $k) => $s[$w][$c][$k] ?? null;
$ours = fn(string $w, string $k) => $get($w, 'amqp_confirm', $k);
$amqp = fn(string $w, string $k) => $get($w, 'php-amqp', $k);
$native = fn(string $w, string $k) => $get($w, 'native lapin', $k);
$le = fn(?float $a, ?float $b, float $x) => $a !== null && $b !== null && $a <= $x * $b;
$ge = fn(?float $a, ?float $b) => $a !== null && $b !== null && $a >= $b;
$t = [];
$msgs = fn(string $w, float $x) => [$ge($ours($w, 'rate'), ($amqp($w, 'rate') ?? INF) * $x), $ratio($ours($w, 'rate'), $amqp($w, 'rate'))];
$cpu = fn(string $w, float $x) => [$le($ours($w, 'cpu_us'), $amqp($w, 'cpu_us'), $x), $ratio($ours($w, 'cpu_us'), $amqp($w, 'cpu_us'))];
$t[] = ['W1 msg/s >= 1.0x php-amqp', ...$msgs('W1', 1.0)];
$t[] = ['W1 client CPU/msg <= 1.0x php-amqp', ...$cpu('W1', 1.0)];
foreach (['W2', 'W4'] as $w) {
    $t[] = ["$w msg/s >= 1.1x php-amqp", ...$msgs($w, 1.1)];
    $t[] = ["$w client CPU/msg <= 0.5x php-amqp", ...$cpu($w, 0.5)];
}
$t[] = ['W3b (1 MiB bodies) msg/s >= 1.0x php-amqp', ...$msgs('W3b', 1.0)];
$t[] = ['W3b peak RSS <= max_in_flight_bytes (32 MiB) + 64 MB', ($ours('W3b', 'rss_mb') ?? INF) <= 96, $fmt($ours('W3b', 'rss_mb') ?? 0, 1) . ' MB'];
$t[] = ['W2 peak RSS <= 2x php-amqp', $le($ours('W2', 'rss_mb'), $amqp('W2', 'rss_mb'), 2), $ratio($ours('W2', 'rss_mb'), $amqp('W2', 'rss_mb'))];
if (isset($fp['amqp_confirm'])) {
    $t[] = ['footprint <= +3 MB RSS', $fp['amqp_confirm']['rss_kb'] <= 3 * 1024, $fmt($fp['amqp_confirm']['rss_kb'] / 1024, 2) . ' MB (php-amqp ' . $fmt(($fp['php-amqp']['rss_kb'] ?? 0) / 1024, 2) . ' MB)'];
    $t[] = ['footprint <= 2 threads (PHP\'s own and the ones added)', $fp['amqp_confirm']['threads'] + 1 <= 2, (string) ($fp['amqp_confirm']['threads'] + 1)];
}
foreach ($w5 ? [1, 4, 16] : [] as $c) {
    $o = $w5['amqp_confirm (persistent)'][$c] ?? 0;
    $t[] = ["W5 c=$c req/s >= php-amqp with pconnect (keeps its lead)", $o > 0 && $o >= ($w5['php-amqp (pconnect)'][$c] ?? INF), $ratio($o, $w5['php-amqp (pconnect)'][$c] ?? null)];
}
$w6 = $s['W6']['amqp_confirm']['extra'] ?? [];
$t[] = ['publish() median < 1 us', ($w6['publish_p50_us'] ?? INF) < 1, $fmt($w6['publish_p50_us'] ?? 0, 2) . ' us'];
$t[] = ['RSS after 1M within 10% of after 100k', ($w6['rss_1m_kb'] ?? INF) <= 1.1 * ($w6['rss_100k_kb'] ?? 0), $ratio($w6['rss_1m_kb'] ?? null, $w6['rss_100k_kb'] ?? null)];
if ($messenger) {
    $wait = $messenger['summary']['amqp-confirm, wait']['rate'] ?? null;
    $sym = $messenger['summary']['Symfony AMQP, confirm_timeout']['rate'] ?? null;
    $t[] = ['Messenger wait mode msg/s >= 1.0x Symfony AMQP with confirm_timeout', $ge($wait, $sym), $ratio($wait, $sym)];
}
$md .= "\n## Targets (ratios from this run)\n\n| target | met | measured |\n|---|---|---|\n";
foreach ($t as [$what, $ok, $v]) $md .= "| $what | " . ($ok ? 'yes' : '**no**') . " | $v |\n";
$md .= "\n![W2 throughput and CPU per message](chart.png)\n";
if (is_file(__DIR__ . '/ANALYSIS.md')) $md .= "\n" . file_get_contents(__DIR__ . '/ANALYSIS.md');
file_put_contents(__DIR__ . '/RESULTS.md', $md);

$dat = '';
foreach ($clients as $i => $c) if (isset($s['W2'][$c])) $dat .= sprintf("%d \"%s\" %.0f %.2f\n", $i, $c, $s['W2'][$c]['rate'], $s['W2'][$c]['cpu_us']);
file_put_contents(__DIR__ . '/chart.dat', $dat);
$plot = "set terminal pngcairo size 900,420 noenhanced\nset output '" . __DIR__ . "/chart.png'\nset multiplot layout 1,2 title 'W2: publish 50k persistent 100-byte messages, learn every outcome (median of $rounds)'\n"
    . "set style fill solid 0.8\nset boxwidth 0.6\nset grid ytics\nset yrange [0:*]\nset xtics rotate by -20\nunset key\n"
    . "set title 'messages per second (higher is better)'\nplot '" . __DIR__ . "/chart.dat' using 1:3:xtic(2) with boxes lc rgb '#3b7dd8'\n"
    . "set title 'client CPU us per message (lower is better)'\nplot '" . __DIR__ . "/chart.dat' using 1:4:xtic(2) with boxes lc rgb '#d8703b'\nunset multiplot\n";
file_put_contents(__DIR__ . '/chart.gp', $plot);
shell_exec('gnuplot ' . escapeshellarg(__DIR__ . '/chart.gp') . ' 2>&1');
@unlink(__DIR__ . '/chart.gp');
@unlink(__DIR__ . '/chart.dat');
echo "wrote bench/RESULTS.md and bench/chart.png\n";
