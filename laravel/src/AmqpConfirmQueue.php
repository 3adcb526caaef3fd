<?php

declare(strict_types=1);

namespace AmqpConfirm\Laravel;

use AmqpConfirm\Confirmation;
use AmqpConfirm\Publisher;
use Illuminate\Contracts\Queue\Queue as QueueContract;
use Illuminate\Queue\Queue;

/**
 * A Laravel queue on RabbitMQ whose every push is confirmed by the broker. In `wait` mode push() returns once the
 * broker acked the job and throws otherwise; in `pipelined` mode it returns at once and flush() (called at the end of
 * the request, the command or the worker's job by the service provider) waits for all and throws one
 * PushFailedException naming every job not acked. Unroutable is a failure (`mandatory`). Receiving (pop(), hence
 * `queue:work`) goes through php-amqp.
 */
class AmqpConfirmQueue extends Queue implements QueueContract
{
    private ?Publisher $publisher = null;
    private ?Receiver $receiver = null;
    /** @var array<string, true|float> queues declared (and bound) by this object; delay queues: when (microtime) */
    private array $declared = [];
    /** @var list<array{0: Confirmation, 1: string}> pipelined pushes not flushed yet, with the job's name */
    private array $unflushed = [];

    public function __construct(private readonly Config $settings)
    {
        $this->dispatchAfterCommit = $settings->afterCommit;
        Flusher::track($this);
    }

    /** The number of jobs ready in the queue (RabbitMQ counts ready messages; 0 for a queue that does not exist). */
    public function size($queue = null): int
    {
        try {
            return $this->publisher()->declareQueue($this->getQueue($queue), ['passive' => true])['messages'];
        } catch (\AmqpConfirm\ChannelException $e) {
            if ($e->getCode() === 404) {
                return 0;
            }
            throw $e;
        }
    }

    /** As size(): RabbitMQ's ready messages. */
    public function pendingSize($queue = null): int
    {
        return $this->size($queue);
    }

    /** Not known to RabbitMQ per queue: delayed jobs wait in their delay queues. Always 0. */
    public function delayedSize($queue = null): int
    {
        return 0;
    }

    /** Not known to RabbitMQ through AMQP 0-9-1 (unacked deliveries are per consumer). Always 0. */
    public function reservedSize($queue = null): int
    {
        return 0;
    }

    /** Not known to RabbitMQ through AMQP 0-9-1. Always null. */
    public function creationTimeOfOldestPendingJob($queue = null): ?int
    {
        return null;
    }

    public function push($job, $data = '', $queue = null)
    {
        return $this->enqueueUsing($job, $this->createPayload($job, $this->getQueue($queue), $data), $queue, null,
            fn($payload, $queue) => $this->pushRaw($payload, $queue));
    }

    /** @param array{delay?: int} $options */
    public function pushRaw($payload, $queue = null, array $options = [])
    {
        $queue = $this->getQueue($queue);
        $delay = (int) ($options['delay'] ?? 0);
        [$confirmation, $id, $name] = $this->publish((string) $payload, $queue, $delay);
        $this->settle($confirmation, $name);
        return $id;
    }

    /** Delays go through a queue per delay (`<queue>.delay.<ms>`) whose messages expire into the job's queue. */
    public function later($delay, $job, $data = '', $queue = null)
    {
        return $this->enqueueUsing($job, $this->createPayload($job, $this->getQueue($queue), $data), $queue, $delay,
            fn($payload, $queue, $delay) => $this->pushRaw($payload, $queue, ['delay' => $this->secondsUntil($delay)]));
    }

    /**
     * Publishes every job, then waits once: every job is acked, or one PushFailedException names each that was
     * not (the others are in the queue).
     *
     * @return list<string> the jobs' ids
     */
    public function bulk($jobs, $data = '', $queue = null): array
    {
        $queue = $this->getQueue($queue);
        $sent = [];
        foreach ((array) $jobs as $job) {
            [$confirmation, $id, $name] = $this->publish($this->createPayload($job, $queue, $data), $queue, 0);
            $sent[] = [$confirmation, $name, $id];
        }
        $this->raiseFailures($sent);
        return array_column($sent, 2);
    }

    public function pop($queue = null, $index = 0)
    {
        $queue = $this->getQueue($queue);
        $this->declare($queue);
        $message = $this->receiver()->get($queue);
        return $message === null ? null
            : new AmqpConfirmJob($this->container, $this, $message, $this->connectionName, $queue);
    }

    /** Waits for every pipelined push of this connection; one PushFailedException names each job not acked. */
    public function flush(): void
    {
        [$pending, $this->unflushed] = [$this->unflushed, []];
        $this->raiseFailures($pending);
    }

    /** Whether pipelined pushes wait for flush(). */
    public function hasUnflushed(): bool
    {
        return $this->unflushed !== [];
    }

    public function getQueue($queue): string
    {
        return $queue ?: $this->settings->queue;
    }

    /** The checked connection configuration (Laravel's own getConfig() gives the array from config/queue.php). */
    public function settings(): Config
    {
        return $this->settings;
    }

    /** The extension's publisher of this connection (connected on first use). */
    public function publisher(): Publisher
    {
        return $this->publisher ??= new Publisher($this->settings->uris, $this->settings->publisherOptions);
    }

    /** Adds the attempts counter the job reads back (Laravel's Redis queue does the same). */
    protected function createPayloadArray($job, $queue, $data = '')
    {
        return array_merge(parent::createPayloadArray($job, $queue, $data), ['attempts' => 0]);
    }

    /**
     * Publishes a payload to `$queue` now, or through its delay queue: returns the confirmation, the job's id and
     * its display name.
     *
     * @return array{0: Confirmation, 1: string, 2: string}
     */
    public function publish(string $payload, string $queue, int $delaySeconds): array
    {
        $this->declare($queue);
        $decoded = json_decode($payload, true);
        $decoded = is_array($decoded) ? $decoded : [];
        $id = (string) ($decoded['uuid'] ?? $decoded['id'] ?? '');
        $name = (string) ($decoded['displayName'] ?? $decoded['job'] ?? 'job');
        $properties = ['content_type' => 'application/json', 'delivery_mode' => 2] + ($id === '' ? [] : ['message_id' => $id]);
        if ($delaySeconds > 0) {
            $confirmation = $this->publisher()->publish('', $this->declareDelay($queue, $delaySeconds * 1000), $payload, $properties);
        } else {
            $confirmation = $this->publisher()->publish($this->settings->exchange, $queue, $payload, $properties);
        }
        return [$confirmation, $id !== '' ? $id : $confirmation->messageId(), $name];
    }

    /** In wait mode waits for the broker's answer (throwing the extension's exception); pipelined, keeps it for flush(). */
    private function settle(Confirmation $confirmation, string $name): void
    {
        if ($this->settings->mode === 'wait') {
            $confirmation->wait();
            return;
        }
        $this->unflushed[] = [$confirmation, $name];
    }

    /** @param list<array{0: Confirmation, 1: string}> $sent each confirmation and its job's name (more may follow) */
    private function raiseFailures(array $sent): void
    {
        if ($sent === []) {
            return;
        }
        $failed = $this->publisher()->collectFailures(array_column($sent, 0)); // keys kept: $sent is a list
        if ($failed) {
            throw new PushFailedException(array_map(fn($i) => [$sent[$i][1], $sent[$i][0]], array_keys($failed)), count($sent));
        }
    }

    /** Declares the job queue (durable, with the connection's queue arguments) and binds it, once per object. */
    private function declare(string $queue): void
    {
        if (!$this->settings->declare || isset($this->declared[$queue])) {
            return;
        }
        $publisher = $this->publisher();
        $publisher->declareQueue($queue, ['arguments' => $this->settings->queueArguments]);
        if ($this->settings->exchange !== '') {
            $publisher->declareExchange($this->settings->exchange, $this->settings->exchangeType);
            $publisher->bindQueue($queue, $this->settings->exchange, $queue);
        }
        $this->declared[$queue] = true;
    }

    /**
     * The queue where a job waits `$ms` before it moves to `$queue`: its messages expire after `$ms` and are
     * dead-lettered to the job's exchange and queue; it expires itself after twice the delay unused. Declared
     * again once it may have expired, so a delayed job never meets a missing queue.
     */
    private function declareDelay(string $queue, int $ms): string
    {
        $name = "$queue.delay.$ms";
        $now = microtime(true);
        if (($this->declared[$name] ?? 0) < $now - $ms / 1000) {
            $this->publisher()->declareQueue($name, ['arguments' => [
                'x-message-ttl' => $ms,
                'x-dead-letter-exchange' => $this->settings->exchange,
                'x-dead-letter-routing-key' => $queue,
                'x-expires' => 2 * $ms + 60000,
            ]]);
            $this->declared[$name] = $now;
        }
        return $name;
    }

    /** The php-amqp side that pop() and the jobs' acks use. */
    public function receiver(): Receiver
    {
        return $this->receiver ??= new Receiver($this->settings);
    }

    /** @return array<string, mixed> what var_dump() and print_r() show: the configuration without passwords */
    public function __debugInfo(): array
    {
        return ['connectionName' => $this->connectionName, 'settings' => $this->settings, 'unflushed' => count($this->unflushed)];
    }
}
