<?php
// What the benchmark scripts measure with: CPU time of this process, its RSS, percentiles and medians.

/** User + system CPU seconds of the whole process (runtime and I/O threads included). */
function cpu(): float
{
    $r = getrusage();
    return $r['ru_utime.tv_sec'] + $r['ru_utime.tv_usec'] / 1e6 + $r['ru_stime.tv_sec'] + $r['ru_stime.tv_usec'] / 1e6;
}

/** This process's resident set, kB. */
function rss_kb(): int
{
    preg_match('/VmRSS:\s+(\d+)/', file_get_contents('/proc/self/status'), $m);
    return (int) $m[1];
}

function percentile(array $v, float $p): float
{
    if (!$v) return 0.0;
    sort($v);
    return $v[min(count($v) - 1, (int) (count($v) * $p))];
}

function median(array $v): float
{
    sort($v);
    $n = count($v);
    return $n === 0 ? 0.0 : ($n % 2 ? $v[intdiv($n, 2)] : ($v[$n / 2 - 1] + $v[$n / 2]) / 2);
}

/** Runs one benchmark client and returns the JSON line it prints last, or null (its output goes to stderr). */
function run_json(array $cmd, string $name): ?array
{
    $proc = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    proc_close($proc);
    $result = json_decode(trim((string) strrchr("\n" . trim($out), "\n")), true);
    if (!is_array($result)) {
        fwrite(STDERR, "  $name failed: " . trim($out . $err) . "\n");
        return null;
    }
    return $result;
}

/** Medians of runs (one JSON line each: messages, seconds, cpu) by variant: msg/s, CPU us per message, runs. */
function summarize(array $raw): array
{
    $summary = [];
    foreach ($raw as $variant => $runs) {
        $summary[$variant] = ['rate' => median(array_map(fn($x) => $x['messages'] / $x['seconds'], $runs)),
            'cpu_us' => median(array_map(fn($x) => $x['cpu'] / $x['messages'] * 1e6, $runs)), 'runs' => count($runs)];
    }
    return $summary;
}
