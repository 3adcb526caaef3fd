<?php

use Amp\Loop;
use AmqpConfirm\Amp\Confirmations;
use AmqpConfirm\{NackedException, PublishFailedException, Publisher, ReturnedException};
use PHPUnit\Framework\TestCase;

/** Against the local broker (AMQP_URI, else 127.0.0.1:5672): every promise settles exactly once, and the loop ends. */
final class ConfirmationsTest extends TestCase
{
    private Publisher $publisher;
    private string $ok;
    private string $full;

    protected function setUp(): void
    {
        $this->publisher = new Publisher(getenv('AMQP_URI') ?: 'amqp://guest:guest@127.0.0.1:5672/%2f', ['reconnect_backoff' => [0.05, 0.5]]);
        $suffix = getmypid() . '.' . bin2hex(random_bytes(4));
        $this->ok = "phpunit.amp.ok.$suffix";
        $this->full = "phpunit.amp.full.$suffix";
        $this->publisher->declareQueue($this->ok, ['arguments' => ['x-expires' => 60000]]);
        $this->publisher->declareQueue($this->full, ['arguments' => ['x-expires' => 60000, 'x-max-length' => 0, 'x-overflow' => 'reject-publish']]);
    }

    /** Publishes 10000 messages with mixed outcomes inside Loop::run() and counts how each promise ended. */
    private function run10k(?callable $midway = null, bool $oneId = false): array
    {
        $adapter = new Confirmations($this->publisher);
        $ended = ['acked' => 0, NackedException::class => 0, ReturnedException::class => 0, PublishFailedException::class => 0, 'other' => 0];
        $times = [];
        Loop::run(function () use ($adapter, $midway, $oneId, &$ended, &$times) {
            for ($i = 0; $i < 10000; $i++) {
                [$queue, $mandatory] = match ($i % 10) { 3 => [$this->full, false], 7 => ['nobody.' . getmypid(), true], default => [$this->ok, false] };
                $promise = $adapter->publish('', $queue, "m$i", ['message_id' => $oneId ? 'amp-one-id' : "amp-$i"], $mandatory);
                $promise->onResolve(function (?Throwable $e) use ($i, &$ended, &$times) {
                    $times[$i] = ($times[$i] ?? 0) + 1;
                    $ended[$e === null ? 'acked' : (isset($ended[get_class($e)]) ? get_class($e) : 'other')]++;
                });
                if ($i === 5000 && $midway) $midway();
            }
            $missing = $adapter->publish('no.such.exchange.' . getmypid(), 'k', 'x', ['message_id' => 'amp-missing-exchange']);
            $missing->onResolve(function (?Throwable $e) use (&$ended, &$times) {
                $times['missing'] = 1;
                $ended[$e instanceof PublishFailedException ? PublishFailedException::class : 'other']++;
            });
            // a guard: the loop must end by itself well before this, once every promise settled
            Loop::unreference(Loop::delay(60000, fn() => Loop::stop()));
        });
        $adapter->close();
        return [$ended, $times, $adapter->pending()];
    }

    public function testEveryPromiseSettlesExactlyOnceAndTheLoopEndsByItself(): void
    {
        [$ended, $times, $pending] = $this->run10k();
        $this->assertSame(['acked' => 8000, NackedException::class => 1000, ReturnedException::class => 1000, PublishFailedException::class => 1, 'other' => 0], $ended);
        $this->assertCount(10001, $times);
        $this->assertSame([1], array_values(array_unique($times)));
        $this->assertSame(0, $pending);
    }

    public function testMessagesSharingOneIdEachGetTheirOwnOutcome(): void
    {
        // the adapter keys promises by handle, not by the user's message id
        [$ended, $times, $pending] = $this->run10k(null, true);
        $this->assertSame(['acked' => 8000, NackedException::class => 1000, ReturnedException::class => 1000, PublishFailedException::class => 1, 'other' => 0], $ended);
        $this->assertSame([1], array_values(array_unique($times)));
        $this->assertSame(0, $pending);
    }

    public function testAConnectionLostMidwayLosesNoOutcome(): void
    {
        $name = 'phpunit amp ' . getmypid() . ' ' . bin2hex(random_bytes(4));
        $this->publisher = new Publisher(getenv('AMQP_URI') ?: 'amqp://guest:guest@127.0.0.1:5672/%2f', ['connection_name' => $name, 'reconnect_backoff' => [0.05, 0.5], 'max_attempts' => 5]);
        [$ended, $times] = $this->run10k(function () use ($name) {
            exec('rabbitmqctl -q list_connections pid client_properties 2>/dev/null', $lines);
            foreach ($lines as $line) {
                if (str_contains($line, $name) && preg_match('/^(<[^>]+>)/', $line, $m)) exec('rabbitmqctl -q close_connection ' . escapeshellarg($m[1]) . ' phpunit');
            }
        });
        $this->assertCount(10001, $times);
        $this->assertSame([1], array_values(array_unique($times)));
        $this->assertSame(10001, array_sum($ended));
        $this->assertSame(0, $ended['other']);
        $this->assertGreaterThanOrEqual(1, $this->publisher->stats()['reconnects']);
    }

    protected function tearDown(): void
    {
        $this->publisher->deleteQueue($this->ok);
        $this->publisher->deleteQueue($this->full);
    }
}
