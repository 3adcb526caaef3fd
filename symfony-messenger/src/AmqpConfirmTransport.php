<?php

namespace AmqpConfirm\Symfony\Messenger;

use AmqpConfirm\Confirmation;
use AmqpConfirm\Publisher;
use Symfony\Component\Messenger\Bridge\Amqp\Transport\AmqpStamp;
use Symfony\Component\Messenger\Envelope;
use Symfony\Component\Messenger\Exception\TransportException;
use Symfony\Component\Messenger\Stamp\TransportMessageIdStamp;
use Symfony\Component\Messenger\Transport\Serialization\SerializerInterface;
use Symfony\Component\Messenger\Transport\TransportInterface;

/**
 * Sends with publisher confirms. Wire format as Symfony's AMQP transport (the serializer's body, its headers as
 * AMQP headers, Content-Type as content_type, persistent), so Symfony's own AMQP receiver consumes what this sends.
 * Mode `wait` (default): send() returns once the broker acked, and throws TransportException on a nack, a return
 * (unroutable with `mandatory`, the default) or a failure. Mode `pipelined`: send() returns at once with a
 * ConfirmationStamp; flush() (called by FlushMiddleware, or by the application, and on destruction) waits for
 * them all and throws one TransportException listing every failed message. Sending only: consume with
 * Symfony's amqp:// transport.
 */
final class AmqpConfirmTransport implements TransportInterface
{
    private ?Publisher $publisher = null;
    private bool $setUp = false;

    /** @var array<int, Confirmation> pipelined confirmations not yet flushed */
    private array $pending = [];

    public function __construct(private Dsn $dsn, private SerializerInterface $serializer) {}

    public function send(Envelope $envelope): Envelope
    {
        $encoded = $this->serializer->encode($envelope);
        $headers = $encoded['headers'] ?? [];
        $properties = ['delivery_mode' => 2, 'timestamp' => time()];
        if (isset($headers['Content-Type'])) {
            $properties['content_type'] = $headers['Content-Type'];
            unset($headers['Content-Type']);
        }
        $stamp = class_exists(AmqpStamp::class) ? $envelope->last(AmqpStamp::class) : null;
        foreach ($stamp?->getAttributes() ?? [] as $key => $value) {
            if ($key === 'headers') {
                $headers = array_merge($value, $headers);
            } else {
                $properties[$key] = $value;
            }
        }
        $properties['headers'] = $headers;
        $routingKey = $stamp?->getRoutingKey() ?? $this->dsn->options['exchange']['default_publish_routing_key'] ?? '';
        try {
            $publisher = $this->publisher();
            $confirmation = $publisher->publish($this->dsn->options['exchange']['name'], (string) $routingKey, $encoded['body'], $properties, $this->dsn->options['mandatory']);
        } catch (\AmqpConfirm\Exception $e) {
            throw new TransportException($e->getMessage(), 0, $e);
        }
        $sent = $envelope->with(new TransportMessageIdStamp($confirmation->messageId()));
        if ($this->dsn->options['confirm_mode'] === 'pipelined') {
            $this->pending[] = $confirmation;
            return $sent->with(new ConfirmationStamp($confirmation));
        }
        $this->wait($confirmation);
        return $sent;
    }

    /**
     * Waits for every message sent in `pipelined` mode since the last flush; throws one TransportException that
     * lists each message not acked (id and reason). Nothing to do in `wait` mode.
     */
    public function flush(): void
    {
        if (!$this->pending || $this->publisher === null) {
            return;
        }
        [$pending, $this->pending] = [$this->pending, []];
        try {
            $failed = $this->publisher->collectFailures($pending, $this->dsn->options['confirm_timeout']);
        } catch (\AmqpConfirm\Exception $e) {
            throw new TransportException(sprintf('%d message(s) not confirmed: %s', count($pending), $e->getMessage()), 0, $e);
        }
        if ($failed) {
            $lines = array_map(fn(Confirmation $c) => $c->messageId() . ' (' . $c->status()->value . ': ' . $c->reason() . ')', $failed);
            throw new TransportException(sprintf('%d of %d message(s) not confirmed: %s', count($failed), count($pending), implode('; ', $lines)));
        }
    }

    public function __destruct()
    {
        if ($this->pending) {
            try {
                $this->flush();
            } catch (TransportException $e) {
                error_log('amqp-confirm transport: ' . $e->getMessage());
            }
        }
    }

    /** @return iterable<Envelope> */
    public function get(): iterable
    {
        throw new TransportException('The amqp-confirm transport only sends: consume with Symfony\'s amqp:// transport.');
    }

    public function ack(Envelope $envelope): void
    {
        throw new TransportException('The amqp-confirm transport only sends.');
    }

    public function reject(Envelope $envelope): void
    {
        throw new TransportException('The amqp-confirm transport only sends.');
    }

    private function wait(Confirmation $confirmation): void
    {
        try {
            $confirmation->wait($this->dsn->options['confirm_timeout']);
        } catch (\AmqpConfirm\Exception $e) {
            throw new TransportException(sprintf('Message %s was not confirmed: %s', $confirmation->messageId(), $e->getMessage()), 0, $e);
        }
    }

    private function publisher(): Publisher
    {
        $o = $this->dsn->options;
        $this->publisher ??= new Publisher($this->dsn->uri, array_filter([
            'persistent' => $o['persistent'],
            'connection_name' => $o['connection_name'],
            'confirm_timeout' => $o['confirm_timeout'],
        ], fn($v) => $v !== null));
        if ($o['auto_setup'] && !$this->setUp) {
            $this->setUp = true;
            $this->publisher->declareExchange($o['exchange']['name'], $o['exchange']['type']);
            foreach ($o['queues'] as $name => $queue) {
                $this->publisher->declareQueue($name, isset($queue['arguments']) ? ['arguments' => $queue['arguments']] : null);
                foreach ($queue['binding_keys'] ?? [''] as $key) {
                    $this->publisher->bindQueue($name, $o['exchange']['name'], $key);
                }
            }
        }
        return $this->publisher;
    }
}
