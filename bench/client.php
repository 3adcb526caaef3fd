<?php
// One benchmark run: php bench/client.php <client> <workload> <queue> <count> <body-bytes> [window]
// client: amqp_confirm | php-amqp | php-amqp-unconfirmed | php-amqplib; workload: w1 (publish, wait, repeat), w2 (publish N, learn
// every outcome), w6 (cost of publish() itself; RSS after 100k and 1M). Prints one JSON line.
// CPU is getrusage() user + system of the whole process (runtime threads included), around the work only.

// window: amqp_confirm's max_in_flight (the native client's window of concurrent publishes), for like-for-like runs
[, $client, $workload, $queue, $count, $size, $window] = $argv + [null, 'amqp_confirm', 'w2', 'bench', 50000, 100, 1000];
$count = (int) $count;
$body = str_repeat('x', (int) $size);
$port = (int) (getenv('BENCH_PORT') ?: 5672); // bench/latency.php points it at a delaying proxy

require __DIR__ . '/measure.php';

$latencies = [];
$acked = 0;
$extra = [];

switch ($client) {
    case 'amqp_confirm':
        $p = new AmqpConfirm\Publisher("amqp://guest:guest@127.0.0.1:$port/%2f", ['max_in_flight' => (int) $window]);
        $p->publish('', $queue, 'warm-up')->wait(10);
        [$cpu0, $t0] = [cpu(), hrtime(true)];
        if ($workload === 'w1') {
            for ($i = 0; $i < $count; $i++) {
                $t = hrtime(true);
                $p->publish('', $queue, $body)->wait(10);
                $latencies[] = (hrtime(true) - $t) / 1e3;
                $acked++;
            }
        } elseif ($workload === 'w6') {
            // memory over a long run first (handles dropped, transient messages), then the cost of publish()
            $m = new AmqpConfirm\Publisher("amqp://guest:guest@127.0.0.1:$port/%2f", ['max_in_flight' => 5000]);
            for ($i = 1; $i <= 1000000; $i++) {
                $m->publish('', "$queue.long", $body, ['delivery_mode' => 1]);
                if ($i === 100000) $extra['rss_100k_kb'] = rss_kb();
            }
            $m->waitAll(120);
            $extra['rss_1m_kb'] = rss_kb();
            $calls = [];
            $handles = [];
            for ($i = 0; $i < $count; $i++) {
                $t = hrtime(true);
                $handles[] = $p->publish('', $queue, $body);
                $calls[] = (hrtime(true) - $t) / 1e3;
            }
            $p->waitAll(120);
            $extra['publish_p50_us'] = percentile($calls, 0.5);
            $extra['publish_p99_us'] = percentile($calls, 0.99);
            $acked = $count;
        } else {
            $handles = [];
            for ($i = 0; $i < $count; $i++) $handles[] = $p->publish('', $queue, $body);
            $p->waitAll(300);
            foreach ($handles as $h) if ($h->status() === AmqpConfirm\Status::Acked) $acked++;
        }
        break;

    case 'php-amqp':
        $conn = new AMQPConnection(['host' => '127.0.0.1', 'port' => $port, 'login' => 'guest', 'password' => 'guest']);
        $conn->connect();
        $ch = new AMQPChannel($conn);
        $ch->confirmSelect();
        $ex = new AMQPExchange($ch);
        $attrs = ['delivery_mode' => 2];
        // per-tag outcome: 0 pending, 1 acked, -1 nacked; a multiple ack/nack settles every pending tag <= N
        $outcome = [];
        $pending = 0;
        $low = 1;
        $settle = function (int $tag, bool $multiple, int $result) use (&$outcome, &$pending, &$low): bool {
            $from = $multiple ? $low : $tag;
            for ($t = $from; $t <= $tag; $t++) {
                if (($outcome[$t] ?? 1) === 0) {
                    $outcome[$t] = $result;
                    $pending--;
                }
            }
            if ($multiple) $low = max($low, $tag + 1);
            return $pending > 0;
        };
        $ch->setConfirmCallback(
            fn($tag, $multiple) => $settle($tag, $multiple, 1),
            fn($tag, $multiple, $requeue) => $settle($tag, $multiple, -1)
        );
        $ex->publish('warm-up', $queue, AMQP_NOPARAM, $attrs);
        $outcome[1] = 0;
        $pending = 1;
        $ch->waitForConfirm(10);
        $tag = 1;
        $low = 2;
        [$cpu0, $t0] = [cpu(), hrtime(true)];
        if ($workload === 'w1') {
            for ($i = 0; $i < $count; $i++) {
                $t = hrtime(true);
                $ex->publish($body, $queue, AMQP_NOPARAM, $attrs);
                $outcome[++$tag] = 0;
                $pending++;
                $ch->waitForConfirm(10);
                $latencies[] = (hrtime(true) - $t) / 1e3;
            }
        } elseif ($workload === 'w6') {
            $calls = [];
            for ($i = 0; $i < $count; $i++) {
                $t = hrtime(true);
                $ex->publish($body, $queue, AMQP_NOPARAM, $attrs);
                $calls[] = (hrtime(true) - $t) / 1e3;
                $outcome[++$tag] = 0;
                $pending++;
            }
            while ($pending > 0) $ch->waitForConfirm(30);
            [$extra['publish_p50_us'], $extra['publish_p99_us']] = [percentile($calls, 0.5), percentile($calls, 0.99)];
            // the long run: outcomes of settled tags are dropped, confirms awaited every 5000 messages
            $transient = ['delivery_mode' => 1];
            for ($i = 1; $i <= 1000000; $i++) {
                $ex->publish($body, "$queue.long", AMQP_NOPARAM, $transient);
                $outcome[++$tag] = 0;
                $pending++;
                if ($i % 5000 === 0) {
                    while ($pending > 0) $ch->waitForConfirm(30);
                    $outcome = [];
                }
                if ($i === 100000) $extra['rss_100k_kb'] = rss_kb();
            }
            $extra['rss_1m_kb'] = rss_kb();
            $outcome = array_fill(2, $count, 1);
        } else {
            for ($i = 0; $i < $count; $i++) {
                $ex->publish($body, $queue, AMQP_NOPARAM, $attrs);
                $outcome[++$tag] = 0;
                $pending++;
            }
            while ($pending > 0) $ch->waitForConfirm(30);
        }
        unset($outcome[1]);
        $acked = count(array_filter($outcome, fn($v) => $v === 1));
        break;

    case 'php-amqp-unconfirmed':
        // the price of confirms: the same messages through php-amqp without confirm mode (nothing to learn); done
        // when the queue holds them all (a passive declare counts them, polled every millisecond, bounded), not
        // when the socket took the last one
        $conn = new AMQPConnection(['host' => '127.0.0.1', 'port' => $port, 'login' => 'guest', 'password' => 'guest']);
        $conn->connect();
        $ch = new AMQPChannel($conn);
        $ex = new AMQPExchange($ch);
        $q = new AMQPQueue($ch);
        $q->setName($queue);
        $q->setFlags(AMQP_PASSIVE);
        $attrs = ['delivery_mode' => 2];
        [$cpu0, $t0] = [cpu(), hrtime(true)];
        for ($i = 0; $i < $count; $i++) $ex->publish($body, $queue, AMQP_NOPARAM, $attrs);
        for ($polls = 0; $polls < 60000 && ($acked = $q->declareQueue()) < $count; $polls++) usleep(1000);
        break;

    case 'php-amqplib':
        require_once '/usr/share/php/PhpAmqpLib/autoload.php';
        $conn = new PhpAmqpLib\Connection\AMQPStreamConnection('127.0.0.1', $port, 'guest', 'guest');
        $ch = $conn->channel();
        $ch->confirm_select();
        $ok = 0;
        $ch->set_ack_handler(function ($msg) use (&$ok) { $ok++; });
        $ch->set_nack_handler(function ($msg) {});
        $make = fn() => new PhpAmqpLib\Message\AMQPMessage($body, ['delivery_mode' => 2]);
        $ch->basic_publish($make(), '', $queue);
        $ch->wait_for_pending_acks(10);
        $ok = 0;
        [$cpu0, $t0] = [cpu(), hrtime(true)];
        if ($workload === 'w1') {
            for ($i = 0; $i < $count; $i++) {
                $t = hrtime(true);
                $ch->basic_publish($make(), '', $queue);
                $ch->wait_for_pending_acks(10);
                $latencies[] = (hrtime(true) - $t) / 1e3;
            }
        } else {
            // one AMQPMessage per publish: the ack/nack handlers receive it, so each outcome is known
            $calls = [];
            for ($i = 0; $i < $count; $i++) {
                $t = hrtime(true);
                $ch->basic_publish($make(), '', $queue);
                $calls[] = (hrtime(true) - $t) / 1e3;
            }
            $ch->wait_for_pending_acks(300);
            if ($workload === 'w6') {
                [$extra['publish_p50_us'], $extra['publish_p99_us']] = [percentile($calls, 0.5), percentile($calls, 0.99)];
                for ($i = 1; $i <= 1000000; $i++) {
                    $ch->basic_publish(new PhpAmqpLib\Message\AMQPMessage($body, ['delivery_mode' => 1]), '', "$queue.long");
                    if ($i % 5000 === 0) $ch->wait_for_pending_acks(30);
                    if ($i === 100000) $extra['rss_100k_kb'] = rss_kb();
                }
                $ch->wait_for_pending_acks(30);
                $extra['rss_1m_kb'] = rss_kb();
                $ok = $count;
            }
        }
        $acked = $ok;
        break;

    default:
        fwrite(STDERR, "unknown client $client\n");
        exit(2);
}

$seconds = (hrtime(true) - $t0) / 1e9;
$cpu = cpu() - $cpu0;
echo json_encode([
    'messages' => $count,
    'acked' => $acked,
    'seconds' => $seconds,
    'cpu' => $cpu,
    'peak_rss_kb' => getrusage()['ru_maxrss'],
    'p50_us' => percentile($latencies, 0.5),
    'p99_us' => percentile($latencies, 0.99),
] + $extra), "\n";
