<?php

declare(strict_types=1);

namespace AmqpConfirm\Laravel;

use Illuminate\Container\Container;
use Illuminate\Contracts\Queue\Job as JobContract;
use Illuminate\Queue\Jobs\Job;

/**
 * A job taken from RabbitMQ by Laravel's worker. delete() acks it; release() publishes it again, confirmed, with
 * its attempts counted (after `$delay` through the delay queue), and only then acks the one taken, so a failure in
 * between leaves the job in RabbitMQ rather than losing it.
 */
class AmqpConfirmJob extends Job implements JobContract
{
    /** @var array<string, mixed> */
    private array $decoded;

    public function __construct(
        Container $container,
        private readonly AmqpConfirmQueue $amqp,
        private readonly \AMQPEnvelope $message,
        ?string $connectionName,
        string $queue,
    ) {
        $this->container = $container;
        $this->connectionName = $connectionName;
        $this->queue = $queue;
        $this->decoded = $this->payload();
    }

    public function getJobId()
    {
        return $this->decoded['uuid'] ?? $this->decoded['id'] ?? $this->message->getMessageId();
    }

    public function getRawBody()
    {
        return $this->message->getBody();
    }

    public function attempts()
    {
        return ((int) ($this->decoded['attempts'] ?? 0)) + 1;
    }

    public function delete()
    {
        parent::delete();
        $this->amqp->receiver()->ack($this->queue, $this->message);
    }

    public function release($delay = 0)
    {
        parent::release($delay);
        $payload = $this->decoded;
        $payload['attempts'] = $this->attempts();
        try {
            [$confirmation] = $this->amqp->publish(json_encode($payload, JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR), $this->queue, (int) $delay);
            $confirmation->wait();
        } catch (\Throwable $e) {
            $this->amqp->receiver()->requeue($this->queue, $this->message); // not republished: back where it was
            throw $e;
        }
        $this->amqp->receiver()->ack($this->queue, $this->message);
    }

    /** The message as php-amqp delivered it. */
    public function getAmqpMessage(): \AMQPEnvelope
    {
        return $this->message;
    }
}
