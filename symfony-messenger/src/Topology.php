<?php

namespace AmqpConfirm\Symfony\Messenger;

use AmqpConfirm\Publisher;

/**
 * The exchanges, queues and bindings the transport declares, named and shaped as Symfony's AMQP transport declares
 * them (durable, same arguments), so both transports can share a broker: the exchange and queues once, the delay
 * exchange once (with auto_setup), and a delay queue before each delayed message (named per delay, expiring when unused).
 */
final class Topology
{
    private bool $declared = false;
    private bool $delayExchangeDeclared = false;

    public function __construct(private Publisher $publisher, private array $options) {}

    /** Declares the exchange, the queues and their bindings (once). */
    public function declare(): void
    {
        $exchange = $this->options['exchange'];
        $this->publisher->declareExchange($exchange['name'], $exchange['type'], $exchange['arguments'] ? ['arguments' => $exchange['arguments']] : null);
        foreach ($this->options['queues'] as $name => $queue) {
            $this->publisher->declareQueue($name, $queue['arguments'] ? ['arguments' => $queue['arguments']] : null);
            foreach ($queue['binding_keys'] ?? [''] as $key) {
                $this->publisher->bindQueue($name, $exchange['name'], (string) $key, $queue['binding_arguments'] ?? null);
            }
        }
        $this->declared = true;
    }

    /** Declares the exchange and queues unless already done. */
    public function declareOnce(): void
    {
        if (!$this->declared) {
            $this->declare();
        }
    }

    /** Declares the delay exchange (once). */
    public function declareDelayExchange(): void
    {
        $this->publisher->declareExchange($this->options['delay']['exchange_name'], 'direct');
        $this->delayExchangeDeclared = true;
    }

    /**
     * Declares the queue that holds a message for $delayMs before dead-lettering it to the exchange (or, for a
     * retry, straight to the queue it came from) and binds it to the delay exchange; returns its name, which is
     * also the routing key to publish with on the delay exchange.
     */
    public function delayQueue(int $delayMs, ?string $routingKey, bool $isRetry): string
    {
        if ($this->options['auto_setup'] && !$this->delayExchangeDeclared) {
            $this->declareDelayExchange();
        }
        $name = str_replace(['%delay%', '%exchange_name%', '%routing_key%'], [$delayMs, $this->options['exchange']['name'], $routingKey ?? ''],
            $this->options['delay']['queue_name_pattern']) . ($isRetry ? '_retry' : '_delay');
        $this->publisher->declareQueue($name, ['arguments' => [
            'x-message-ttl' => $delayMs,
            'x-expires' => $delayMs + 10000,
            'x-dead-letter-exchange' => $isRetry ? '' : $this->options['exchange']['name'],
            'x-dead-letter-routing-key' => $routingKey ?? '',
        ]]);
        $this->publisher->bindQueue($name, $this->options['delay']['exchange_name'], $name);
        return $name;
    }

    /** The exchange delayed messages are published to. */
    public function delayExchange(): string
    {
        return $this->options['delay']['exchange_name'];
    }
}
