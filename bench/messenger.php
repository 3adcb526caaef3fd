<?php
// Symfony Messenger dispatching 10k messages through a SendMessageMiddleware bus, one process per run, the
// variants interleaved and repeated; medians to bench/messenger.json (bench/report.php puts them in RESULTS.md).
//   php -d extension=target/release/libamqp_confirm.so bench/messenger.php [rounds]          (the driver)
//   php -d extension=... bench/messenger.php run <variant> <exchange> <queue> <count>        (one run, one JSON line)
// CPU is getrusage() user + system of the whole process (the extension's runtime thread included), around the
// dispatches only (the connection and the topology are set up by one dispatch before).

use AmqpConfirm\Symfony\Messenger\AmqpConfirmTransportFactory;
use Symfony\Component\Messenger\Bridge\Amqp\Transport\AmqpTransportFactory;
use Symfony\Component\Messenger\MessageBus;
use Symfony\Component\Messenger\Middleware\SendMessageMiddleware;
use Symfony\Component\Messenger\Transport\Sender\SendersLocator;
use Symfony\Component\Messenger\Transport\Serialization\PhpSerializer;

const VARIANTS = [
    'Symfony AMQP, confirm_timeout' => ['amqp://guest:guest@127.0.0.1:5672/%2f', ['confirm_timeout' => 30]],
    'amqp-confirm, wait' => ['amqp-confirm://guest:guest@127.0.0.1:5672/%2f', ['confirm_mode' => 'wait']],
    'amqp-confirm, pipelined' => ['amqp-confirm://guest:guest@127.0.0.1:5672/%2f', ['confirm_mode' => 'pipelined']],
    'Symfony AMQP, no confirms (reference)' => ['amqp://guest:guest@127.0.0.1:5672/%2f', []],
];
const COUNT = 10000;

require __DIR__ . '/measure.php';

/** A message as an application dispatches it. */
final class OrderPlaced
{
    public function __construct(public string $id, public array $lines) {}
}

/** One run: dispatches $count messages through a bus to the variant's transport; prints one JSON line. */
function run(string $variant, string $exchange, string $queue, int $count): void
{
    foreach (['Messenger', 'Messenger/Bridge/Amqp'] as $c) require_once "/usr/share/php/Symfony/Component/$c/autoload.php";
    require_once dirname(__DIR__) . '/symfony-messenger/autoload.php';
    [$dsn, $options] = VARIANTS[$variant];
    $options += ['exchange' => ['name' => $exchange, 'type' => 'fanout'], 'queues' => [$queue => []]];
    $factory = str_starts_with($dsn, 'amqp-confirm') ? new AmqpConfirmTransportFactory() : new AmqpTransportFactory();
    $transport = $factory->createTransport($dsn, $options, new PhpSerializer());
    $senders = new class($transport) implements Psr\Container\ContainerInterface {
        public function __construct(private $t) {}
        public function get(string $id): mixed { return $this->t; }
        public function has(string $id): bool { return true; }
    };
    $bus = new MessageBus([new SendMessageMiddleware(new SendersLocator([OrderPlaced::class => ['t']], $senders))]);
    $flush = fn() => method_exists($transport, 'flush') ? $transport->flush() : null;
    $bus->dispatch(new OrderPlaced('warm-up', []));
    $flush();
    [$cpu0, $t0] = [cpu(), hrtime(true)];
    for ($i = 0; $i < $count; $i++) {
        $bus->dispatch(new OrderPlaced("order-$i", ['sku' => 'A-' . $i, 'quantity' => 1]));
    }
    $flush(); // pipelined: the one wait, as FlushMiddleware or FlushSubscriber would do it
    echo json_encode(['messages' => $count, 'seconds' => (hrtime(true) - $t0) / 1e9, 'cpu' => cpu() - $cpu0]), "\n";
}

if (($argv[1] ?? '') === 'run') {
    run($argv[2], $argv[3], $argv[4], (int) $argv[5]);
    exit;
}

$rounds = (int) ($argv[1] ?? 3);
$ext = dirname(__DIR__) . '/target/release/libamqp_confirm.so';
$admin = new AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:5672/%2f', ['confirm_timeout' => 60]);
$raw = [];
for ($r = 1; $r <= $rounds; $r++) {
    foreach (array_keys(VARIANTS) as $v) {
        $name = 'bench.messenger.' . getmypid() . ".$r." . preg_replace('/\W/', '', $v);
        $out = shell_exec(implode(' ', array_map('escapeshellarg', ['php', '-d', "extension=$ext", __FILE__, 'run', $v, $name, $name, (string) COUNT])) . ' 2>&1');
        $admin->deleteQueue($name);
        $admin->deleteExchange($name);
        $j = json_decode(trim((string) strrchr("\n" . trim((string) $out), "\n")), true);
        if (!is_array($j)) {
            fwrite(STDERR, "  $v failed: $out\n");
            continue;
        }
        $raw[$v][] = $j;
        fprintf(STDERR, "round %d messenger %-40s %8.0f msg/s %7.2f us cpu/msg\n", $r, $v, $j['messages'] / $j['seconds'], $j['cpu'] / $j['messages'] * 1e6);
    }
}
$summary = summarize($raw);
file_put_contents(__DIR__ . '/messenger.json', json_encode(['summary' => $summary, 'rounds' => $rounds, 'count' => COUNT, 'date' => gmdate('Y-m-d H:i')], JSON_PRETTY_PRINT));
echo "wrote bench/messenger.json\n";
