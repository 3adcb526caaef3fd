<?php

declare(strict_types=1);

namespace AmqpConfirm\Laravel;

/**
 * The receiving side of a connection, through php-amqp (this extension publishes only): one connection and channel,
 * opened on first use on the first node that answers, reopened after the broker or the network dropped it.
 */
final class Receiver
{
    private ?\AMQPConnection $connection = null;
    private ?\AMQPChannel $channel = null;
    /** @var array<string, \AMQPQueue> */
    private array $queues = [];

    public function __construct(private readonly Config $config) {}

    /** The next ready message of `$queue`, unacked (ack() or reject() it), or null when the queue is empty. */
    public function get(string $queue): ?\AMQPEnvelope
    {
        try {
            $message = $this->queue($queue)->get(AMQP_NOPARAM);
        } catch (\AMQPConnectionException|\AMQPChannelException $e) {
            $this->reset();
            $message = $this->queue($queue)->get(AMQP_NOPARAM); // once more on a fresh connection
        }
        return $message instanceof \AMQPEnvelope ? $message : null;
    }

    /** Acknowledges a message get() returned: the broker forgets it. */
    public function ack(string $queue, \AMQPEnvelope $message): void
    {
        $this->queue($queue)->ack($message->getDeliveryTag());
    }

    /** Returns a message get() returned to its queue, where the next get() finds it again. */
    public function requeue(string $queue, \AMQPEnvelope $message): void
    {
        $this->queue($queue)->reject($message->getDeliveryTag(), AMQP_REQUEUE);
    }

    private function queue(string $name): \AMQPQueue
    {
        if (!isset($this->queues[$name])) {
            $queue = new \AMQPQueue($this->channel());
            $queue->setName($name);
            $this->queues[$name] = $queue;
        }
        return $this->queues[$name];
    }

    private function channel(): \AMQPChannel
    {
        if ($this->channel !== null && $this->channel->isConnected()) {
            return $this->channel;
        }
        $this->reset();
        if (!extension_loaded('amqp')) {
            throw new \RuntimeException('Receiving from an amqp-confirm queue connection goes through php-amqp: install the amqp extension.');
        }
        $errors = [];
        foreach ($this->config->nodes as $node) {
            $connection = new \AMQPConnection($this->credentials($node));
            try {
                $connection->connect();
            } catch (\AMQPConnectionException $e) {
                $errors[] = "{$node['host']}:{$node['port']}: {$e->getMessage()}";
                continue;
            }
            $this->connection = $connection;
            return $this->channel = new \AMQPChannel($connection);
        }
        throw new \AmqpConfirm\ConnectionException('Cannot connect to receive (php-amqp): ' . implode('; ', $errors));
    }

    /** @param array{host: string, port: int, user: string, password: string} $node */
    private function credentials(#[\SensitiveParameter] array $node): array
    {
        $options = $this->config->publisherOptions;
        $credentials = ['host' => $node['host'], 'port' => $node['port'], 'login' => $node['user'], 'password' => $node['password'],
            'vhost' => $this->config->vhost, 'connect_timeout' => (float) ($options['connect_timeout'] ?? 5)];
        if ($this->config->secure) {
            $credentials += array_filter(['cacert' => $options['cafile'] ?? null, 'cert' => $options['certfile'] ?? null,
                'key' => $options['keyfile'] ?? null, 'verify' => $options['verify_peer'] ?? true], fn($v) => $v !== null);
        }
        return $credentials;
    }

    private function reset(): void
    {
        [$connection, $this->connection, $this->channel, $this->queues] = [$this->connection, null, null, []];
        if ($connection !== null && $connection->isConnected()) {
            try {
                $connection->disconnect();
            } catch (\AMQPException) {
            }
        }
    }

    /** @return array<string, mixed> what var_dump() and print_r() show: no credentials */
    public function __debugInfo(): array
    {
        return ['connected' => $this->connection?->isConnected() ?? false, 'queues' => array_keys($this->queues)];
    }
}
