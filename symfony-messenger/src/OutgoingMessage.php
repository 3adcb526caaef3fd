<?php

namespace AmqpConfirm\Symfony\Messenger;

use Symfony\Component\Messenger\Bridge\Amqp\Transport\AmqpReceivedStamp;
use Symfony\Component\Messenger\Bridge\Amqp\Transport\AmqpStamp;
use Symfony\Component\Messenger\Envelope;
use Symfony\Component\Messenger\Stamp\DelayStamp;
use Symfony\Component\Messenger\Stamp\RedeliveryStamp;
use Symfony\Component\Messenger\Transport\Serialization\SerializerInterface;

/**
 * An envelope in Symfony's AMQP wire format, as its AmqpSender builds it: the serializer's body, its headers as
 * AMQP headers, Content-Type as content_type, persistent, a timestamp; an AmqpStamp's routing key and attributes;
 * a redelivery (Messenger's retry) goes back to the queue it came from, with the received message's attributes.
 */
final class OutgoingMessage
{
    /** Attributes of a received message that are absent when php-amqp reports them empty. */
    private const OPTIONAL_STRINGS = ['content_type', 'content_encoding', 'app_id', 'message_id', 'user_id', 'expiration', 'type', 'reply_to', 'correlation_id'];

    private function __construct(
        public readonly string $body,
        public readonly array $properties,
        public readonly ?string $routingKey,
        public readonly int $delayMs,
        public readonly bool $isRetry,
    ) {}

    public static function from(Envelope $envelope, SerializerInterface $serializer): self
    {
        $encoded = $serializer->encode($envelope);
        $headers = $encoded['headers'] ?? [];
        $stamp = $envelope->last(AmqpStamp::class);
        if (isset($headers['Content-Type'])) {
            if (!isset($stamp?->getAttributes()['content_type'])) {
                $stamp = AmqpStamp::createWithAttributes(['content_type' => $headers['Content-Type']], $stamp);
            }
            unset($headers['Content-Type']);
        }
        $received = $envelope->last(AmqpReceivedStamp::class);
        if ($received !== null) {
            $retryQueue = $envelope->last(RedeliveryStamp::class) ? $received->getQueueName() : null;
            $stamp = AmqpStamp::createFromAmqpEnvelope($received->getAmqpEnvelope(), $stamp, $retryQueue);
        }
        return new self(
            $encoded['body'],
            self::properties($stamp?->getAttributes() ?? [], $headers),
            $stamp?->getRoutingKey(),
            $envelope->last(DelayStamp::class)?->getDelay() ?? 0,
            $stamp?->isRetryAttempt() ?? false,
        );
    }

    /** The extension's publish() properties from AMQP attributes (php-amqp's names) and the encoded headers. */
    private static function properties(array $attributes, array $headers): array
    {
        $attributes['headers'] = array_merge($attributes['headers'] ?? [], $headers);
        $attributes['delivery_mode'] = $attributes['delivery_mode'] ?? 2;
        $attributes['timestamp'] = ($attributes['timestamp'] ?? 0) ?: time();
        foreach (self::OPTIONAL_STRINGS as $key) {
            if (($attributes[$key] ?? '') === '') {
                unset($attributes[$key]);
            }
        }
        return $attributes;
    }
}
