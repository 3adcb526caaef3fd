<?php

declare(strict_types=1);

namespace AmqpConfirm\RoadRunner;

use AmqpConfirm\ByteArray;
use AmqpConfirm\Confirmation;
use AmqpConfirm\Publisher;

/**
 * Pushes jobs into one RoadRunner AMQP jobs pipeline, each message built exactly as RoadRunner's consumer reads it
 * (roadrunner-server/amqp `amqpjobs/item.go`): rr_id, rr_job and rr_pipeline long strings, rr_headers a byte
 * array holding the JSON of the job's headers, rr_delay and rr_priority signed 64-bit integers, rr_auto_ack a
 * boolean. Delays go through RoadRunner's own `delayed-<ms>.<exchange>.<queue>` queues.
 *
 * Every push returns the message's Confirmation: wait() on it (or Publisher::waitAll()) to know the broker has
 * the job. The publisher's mandatory default holds: a job no queue receives is a ReturnedException, not lost.
 */
final class Jobs
{
    /** RoadRunner's pipeline defaults for the exchange and the content type of the jobs it pushes itself. */
    public const DEFAULT_EXCHANGE = 'amqp.default';
    public const CONTENT_TYPE = 'application/octet-stream';

    /** @var array<string, float> delayed queue => when it was last declared (microtime) */
    private array $declared = [];

    /**
     * @param string $pipeline the pipeline's name in .rr.yaml (sent as rr_pipeline)
     * @param string $queue the pipeline's `queue`
     * @param string $exchange the pipeline's `exchange` (RoadRunner's default: amqp.default)
     * @param string|null $routingKey the pipeline's `routing_key`; null: the queue's name
     */
    public function __construct(
        private readonly Publisher $publisher,
        private readonly string $pipeline,
        private readonly string $queue,
        private readonly string $exchange = self::DEFAULT_EXCHANGE,
        private readonly ?string $routingKey = null,
    ) {
        if ($queue === '' && ($routingKey ?? '') === '') {
            throw new \ValueError(self::class . '::__construct(): Argument #3 ($queue) must not be empty when there is no routing key');
        }
    }

    /**
     * Publishes one job and returns its confirmation at once.
     *
     * @param string $job the job's name, as the worker resolves it (rr_job)
     * @param string $payload the job's body, passed to PHP unchanged
     * @param array<string, string|list<string>> $headers the job's headers (RoadRunner's are lists of strings; a string is a list of one)
     * @param int $delay seconds before the job is delivered (0: now)
     * @param int|null $priority the job's priority; null: the pipeline's
     * @param bool $autoAck RoadRunner acks the job on receipt
     * @param string|null $id the job's id; null: a random UUID
     * @throws \TypeError a header value that is not a string or a list of strings
     * @throws \ValueError a negative delay, an empty job name, a header name that is empty
     */
    public function push(
        string $job,
        string $payload,
        array $headers = [],
        int $delay = 0,
        ?int $priority = null,
        bool $autoAck = false,
        ?string $id = null,
    ): Confirmation {
        [$exchange, $routingKey, $properties] = $this->message($job, $headers, $delay, $priority, $autoAck, $id);
        if ($delay > 0) {
            $this->declareDelayed($routingKey, $delay * 1000);
        }
        return $this->publisher->publish($exchange, $routingKey, $payload, $properties);
    }

    /**
     * Where a job goes and its properties, as push() would publish them (without declaring anything).
     *
     * @param array<string, string|list<string>> $headers
     * @return array{0: string, 1: string, 2: array<string, mixed>} exchange, routing key, properties
     */
    public function message(string $job, array $headers = [], int $delay = 0, ?int $priority = null, bool $autoAck = false, ?string $id = null): array
    {
        if ($job === '') {
            throw new \ValueError(self::class . '::push(): Argument #1 ($job) must not be empty');
        }
        if ($delay < 0) {
            throw new \ValueError(self::class . "::push(): Argument #4 (\$delay) must be 0 or more seconds, $delay given");
        }
        $id ??= self::uuid();
        $amqpHeaders = [
            'rr_id' => $id,
            'rr_job' => $job,
            'rr_pipeline' => $this->pipeline,
            'rr_headers' => new ByteArray(self::headersJson($headers)),
            'rr_delay' => $delay,
            'rr_auto_ack' => $autoAck,
        ];
        if ($priority !== null) {
            $amqpHeaders['rr_priority'] = $priority;
        }
        $routingKey = $delay > 0 ? $this->delayedQueue($delay * 1000) : $this->routingKey();
        $properties = [
            'delivery_mode' => 2,
            'content_type' => self::CONTENT_TYPE,
            'timestamp' => time(),
            'message_id' => $id,
            'headers' => $amqpHeaders,
        ];
        return [$this->exchange, $routingKey, $properties];
    }

    /** The queue RoadRunner uses to hold a job for `$ms` milliseconds: `delayed-<ms>.<exchange>.<queue>`. */
    public function delayedQueue(int $ms): string
    {
        return sprintf('delayed-%d.%s.%s', $ms, $this->exchange, $this->queue !== '' ? $this->queue : $this->routingKey());
    }

    private function routingKey(): string
    {
        return $this->routingKey ?? $this->queue;
    }

    /**
     * Declares and binds the delayed queue as RoadRunner does (durable; dead-letters to the pipeline's exchange and
     * routing key after the delay; expires after twice the delay unused), again once it may have expired.
     */
    private function declareDelayed(string $queue, int $ms): void
    {
        $now = microtime(true);
        if (isset($this->declared[$queue]) && $now - $this->declared[$queue] < $ms / 1000) {
            return;
        }
        $this->publisher->declareQueue($queue, ['arguments' => [
            'x-dead-letter-exchange' => $this->exchange,
            'x-dead-letter-routing-key' => $this->routingKey(),
            'x-message-ttl' => $ms,
            'x-expires' => 2 * $ms,
        ]]);
        $this->publisher->bindQueue($queue, $this->exchange, $queue);
        $this->declared[$queue] = $now;
    }

    /** @param array<string, string|list<string>> $headers */
    private static function headersJson(array $headers): string
    {
        $lists = [];
        foreach ($headers as $name => $value) {
            $name = (string) $name;
            if ($name === '') {
                throw new \ValueError(self::class . '::push(): Argument #3 ($headers) must not have an empty header name');
            }
            $list = is_string($value) ? [$value] : $value;
            if (!is_array($list) || !array_is_list($list) || array_filter($list, 'is_string') !== $list) {
                throw new \TypeError(sprintf('%s::push(): Argument #3 ($headers)["%s"] must be of type string|list<string>, %s given', self::class, $name, get_debug_type($value)));
            }
            $lists[$name] = $list;
        }
        return json_encode((object) $lists, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
    }

    private static function uuid(): string
    {
        $b = random_bytes(16);
        $b[6] = chr((ord($b[6]) & 0x0f) | 0x40);
        $b[8] = chr((ord($b[8]) & 0x3f) | 0x80);
        return vsprintf('%s%s-%s-%s-%s-%s%s%s', str_split(bin2hex($b), 4));
    }
}
