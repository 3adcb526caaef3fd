<?php

namespace AmqpConfirm\Amp;

use Amp\Deferred;
use Amp\Failure;
use Amp\Loop;
use Amp\Promise;
use Amp\Success;
use AmqpConfirm\Confirmation;
use AmqpConfirm\Publisher;

/**
 * Turns a publisher's confirmations into amp v2 promises. One readable watcher on the publisher's settled stream
 * resolves them as the broker answers; the watcher is disabled while nothing is pending, so Loop::run() can end.
 * A promise resolves with the Confirmation when the message was acked and fails with the exception
 * Confirmation::wait() would throw otherwise (NackedException, ReturnedException, PublishFailedException).
 */
final class Confirmations
{
    private string $watcher;

    /** @var array<int, list<array{Confirmation, Deferred}>> pending promises by handle (a message's handle is one object) */
    private array $pending = [];

    public function __construct(private Publisher $publisher)
    {
        $this->watcher = Loop::onReadable($publisher->settledStream(), fn() => $this->collect());
        Loop::disable($this->watcher);
    }

    /** A promise for the outcome of a message this adapter's publisher published. */
    public function promise(Confirmation $confirmation): Promise
    {
        if ($confirmation->isSettled()) {
            return self::settled($confirmation);
        }
        $deferred = new Deferred();
        $this->pending[spl_object_id($confirmation)][] = [$confirmation, $deferred];
        Loop::enable($this->watcher);
        return $deferred->promise();
    }

    /** Publishes and returns the promise of the message's outcome (arguments as Publisher::publish()). */
    public function publish(string $exchange, string $routingKey, string $body, ?array $properties = null, bool $mandatory = true): Promise
    {
        return $this->promise($this->publisher->publish($exchange, $routingKey, $body, $properties, $mandatory));
    }

    /** How many promises wait for an answer. */
    public function pending(): int
    {
        return array_sum(array_map('count', $this->pending));
    }

    /** Stops watching the stream (pending promises stay pending). */
    public function close(): void
    {
        Loop::cancel($this->watcher);
    }

    private function collect(): void
    {
        foreach ($this->publisher->collectSettled() as $settled) {
            $id = spl_object_id($settled);
            foreach ($this->pending[$id] ?? [] as [$confirmation, $deferred]) {
                $this->resolve($confirmation, $deferred);
            }
            unset($this->pending[$id]);
        }
        if ($this->pending === []) {
            Loop::disable($this->watcher);
        }
    }

    private function resolve(Confirmation $confirmation, Deferred $deferred): void
    {
        try {
            $confirmation->wait(0);
            $deferred->resolve($confirmation);
        } catch (\Throwable $e) {
            $deferred->fail($e);
        }
    }

    private static function settled(Confirmation $confirmation): Promise
    {
        try {
            $confirmation->wait(0);
            return new Success($confirmation);
        } catch (\Throwable $e) {
            return new Failure($e);
        }
    }
}
