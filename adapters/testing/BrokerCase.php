<?php

namespace AmqpConfirm\Adapters\Testing;

use AmqpConfirm\{NackedException, PublishFailedException, Publisher, ReturnedException};
use PHPUnit\Framework\TestCase;

/**
 * What the adapters' suites share (test code only, not part of any package): a publisher on the local broker
 * (AMQP_URI, else 127.0.0.1:5672), a queue that acks and a full one that nacks (reject-publish), the routing of the
 * mixed-outcome runs, and closing the publisher's connection from the broker's side midway.
 */
abstract class BrokerCase extends TestCase
{
    protected Publisher $publisher;
    protected string $ok;
    protected string $full;

    protected function setUp(): void
    {
        $this->publisher = self::publisherNamed(null);
        $suffix = getmypid() . '.' . bin2hex(random_bytes(4));
        $this->ok = "phpunit.adapter.ok.$suffix";
        $this->full = "phpunit.adapter.full.$suffix";
        $this->publisher->declareQueue($this->ok, ['arguments' => ['x-expires' => 60000]]);
        $this->publisher->declareQueue($this->full, ['arguments' => ['x-expires' => 60000, 'x-max-length' => 0, 'x-overflow' => 'reject-publish']]);
    }

    /** A publisher on the test broker that reconnects quickly, with a connection name when one is given. */
    protected static function publisherNamed(?string $name): Publisher
    {
        $options = ['reconnect_backoff' => [0.05, 0.5]] + ($name === null ? [] : ['connection_name' => $name, 'max_attempts' => 5]);
        return new Publisher(getenv('AMQP_URI') ?: 'amqp://guest:guest@127.0.0.1:5672/%2f', $options);
    }

    /** Where message $i goes: 1 in 10 to the full queue (nacked), 1 in 10 nowhere (returned), the rest acked. */
    protected function route(int $i): array
    {
        return match ($i % 10) { 3 => [$this->full, false], 7 => ['nobody.' . getmypid(), true], default => [$this->ok, false] };
    }

    /** Closes, from the broker's side, the connections named $name. */
    protected static function closeConnectionNamed(string $name): void
    {
        exec('rabbitmqctl -q list_connections pid client_properties 2>/dev/null', $lines);
        foreach ($lines as $line) {
            if (str_contains($line, $name) && preg_match('/^(<[^>]+>)/', $line, $m)) {
                exec('rabbitmqctl -q close_connection ' . escapeshellarg($m[1]) . ' phpunit');
            }
        }
    }

    /** The outcome counts a run starts from: by exception class, 'acked', and 'other' for anything unexpected. */
    protected static function noOutcomes(): array
    {
        return ['acked' => 0, NackedException::class => 0, ReturnedException::class => 0, PublishFailedException::class => 0, 'other' => 0];
    }

    /** A mixed run of 10000 (route()) and one message to a missing exchange: each ended once, as routed. */
    protected function assertMixedRun(array $ended, array $times, int $pending): void
    {
        $this->assertSame(['acked' => 8000, NackedException::class => 1000, ReturnedException::class => 1000, PublishFailedException::class => 1, 'other' => 0], $ended);
        $this->assertCount(10001, $times);
        $this->assertSame([1], array_values(array_unique($times)));
        $this->assertSame(0, $pending);
    }

    /** A mixed run with the connection closed midway: every message ended exactly once, none unexpectedly. */
    protected function assertEveryOutcomeOnce(array $ended, array $times): void
    {
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
