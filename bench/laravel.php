<?php
// Laravel: 10k jobs pushed through the amqp-confirm connection, per push (wait), pipelined (one flush at the end, as
// the service provider does when the request ends) and bulk(), beside php-amqp publishing the same payloads with
// waitForConfirm() after each (what a confirming driver on php-amqp does). One process per run, the variants
// interleaved and repeated; medians to bench/laravel.json (bench/report.php puts them in RESULTS.md).
//   php -d extension=target/release/libamqp_confirm.so bench/laravel.php [rounds]          (the driver)
//   php -d extension=... bench/laravel.php run <variant> <queue> <count>                   (one run, one JSON line)
// CPU is getrusage() user + system of the whole process around the pushes (the connection is made by one push before).

const VARIANTS = ['amqp-confirm, wait', 'amqp-confirm, pipelined', 'amqp-confirm, bulk', 'php-amqp, waitForConfirm after each'];
const COUNT = 10000;

require __DIR__ . '/measure.php';

/** A job as applications queue them. */
final class ProcessPodcast
{
    public function __construct(public int $podcast) {}
}

/** One run: pushes $count jobs with the variant; prints one JSON line. */
function run(string $variant, string $queue, int $count): void
{
    require_once '/usr/share/php/Illuminate/autoload.php';
    require_once dirname(__DIR__) . '/laravel/autoload.php';
    $container = new Illuminate\Container\Container();
    if (str_starts_with($variant, 'php-amqp')) {
        // the payload Laravel's queue makes for the job, built by the same base class, published by php-amqp
        $payloads = new class extends Illuminate\Queue\Queue {
            public function make($job, $queue) { return $this->createPayload($job, $queue); }
        };
        $payloads->setContainer($container);
        $connection = new AMQPConnection(['host' => '127.0.0.1', 'login' => 'guest', 'password' => 'guest']);
        $connection->connect();
        $channel = new AMQPChannel($connection);
        $channel->confirmSelect();
        $acked = 0;
        // waitForConfirm() returns when a callback returns false: here at the job's ack (a nack or a return throws)
        $channel->setConfirmCallback(function () use (&$acked) { $acked++; return false; }, fn() => throw new RuntimeException('nacked'));
        $channel->setReturnCallback(fn() => throw new RuntimeException('returned'));
        $exchange = new AMQPExchange($channel);
        $push = function ($job) use ($payloads, $exchange, $channel, $queue) {
            $exchange->publish($payloads->make($job, $queue), $queue, AMQP_MANDATORY, ['delivery_mode' => 2, 'content_type' => 'application/json']);
            $channel->waitForConfirm(10);
        };
        $push(new ProcessPodcast(0));
        [$cpu0, $t0] = [cpu(), hrtime(true)];
        for ($i = 1; $i <= $count; $i++) $push(new ProcessPodcast($i));
    } else {
        $mode = $variant === 'amqp-confirm, pipelined' ? 'pipelined' : 'wait';
        $laravel = new AmqpConfirm\Laravel\AmqpConfirmQueue(AmqpConfirm\Laravel\Config::from(['queue' => $queue, 'mode' => $mode, 'declare' => false]));
        $laravel->setContainer($container);
        $laravel->push(new ProcessPodcast(0));
        $laravel->flush();
        [$cpu0, $t0] = [cpu(), hrtime(true)];
        if ($variant === 'amqp-confirm, bulk') {
            $laravel->bulk(array_map(fn($i) => new ProcessPodcast($i), range(1, $count)));
        } else {
            for ($i = 1; $i <= $count; $i++) $laravel->push(new ProcessPodcast($i));
            $laravel->flush(); // pipelined: the one wait (the service provider's, at the end of the request)
        }
    }
    echo json_encode(['messages' => $count, 'seconds' => (hrtime(true) - $t0) / 1e9, 'cpu' => cpu() - $cpu0]), "\n";
}

if (($argv[1] ?? '') === 'run') {
    run($argv[2], $argv[3], (int) $argv[4]);
    exit;
}

$rounds = (int) ($argv[1] ?? 3);
$ext = dirname(__DIR__) . '/target/release/libamqp_confirm.so';
$admin = new AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:5672/%2f', ['confirm_timeout' => 60]);
$raw = [];
for ($r = 1; $r <= $rounds; $r++) {
    foreach (VARIANTS as $v) {
        $queue = 'bench.laravel.' . getmypid() . ".$r." . preg_replace('/\W/', '', $v);
        $admin->declareQueue($queue, ['arguments' => ['x-expires' => 600000]]);
        $j = run_json(['php', '-d', "extension=$ext", __FILE__, 'run', $v, $queue, (string) COUNT], $v);
        $depth = $admin->deleteQueue($queue);
        if ($j === null) continue;
        if ($depth !== COUNT + 1) {
            fwrite(STDERR, "  $v: the queue held $depth jobs, not " . (COUNT + 1) . "\n");
            continue;
        }
        $raw[$v][] = $j;
        fprintf(STDERR, "round %d laravel %-38s %8.0f jobs/s %7.2f us cpu/job\n", $r, $v, $j['messages'] / $j['seconds'], $j['cpu'] / $j['messages'] * 1e6);
    }
}
$summary = summarize($raw);
file_put_contents(__DIR__ . '/laravel.json', json_encode(['summary' => $summary, 'rounds' => $rounds, 'count' => COUNT,
    'laravel' => trim((string) shell_exec("dpkg-query -W -f='\${Version}' php-laravel-framework")), 'date' => gmdate('Y-m-d H:i')], JSON_PRETTY_PRINT));
echo "wrote bench/laravel.json\n";
