<?php

namespace AmqpConfirm\Symfony\Messenger;

use AmqpConfirm\Confirmation;
use AmqpConfirm\Publisher;
use Symfony\Component\Messenger\Bridge\Amqp\Transport\AmqpReceiver;
use Symfony\Component\Messenger\Bridge\Amqp\Transport\Connection;
use Symfony\Component\Messenger\Envelope;
use Symfony\Component\Messenger\Exception\InvalidArgumentException;
use Symfony\Component\Messenger\Exception\TransportException;
use Symfony\Component\Messenger\Stamp\TransportMessageIdStamp;
use Symfony\Component\Messenger\Transport\Receiver\MessageCountAwareInterface;
use Symfony\Component\Messenger\Transport\Serialization\SerializerInterface;
use Symfony\Component\Messenger\Transport\SetupableTransportInterface;
use Symfony\Component\Messenger\Transport\TransportInterface;

/**
 * Sends with publisher confirms through the extension, in Symfony's AMQP wire format (see OutgoingMessage), delays
 * and retries included; receives through Symfony's own AMQP receiver (php-amqp) on the same queues.
 * Mode `wait` (default): send() returns once the broker acked, and throws TransportException on a nack, a return
 * (unroutable with `mandatory`, the default) or a failure. Mode `pipelined`: send() returns at once with a
 * ConfirmationStamp; flush() (FlushMiddleware, FlushSubscriber, the application, or destruction) waits for them
 * all and throws one TransportException listing every failed message.
 */
final class AmqpConfirmTransport implements TransportInterface, MessageCountAwareInterface, SetupableTransportInterface
{
    private ?Publisher $publisher = null;
    private ?Topology $topology = null;
    private ?AmqpReceiver $receiver = null;

    /** @var array<int, Confirmation> pipelined confirmations not yet flushed */
    private array $pending = [];

    public function __construct(private Dsn $dsn, private SerializerInterface $serializer) {}

    public function send(Envelope $envelope): Envelope
    {
        $message = OutgoingMessage::from($envelope, $this->serializer);
        $options = $this->dsn->options;
        $routingKey = $message->routingKey ?? $options['exchange']['default_publish_routing_key'];
        $confirmation = $this->sending(function (Publisher $publisher, Topology $topology) use ($message, $options, $routingKey) {
            [$exchange, $key] = $message->delayMs > 0
                ? [$topology->delayExchange(), $topology->delayQueue($message->delayMs, $routingKey, $message->isRetry)]
                : [$options['exchange']['name'], (string) $routingKey];
            return $publisher->publish($exchange, $key, $message->body, $message->properties, $options['mandatory']);
        });
        $sent = $envelope->with(new TransportMessageIdStamp($confirmation->messageId()));
        if ($options['confirm_mode'] === 'pipelined') {
            $this->pending[] = $confirmation;
            return $sent->with(new ConfirmationStamp($confirmation));
        }
        try {
            $confirmation->wait($options['confirm_timeout']);
        } catch (\AmqpConfirm\Exception $e) {
            throw new TransportException(sprintf('Message %s was not confirmed: %s', $confirmation->messageId(), $e->getMessage()), 0, $e);
        }
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
        try {
            $this->flush();
        } catch (TransportException $e) {
            error_log('amqp-confirm transport: ' . $e->getMessage());
        }
    }

    /** @return iterable<Envelope> received by Symfony's AMQP receiver (php-amqp) from the configured queues */
    public function get(): iterable
    {
        return $this->receiver()->get();
    }

    public function ack(Envelope $envelope): void
    {
        $this->receiver()->ack($envelope);
    }

    public function reject(Envelope $envelope): void
    {
        $this->receiver()->reject($envelope);
    }

    public function getMessageCount(): int
    {
        return $this->receiver()->getMessageCount();
    }

    /** Declares the exchange, the queues, their bindings and the delay exchange (`messenger:setup-transports`). */
    public function setup(): void
    {
        $this->sending(function (Publisher $publisher, Topology $topology) {
            $topology->declareOnce();
            $topology->declareDelayExchange();
        });
    }

    /** Runs $publish with the publisher and declared topology; the extension's exceptions become TransportException. */
    private function sending(callable $publish): mixed
    {
        try {
            if ($this->publisher === null) {
                $this->publisher = $this->connect();
                $this->topology = new Topology($this->publisher, $this->dsn->options);
            }
            if ($this->dsn->options['auto_setup']) {
                $this->topology->declareOnce();
            }
            return $publish($this->publisher, $this->topology);
        } catch (\AmqpConfirm\Exception $e) {
            throw new TransportException($e->getMessage(), 0, $e);
        }
    }

    /**
     * The extension's publisher for this DSN. A URI the DSN's own checks let through and the extension refuses is
     * Symfony's InvalidArgumentException, as for any malformed DSN; the extension's error is not chained, since its
     * trace holds the URI with the password.
     */
    private function connect(): Publisher
    {
        try {
            return new Publisher($this->dsn->uri, $this->dsn->publisherOptions());
        } catch (\ValueError $e) {
            throw new InvalidArgumentException('Invalid amqp-confirm transport DSN or options: ' . preg_replace('/^AmqpConfirm\\\\Publisher::__construct\(\): /', '', $e->getMessage()));
        }
    }

    private function receiver(): AmqpReceiver
    {
        if (!extension_loaded('amqp')) {
            throw new TransportException('Receiving from an amqp-confirm transport uses Symfony\'s AMQP receiver, which needs the amqp extension (php-amqp).');
        }
        return $this->receiver ??= new AmqpReceiver(Connection::fromDsn($this->dsn->receiverDsn, $this->dsn->receiverOptions()), $this->serializer);
    }
}
