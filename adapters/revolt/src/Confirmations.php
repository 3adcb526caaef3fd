<?php

namespace AmqpConfirm\Revolt;

use AmqpConfirm\Confirmation;
use AmqpConfirm\Publisher;
use Revolt\EventLoop;

/**
 * Awaits a publisher's confirmations in the Revolt event loop (amp v3, and anything else on Revolt). One readable
 * watcher on the publisher's settled stream settles them as the broker answers; it is disabled while nothing is
 * pending, so EventLoop::run() can end. await() suspends the calling fiber (or runs the loop, from the main script)
 * and returns the Confirmation when the message was acked, or throws what Confirmation::wait() would throw
 * otherwise (NackedException, ReturnedException, PublishFailedException).
 */
final class Confirmations
{
    private string $watcher;

    /** @var array<int, list<array{Confirmation, \Closure}>> callbacks waiting for a handle (a message's handle is one object) */
    private array $pending = [];

    public function __construct(private Publisher $publisher)
    {
        $this->watcher = EventLoop::onReadable($publisher->settledStream(), fn() => $this->collect());
        EventLoop::disable($this->watcher);
    }

    /** Calls $callback(Confirmation $c, ?Throwable $failure) once, when the message is settled (at once if it is). */
    public function onSettled(Confirmation $confirmation, \Closure $callback): void
    {
        if ($confirmation->isSettled()) {
            self::call($confirmation, $callback);
            return;
        }
        $this->pending[spl_object_id($confirmation)][] = [$confirmation, $callback];
        EventLoop::enable($this->watcher);
    }

    /** Waits for the message's outcome without blocking the loop; returns the Confirmation when acked. */
    public function await(Confirmation $confirmation): Confirmation
    {
        if (!$confirmation->isSettled()) {
            // registered directly, never through onSettled(): the message may settle on the runtime's thread at any
            // moment, and a resume before suspend() is an error; collect() runs only once this fiber is suspended
            $suspension = EventLoop::getSuspension();
            $this->pending[spl_object_id($confirmation)][] = [$confirmation, fn() => $suspension->resume()];
            EventLoop::enable($this->watcher);
            $suspension->suspend();
        }
        $confirmation->wait(0); // acked: returns; otherwise throws the outcome
        return $confirmation;
    }

    /** Publishes (arguments as Publisher::publish()) and awaits the outcome. */
    public function publish(string $exchange, string $routingKey, string $body, ?array $properties = null, bool $mandatory = true): Confirmation
    {
        return $this->await($this->publisher->publish($exchange, $routingKey, $body, $properties, $mandatory));
    }

    /** How many callbacks wait for an answer. */
    public function pending(): int
    {
        return array_sum(array_map('count', $this->pending));
    }

    /** Stops watching the stream (pending callbacks are not called). */
    public function close(): void
    {
        EventLoop::cancel($this->watcher);
    }

    private function collect(): void
    {
        foreach ($this->publisher->collectSettled() as $settled) {
            $id = spl_object_id($settled);
            $waiting = $this->pending[$id] ?? [];
            unset($this->pending[$id]);
            foreach ($waiting as [$confirmation, $callback]) {
                self::call($confirmation, $callback);
            }
        }
        if ($this->pending === []) {
            EventLoop::disable($this->watcher);
        }
    }

    private static function call(Confirmation $confirmation, \Closure $callback): void
    {
        try {
            $confirmation->wait(0);
        } catch (\Throwable $failure) {
            $callback($confirmation, $failure);
            return;
        }
        $callback($confirmation, null);
    }
}
