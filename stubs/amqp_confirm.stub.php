<?php

// Stubs for the amqp_confirm extension 0.1.0, for IDEs and static analysers.
// Generated from the extension's Reflection by stubs/generate.php: do not edit by hand.

namespace AmqpConfirm;

/**
 * Base class of every exception this extension throws for a runtime condition.
 */
class Exception extends \RuntimeException
{
}

/**
 * The connection could not be made or was lost; also thrown by a closed publisher or one used after fork.
 */
class ConnectionException extends Exception
{
}

/**
 * The broker closed a channel in answer to an operation; getCode() is the AMQP reply code (404, 406...).
 */
class ChannelException extends Exception
{
    /**
     * The broker's reply text.
     */
    protected $replyText = '';

    /**
     * The broker's reply text (e.g. "NOT_FOUND - no queue 'q' in vhost '/'"); the reply code is getCode().
     */
    public function getReplyText(): string {}
}

/**
 * No outcome came in time. The operation may still complete: a timed-out handle stays pending.
 */
class TimeoutException extends Exception
{
}

/**
 * The broker nacked the message: it refused responsibility (e.g. a full queue with x-overflow reject-publish).
 */
class NackedException extends Exception
{
    /**
     * @var Confirmation|null the handle of the nacked message, when the extension threw this
     */
    protected $confirmation = null;

    /**
     * The handle of the message the broker nacked; null when constructed by PHP code without one.
     */
    public function getConfirmation(): ?Confirmation {}
}

/**
 * The message was mandatory and unroutable; getCode() is the AMQP reply code (312 NO_ROUTE).
 */
class ReturnedException extends Exception
{
    /**
     * @var Confirmation|null the handle of the returned message, when the extension threw this
     */
    protected $confirmation = null;
    /**
     * The broker's reply text (NO_ROUTE).
     */
    protected $replyText = '';

    /**
     * The handle of the message the broker returned; null when constructed by PHP code without one.
     */
    public function getConfirmation(): ?Confirmation {}

    /**
     * The broker's reply text (NO_ROUTE); the reply code is getCode().
     */
    public function getReplyText(): string {}
}

/**
 * The channel or connection was lost before the broker answered; getCode() is the AMQP reply code of the cause, 0 if none.
 */
class PublishFailedException extends Exception
{
    /**
     * @var Confirmation|null the handle of the failed message, when the extension threw this
     */
    protected $confirmation = null;
    /**
     * What happened to the channel or connection (the broker's reply text when it closed it).
     */
    protected $replyText = '';

    /**
     * The handle of the message that failed; null when constructed by PHP code without one.
     */
    public function getConfirmation(): ?Confirmation {}

    /**
     * What happened to the channel or connection (the broker's reply text when it closed it); the reply code is getCode(), 0 if none.
     */
    public function getReplyText(): string {}
}

/**
 * The spool cannot take the message: it is full (spool_max_bytes), or the disk refused it (full, read-only); nothing of the message was kept.
 */
class SpoolException extends Exception
{
}

/**
 * Raw bytes for a header or argument value, sent as an AMQP byte array (type x) where a PHP string goes as a long string (S).
 * Go consumers read it as []byte: RoadRunner's jobs read rr_headers only in this form.
 */
class ByteArray
{
    /**
     * The bytes.
     */
    public function getBytes(): string {}

    /**
     * The bytes.
     */
    public function __toString(): string {}

    /**
     * What var_dump() and print_r() show: the bytes and their length.
     * @return array{bytes: string, length: int}
     */
    public function __debugInfo(): array {}

    /**
     * Holds $bytes, any bytes.
     */
    public function __construct(string $bytes) {}
}

/**
 * The confirmation of one published message, returned by Publisher::publish(). Cannot be constructed from PHP.
 */
class Confirmation
{
    /**
     * True once the message has an outcome. Never blocks.
     */
    public function isSettled(): bool {}

    /**
     * The current status. Never blocks.
     */
    public function status(): Status {}

    /**
     * Waits for the outcome. Returns when the broker acked the message, or at once when it was spooled (status() tells which).
     * @param float|null $timeout seconds; null: the publisher's confirm_timeout
     * @throws NackedException the broker nacked it
     * @throws ReturnedException it was mandatory and unroutable
     * @throws PublishFailedException the channel or connection was lost before an answer
     * @throws TimeoutException no outcome in time; the handle stays pending and can be waited on again
     * @throws \ValueError negative, NaN or infinite timeout
     */
    public function wait(?float $timeout = null): void {}

    /**
     * The message id: the one given in the properties, or the one generated for it.
     */
    public function messageId(): string {}

    /**
     * The delivery tag on its channel (from 1 per channel); 0 until the message reaches a channel.
     */
    public function deliveryTag(): int {}

    /**
     * Why the message was not acked ("312 NO_ROUTE", the cause of a failure...); null while pending or when acked.
     */
    public function reason(): ?string {}

    /**
     * How many times the message was published: 1, more when it was republished after a lost channel or connection (or a nack, with retry_nacked).
     */
    public function attempts(): int {}

    /**
     * The exchange the message was published to.
     */
    public function exchange(): string {}

    /**
     * The routing key the message was published with.
     */
    public function routingKey(): string {}

    /**
     * What var_dump() and print_r() show: message id, delivery tag, status, attempts, exchange, routing key, reason.
     * @return array{messageId: string, deliveryTag: int, status: Status, attempts: int, exchange: string, routingKey: string, reason: ?string}
     */
    public function __debugInfo(): array {}

    /**
     * Not constructible from PHP: handles come from Publisher::publish().
     * @throws \Exception always
     */
    public function __construct() {}
}

/**
 * Publishes to RabbitMQ with publisher confirms over one connection, without blocking on the broker.
 * When destroyed it waits up to amqp_confirm.drain_timeout for outstanding confirmations (not at all while the broker is unreachable),
 * then logs each message still unconfirmed and each failed, nacked or returned message whose outcome no code looked at.
 */
class Publisher
{
    /**
     * Publishes one message and returns its confirmation handle at once.
     * Waits only when max_in_flight messages (or max_in_flight_bytes of bodies) are unsettled, up to confirm_timeout.
     * @param array{content_type?: string, content_encoding?: string, delivery_mode?: int, priority?: int, correlation_id?: string, reply_to?: string, expiration?: string|int, message_id?: string, timestamp?: int, type?: string, user_id?: string, app_id?: string, headers?: array<string, mixed>}|null $properties
     * @param bool $mandatory ask the broker to return the message when no queue receives it (default true: an unroutable message is a failure, not a silent ack)
     * @throws TimeoutException no room in the max_in_flight / max_in_flight_bytes window within confirm_timeout
     * @throws SpoolException the message had to be spooled and the spool is full or the disk refused it (nothing was kept)
     * @throws ConnectionException the publisher is closed or was created in another process
     * @throws \ValueError a name over 255 bytes, a body over max_message_size, an unknown property, a value out of range, a non-finite float header
     * @throws \TypeError a property or header value of the wrong type
     */
    public function publish(string $exchange, string $routingKey, string $body, ?array $properties = null, bool $mandatory = true): Confirmation {}

    /**
     * Waits until every confirmation this publisher issued is settled. Outcomes stay readable on each handle.
     * @param float|null $timeout seconds; null: confirm_timeout
     * @throws TimeoutException some are still pending (the message says how many)
     * @throws \ValueError negative, NaN or infinite timeout
     */
    public function waitAll(?float $timeout = null): void {}

    /**
     * Waits until each given confirmation is settled and returns those neither acked nor spooled, keys preserved.
     * @param array<Confirmation> $confirmations
     * @return array<Confirmation>
     * @throws TimeoutException some are still pending at the deadline
     * @throws \TypeError an element is not a Confirmation
     */
    public function collectFailures(array $confirmations, ?float $timeout = null): array {}

    /**
     * Declares an exchange (durable unless durable => false).
     * @param array{durable?: bool, auto_delete?: bool, internal?: bool, passive?: bool, arguments?: array<string, mixed>}|null $options
     * @throws ChannelException the broker refused (e.g. 406 PRECONDITION_FAILED); the publisher stays usable
     * @throws ConnectionException the connection is gone
     * @throws TimeoutException no answer within confirm_timeout
     */
    public function declareExchange(string $name, string $type = 'direct', ?array $options = null): void {}

    /**
     * Declares a queue (durable unless durable => false); name '' asks the broker for a generated name.
     * @param array{durable?: bool, auto_delete?: bool, exclusive?: bool, passive?: bool, arguments?: array<string, mixed>}|null $options
     * @return array{messages: int, consumers: int, name: string}
     * @throws ChannelException the broker refused (404 for a passive declare of a missing queue, 406 for inequivalent arguments)
     * @throws ConnectionException the connection is gone
     * @throws TimeoutException no answer within confirm_timeout
     */
    public function declareQueue(string $name, ?array $options = null): array {}

    /**
     * Binds a queue to an exchange.
     * @param array<string, mixed>|null $arguments binding arguments (e.g. x-match for headers exchanges)
     * @throws ChannelException the broker refused (e.g. 404 for a missing queue or exchange)
     * @throws ConnectionException the connection is gone
     * @throws TimeoutException no answer within confirm_timeout
     */
    public function bindQueue(string $queue, string $exchange, string $routingKey = '', ?array $arguments = null): void {}

    /**
     * Deletes a queue and returns how many messages it held.
     * @param array{if_unused?: bool, if_empty?: bool}|null $options
     * @throws ChannelException the broker refused (e.g. 406 with if_empty on a non-empty queue)
     * @throws ConnectionException the connection is gone
     * @throws TimeoutException no answer within confirm_timeout
     */
    public function deleteQueue(string $name, ?array $options = null): int {}

    /**
     * Deletes an exchange.
     * @param array{if_unused?: bool}|null $options
     * @throws ChannelException the broker refused
     * @throws ConnectionException the connection is gone
     * @throws TimeoutException no answer within confirm_timeout
     */
    public function deleteExchange(string $name, ?array $options = null): void {}

    /**
     * Removes every ready message from a queue and returns how many.
     * @throws ChannelException the broker refused (e.g. 404)
     * @throws ConnectionException the connection is gone
     * @throws TimeoutException no answer within confirm_timeout
     */
    public function purgeQueue(string $name): int {}

    /**
     * Message counters of this publisher; reconnections, reconnection attempts and failovers (reconnections to another node), the node in use (host:port); whether the broker blocks it (and why).
     * @return array{published: int, acked: int, nacked: int, returned: int, failed: int, in_flight: int, in_flight_bytes: int, reconnects: int, reconnect_attempts: int, failovers: int, node: string, blocked: bool, blocked_reason: ?string, spool?: array{spooled: int, delivered: int, dead_lettered: int, torn: int, dir: string, segments: int, bytes: int, oldest_age: ?float}}
     */
    public function stats(): array {}

    /**
     * Whether the AMQP connection is up.
     */
    public function isConnected(): bool {}

    /**
     * Waits for outstanding confirmations, then closes the channel and the connection. Closing twice is harmless.
     * A persistent connection that other Publisher objects in this process share stays open for them: only this object is closed.
     * @param float|null $timeout seconds; null: confirm_timeout
     * @throws TimeoutException some confirmations were still pending (the connection is closed anyway)
     */
    public function close(?float $timeout = null): void {}

    /**
     * Whether this publisher's connection is kept across requests (persistent => true): shared by every Publisher made with the same URI and options in this process, drained at each request end.
     */
    public function isPersistent(): bool {}

    /**
     * The URI this publisher connected to, without the password.
     */
    public function uri(): string {}

    /**
     * What var_dump() and print_r() show: the URI without its password, the connection name, persistent, connected, and the counters of stats().
     * @return array{uri: string, connectionName: ?string, persistent: bool, connected: bool, node: string, stats: array<string, int|bool|string|null>}
     */
    public function __debugInfo(): array {}

    /**
     * A read-only stream for event loops (stream_select, Revolt/amp onReadable, ReactPHP addReadStream, pecl/event): readable
     * while handles of this publisher that settled since the last collectSettled() wait to be collected. Each call returns a new
     * stream on the same notifier; closing it closes nothing the publisher uses. Handles are kept for collection from the first call on.
     * @return resource
     * @throws ConnectionException the publisher is closed
     */
    public function settledStream(): mixed {}

    /**
     * Never blocks: clears the settled stream's readiness and returns the handles settled since the last call, in the order they
     * settled (at most $max; the stream stays readable while more remain). Each is the same object publish() returned for that message
     * while PHP still holds it.
     * @return list<Confirmation>
     * @throws \ValueError $max below 1
     */
    public function collectSettled(?int $max = null): array {}

    /**
     * How many objects of each kind this process holds now: messages kept for (re)publishing (each with its body, until settled), confirmation handles, publishers, channel tasks and open connections. For leak checks: after a run, once publishers are closed and handles freed, the counts return to where they started.
     * @return array{messages: int, confirmations: int, publishers: int, channel_tasks: int, connections: int}
     */
    public static function liveObjects(): array {}

    /**
     * Connects to the broker (amqp:// or amqps://; query: heartbeat, frame_max, channel_max, connection_timeout).
     * A cluster: several hosts in one URI (amqp://user:pass@h1:5672,h2:5672,h3/vhost) or a list of URIs; each node is tried in turn
     * (node_order "shuffle", the default, or "ordered"), and a lost connection fails over to the next node.
     * @param string|array<string> $uri
     * @param array{connection_name?: string, connect_timeout?: float, confirm_timeout?: float, max_in_flight?: int, max_in_flight_bytes?: int, max_message_size?: int, cafile?: string, certfile?: string, keyfile?: string, verify_peer?: bool, reconnect_attempts?: int, reconnect_backoff?: array{float, float}, max_attempts?: int, retry_nacked?: bool, persistent?: bool, node_order?: 'shuffle'|'ordered', spool_dir?: string, spool_after?: float, spool_max_bytes?: int, spool_max_age?: float, spool_sync?: 'always'|'batch'}|null $options
     * @throws ConnectionException no node can be reached or each refuses the login within connect_timeout (the message names each node); with a spool_dir, never: the publisher spools until a node answers
     * @throws SpoolException the spool directory cannot be created
     * @throws \ValueError malformed URI, unknown option or bad option value
     * @throws \TypeError an option of the wrong type
     */
    public function __construct(#[\SensitiveParameter] array|string $uri = 'amqp://guest:guest@127.0.0.1:5672/%2f', ?array $options = null) {}
}

/**
 * Looks into a spool directory (what is spooled, its age and size, the dead letters) and moves what no process holds.
 * bin/amqp-confirm-spool is built on these functions. Reading needs no lock: a live writer's segment is read as it stands.
 */
class Spool
{
    /**
     * What the directory holds: segments, messages not delivered yet, bytes, the oldest message's age in seconds (null when none),
     * segments held by a live process now, dead letters, and segments set aside with a torn end.
     * @return array{dir: string, segments: int, messages: int, bytes: int, oldest_age: ?float, held: int, dead_letters: int, torn: int}
     * @throws SpoolException the directory cannot be read
     */
    public static function inspect(string $dir): array {}

    /**
     * Up to $max (null: 100) messages not delivered yet, each writer's in the order they will be delivered.
     * @return list<array{message_id: string, exchange: string, routing_key: string, size: int, spooled_at: float, age: float, file: string, offset: int}>
     * @throws SpoolException the directory cannot be read
     * @throws \ValueError $max below 1
     */
    public static function messages(string $dir, ?int $max = null): array {}

    /**
     * Up to $max (null: 100) dead letters: spooled messages the broker nacked, returned or refused, or that expired (spool_max_age), each with its reason.
     * @return list<array{message_id: string, exchange: string, routing_key: string, size: int, spooled_at: float, age: float, reason: string, file: string, offset: int}>
     * @throws SpoolException the directory cannot be read
     * @throws \ValueError $max below 1
     */
    public static function deadLetters(string $dir, ?int $max = null): array {}

    /**
     * Moves every segment no live process holds from $dir to $to (created if missing), with how far it was delivered;
     * any publisher spooling to $to delivers them. Returns how many segments moved; held ones stay.
     * @throws SpoolException a directory cannot be read or written
     */
    public static function move(string $dir, string $to): int {}

    /**
     * Not constructible: the functions are static.
     * @throws \Exception always
     */
    public function __construct() {}
}

/**
 * Where a published message stands. Every message ends in exactly one of acked, nacked, returned, failed or spooled (written to the spool, delivered later).
 */
enum Status: string
{
    case Pending = 'pending';
    case Acked = 'acked';
    case Nacked = 'nacked';
    case Returned = 'returned';
    case Failed = 'failed';
    case Spooled = 'spooled';
}
