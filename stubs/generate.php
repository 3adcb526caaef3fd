<?php
// Writes stubs/amqp_confirm.stub.php from PHP's own Reflection of the loaded extension, so the stub can never
// claim a signature the extension does not have. The PHPDoc lives here; a class or method without one is an
// error, so new API cannot ship undocumented.
//   php -d extension=target/release/libamqp_confirm.so stubs/generate.php > stubs/amqp_confirm.stub.php
// The phpt suite (stubs-match.phpt) fails when the committed stub differs from what this prints.

const AMQP_CONFIRM_DOCS = [
    'AmqpConfirm\Exception' => 'Base class of every exception this extension throws for a runtime condition.',
    'AmqpConfirm\ConnectionException' => 'The connection could not be made or was lost; also thrown by a closed publisher or one used after fork.',
    'AmqpConfirm\ChannelException' => 'The broker closed a channel in answer to an operation; getCode() is the AMQP reply code (404, 406...).',
    'AmqpConfirm\TimeoutException' => 'No outcome came in time. The operation may still complete: a timed-out handle stays pending.',
    'AmqpConfirm\NackedException' => 'The broker nacked the message: it refused responsibility (e.g. a full queue with x-overflow reject-publish).',
    'AmqpConfirm\ReturnedException' => 'The message was mandatory and unroutable; getCode() is the AMQP reply code (312 NO_ROUTE).',
    'AmqpConfirm\PublishFailedException' => 'The channel or connection was lost before the broker answered; getCode() is the AMQP reply code of the cause, 0 if none.',
    'AmqpConfirm\SpoolException' => 'The spool cannot take the message: it is full (spool_max_bytes), or the disk refused it (full, read-only); nothing of the message was kept.',
    'AmqpConfirm\Status' => 'Where a published message stands. Every message ends in exactly one of acked, nacked, returned, failed or spooled (written to the spool, delivered later).',
    'AmqpConfirm\Spool' => "Looks into a spool directory (what is spooled, its age and size, the dead letters) and moves what no process holds.\nbin/amqp-confirm-spool is built on these functions. Reading needs no lock: a live writer's segment is read as it stands.",
    'AmqpConfirm\Spool::__construct' => "Not constructible: the functions are static.\n@throws \\Exception always",
    'AmqpConfirm\Spool::inspect' => "What the directory holds: segments, messages not delivered yet, bytes, the oldest message's age in seconds (null when none),\nsegments held by a live process now, dead letters, and segments set aside with a torn end.\n@return array{dir: string, segments: int, messages: int, bytes: int, oldest_age: ?float, held: int, dead_letters: int, torn: int}\n@throws SpoolException the directory cannot be read",
    'AmqpConfirm\Spool::messages' => "Up to \$max (null: 100) messages not delivered yet, each writer's in the order they will be delivered.\n@return list<array{message_id: string, exchange: string, routing_key: string, size: int, spooled_at: float, age: float, file: string, offset: int}>\n@throws SpoolException the directory cannot be read\n@throws \\ValueError \$max below 1",
    'AmqpConfirm\Spool::deadLetters' => "Up to \$max (null: 100) dead letters: spooled messages the broker nacked, returned or refused, or that expired (spool_max_age), each with its reason.\n@return list<array{message_id: string, exchange: string, routing_key: string, size: int, spooled_at: float, age: float, reason: string, file: string, offset: int}>\n@throws SpoolException the directory cannot be read\n@throws \\ValueError \$max below 1",
    'AmqpConfirm\Spool::move' => "Moves every segment no live process holds from \$dir to \$to (created if missing), with how far it was delivered;\nany publisher spooling to \$to delivers them. Returns how many segments moved; held ones stay.\n@throws SpoolException a directory cannot be read or written",
    'AmqpConfirm\Confirmation' => 'The confirmation of one published message, returned by Publisher::publish(). Cannot be constructed from PHP.',
    'AmqpConfirm\Publisher' => "Publishes to RabbitMQ with publisher confirms over one connection, without blocking on the broker.\nWhen destroyed it waits up to amqp_confirm.drain_timeout for outstanding confirmations (not at all while the broker is unreachable),\nthen logs each message still unconfirmed and each failed, nacked or returned message whose outcome no code looked at.",

    'AmqpConfirm\NackedException::$confirmation' => "@var Confirmation|null the handle of the nacked message, when the extension threw this",
    'AmqpConfirm\NackedException::getConfirmation' => "The handle of the message the broker nacked; null when constructed by PHP code without one.",
    'AmqpConfirm\ReturnedException::$confirmation' => "@var Confirmation|null the handle of the returned message, when the extension threw this",
    'AmqpConfirm\ReturnedException::getConfirmation' => "The handle of the message the broker returned; null when constructed by PHP code without one.",
    'AmqpConfirm\ReturnedException::$replyText' => "The broker's reply text (NO_ROUTE).",
    'AmqpConfirm\ReturnedException::getReplyText' => "The broker's reply text (NO_ROUTE); the reply code is getCode().",
    'AmqpConfirm\PublishFailedException::$confirmation' => "@var Confirmation|null the handle of the failed message, when the extension threw this",
    'AmqpConfirm\PublishFailedException::getConfirmation' => "The handle of the message that failed; null when constructed by PHP code without one.",
    'AmqpConfirm\PublishFailedException::$replyText' => "What happened to the channel or connection (the broker's reply text when it closed it).",
    'AmqpConfirm\PublishFailedException::getReplyText' => "What happened to the channel or connection (the broker's reply text when it closed it); the reply code is getCode(), 0 if none.",
    'AmqpConfirm\ChannelException::$replyText' => "The broker's reply text.",
    'AmqpConfirm\ChannelException::getReplyText' => "The broker's reply text (e.g. \"NOT_FOUND - no queue 'q' in vhost '/'\"); the reply code is getCode().",
    'AmqpConfirm\ByteArray' => "Raw bytes for a header or argument value, sent as an AMQP byte array (type x) where a PHP string goes as a long string (S).\nGo consumers read it as []byte: RoadRunner's jobs read rr_headers only in this form.",
    'AmqpConfirm\ByteArray::__construct' => "Holds \$bytes, any bytes.",
    'AmqpConfirm\ByteArray::getBytes' => "The bytes.",
    'AmqpConfirm\ByteArray::__toString' => "The bytes.",
    'AmqpConfirm\ByteArray::__debugInfo' => "What var_dump() and print_r() show: the bytes and their length.\n@return array{bytes: string, length: int}",
    'AmqpConfirm\Confirmation::__debugInfo' => "What var_dump() and print_r() show: message id, delivery tag, status, attempts, exchange, routing key, reason.\n@return array{messageId: string, deliveryTag: int, status: Status, attempts: int, exchange: string, routingKey: string, reason: ?string}",
    'AmqpConfirm\Publisher::__debugInfo' => "What var_dump() and print_r() show: the URI without its password, the connection name, persistent, connected, and the counters of stats().\n@return array{uri: string, connectionName: ?string, persistent: bool, connected: bool, node: string, stats: array<string, int|bool|string|null>}",
    'AmqpConfirm\Confirmation::isSettled' => "True once the message has an outcome. Never blocks.",
    'AmqpConfirm\Confirmation::status' => "The current status. Never blocks.",
    'AmqpConfirm\Confirmation::wait' => "Waits for the outcome. Returns when the broker acked the message, or at once when it was spooled (status() tells which).\n@param float|null \$timeout seconds; null: the publisher's confirm_timeout\n@throws NackedException the broker nacked it\n@throws ReturnedException it was mandatory and unroutable\n@throws PublishFailedException the channel or connection was lost before an answer\n@throws TimeoutException no outcome in time; the handle stays pending and can be waited on again\n@throws \\ValueError negative, NaN or infinite timeout",
    'AmqpConfirm\Confirmation::messageId' => "The message id: the one given in the properties, or the one generated for it.",
    'AmqpConfirm\Confirmation::deliveryTag' => "The delivery tag on its channel (from 1 per channel); 0 until the message reaches a channel.",
    'AmqpConfirm\Confirmation::reason' => "Why the message was not acked (\"312 NO_ROUTE\", the cause of a failure...); null while pending or when acked.",
    'AmqpConfirm\Confirmation::attempts' => "How many times the message was published: 1, more when it was republished after a lost channel or connection (or a nack, with retry_nacked).",
    'AmqpConfirm\Confirmation::exchange' => "The exchange the message was published to.",
    'AmqpConfirm\Confirmation::routingKey' => "The routing key the message was published with.",
    'AmqpConfirm\Confirmation::__construct' => "Not constructible from PHP: handles come from Publisher::publish().\n@throws \\Exception always",

    'AmqpConfirm\Publisher::__construct' => "Connects to the broker (amqp:// or amqps://; query: heartbeat, frame_max, channel_max, connection_timeout).\nA cluster: several hosts in one URI (amqp://user:pass@h1:5672,h2:5672,h3/vhost) or a list of URIs; each node is tried in turn\n(node_order \"shuffle\", the default, or \"ordered\"), and a lost connection fails over to the next node.\n@param string|array<string> \$uri\n@param array{connection_name?: string, connect_timeout?: float, confirm_timeout?: float, max_in_flight?: int, max_in_flight_bytes?: int, max_message_size?: int, cafile?: string, certfile?: string, keyfile?: string, verify_peer?: bool, reconnect_attempts?: int, reconnect_backoff?: array{float, float}, max_attempts?: int, retry_nacked?: bool, persistent?: bool, node_order?: 'shuffle'|'ordered', spool_dir?: string, spool_after?: float, spool_max_bytes?: int, spool_max_age?: float, spool_sync?: 'always'|'batch'}|null \$options\n@throws ConnectionException no node can be reached or each refuses the login within connect_timeout (the message names each node); with a spool_dir, never: the publisher spools until a node answers\n@throws SpoolException the spool directory cannot be created\n@throws \\ValueError malformed URI, unknown option or bad option value\n@throws \\TypeError an option of the wrong type",
    'AmqpConfirm\Publisher::publish' => "Publishes one message and returns its confirmation handle at once.\nWaits only when max_in_flight messages (or max_in_flight_bytes of bodies) are unsettled, up to confirm_timeout.\n@param array{content_type?: string, content_encoding?: string, delivery_mode?: int, priority?: int, correlation_id?: string, reply_to?: string, expiration?: string|int, message_id?: string, timestamp?: int, type?: string, user_id?: string, app_id?: string, headers?: array<string, mixed>}|null \$properties\n@param bool \$mandatory ask the broker to return the message when no queue receives it (default true: an unroutable message is a failure, not a silent ack)\n@throws TimeoutException no room in the max_in_flight / max_in_flight_bytes window within confirm_timeout\n@throws SpoolException the message had to be spooled and the spool is full or the disk refused it (nothing was kept)\n@throws ConnectionException the publisher is closed or was created in another process\n@throws \\ValueError a name over 255 bytes, a body over max_message_size, an unknown property, a value out of range, a non-finite float header\n@throws \\TypeError a property or header value of the wrong type",
    'AmqpConfirm\Publisher::waitAll' => "Waits until every confirmation this publisher issued is settled. Outcomes stay readable on each handle.\n@param float|null \$timeout seconds; null: confirm_timeout\n@throws TimeoutException some are still pending (the message says how many)\n@throws \\ValueError negative, NaN or infinite timeout",
    'AmqpConfirm\Publisher::collectFailures' => "Waits until each given confirmation is settled and returns those neither acked nor spooled, keys preserved.\n@param array<Confirmation> \$confirmations\n@return array<Confirmation>\n@throws TimeoutException some are still pending at the deadline\n@throws \\TypeError an element is not a Confirmation",
    'AmqpConfirm\Publisher::declareExchange' => "Declares an exchange (durable unless durable => false).\n@param array{durable?: bool, auto_delete?: bool, internal?: bool, passive?: bool, arguments?: array<string, mixed>}|null \$options\n@throws ChannelException the broker refused (e.g. 406 PRECONDITION_FAILED); the publisher stays usable\n@throws ConnectionException the connection is gone\n@throws TimeoutException no answer within confirm_timeout",
    'AmqpConfirm\Publisher::declareQueue' => "Declares a queue (durable unless durable => false); name '' asks the broker for a generated name.\n@param array{durable?: bool, auto_delete?: bool, exclusive?: bool, passive?: bool, arguments?: array<string, mixed>}|null \$options\n@return array{messages: int, consumers: int, name: string}\n@throws ChannelException the broker refused (404 for a passive declare of a missing queue, 406 for inequivalent arguments)\n@throws ConnectionException the connection is gone\n@throws TimeoutException no answer within confirm_timeout",
    'AmqpConfirm\Publisher::bindQueue' => "Binds a queue to an exchange.\n@param array<string, mixed>|null \$arguments binding arguments (e.g. x-match for headers exchanges)\n@throws ChannelException the broker refused (e.g. 404 for a missing queue or exchange)\n@throws ConnectionException the connection is gone\n@throws TimeoutException no answer within confirm_timeout",
    'AmqpConfirm\Publisher::deleteQueue' => "Deletes a queue and returns how many messages it held.\n@param array{if_unused?: bool, if_empty?: bool}|null \$options\n@throws ChannelException the broker refused (e.g. 406 with if_empty on a non-empty queue)\n@throws ConnectionException the connection is gone\n@throws TimeoutException no answer within confirm_timeout",
    'AmqpConfirm\Publisher::deleteExchange' => "Deletes an exchange.\n@param array{if_unused?: bool}|null \$options\n@throws ChannelException the broker refused\n@throws ConnectionException the connection is gone\n@throws TimeoutException no answer within confirm_timeout",
    'AmqpConfirm\Publisher::purgeQueue' => "Removes every ready message from a queue and returns how many.\n@throws ChannelException the broker refused (e.g. 404)\n@throws ConnectionException the connection is gone\n@throws TimeoutException no answer within confirm_timeout",
    'AmqpConfirm\Publisher::stats' => "Message counters of this publisher; reconnections, reconnection attempts and failovers (reconnections to another node), the node in use (host:port); whether the broker blocks it (and why).\n@return array{published: int, acked: int, nacked: int, returned: int, failed: int, in_flight: int, in_flight_bytes: int, reconnects: int, reconnect_attempts: int, failovers: int, node: string, blocked: bool, blocked_reason: ?string, spool?: array{spooled: int, delivered: int, dead_lettered: int, torn: int, dir: string, segments: int, bytes: int, oldest_age: ?float}}",
    'AmqpConfirm\Publisher::isConnected' => "Whether the AMQP connection is up.",
    'AmqpConfirm\Publisher::close' => "Waits for outstanding confirmations, then closes the channel and the connection. Closing twice is harmless.\nA persistent connection that other Publisher objects in this process share stays open for them: only this object is closed.\n@param float|null \$timeout seconds; null: confirm_timeout\n@throws TimeoutException some confirmations were still pending (the connection is closed anyway)",
    'AmqpConfirm\Publisher::isPersistent' => "Whether this publisher's connection is kept across requests (persistent => true): shared by every Publisher made with the same URI and options in this process, drained at each request end.",
    'AmqpConfirm\Publisher::settledStream' => "A read-only stream for event loops (stream_select, Revolt/amp onReadable, ReactPHP addReadStream, pecl/event): readable\nwhile handles of this publisher that settled since the last collectSettled() wait to be collected. Each call returns a new\nstream on the same notifier; closing it closes nothing the publisher uses. Handles are kept for collection from the first call on.\n@return resource\n@throws ConnectionException the publisher is closed",
    'AmqpConfirm\Publisher::collectSettled' => "Never blocks: clears the settled stream's readiness and returns the handles settled since the last call, in the order they\nsettled (at most \$max; the stream stays readable while more remain). Each is the same object publish() returned for that message\nwhile PHP still holds it.\n@return list<Confirmation>\n@throws \\ValueError \$max below 1",
    'AmqpConfirm\Publisher::liveObjects' => "How many objects of each kind this process holds now: messages kept for (re)publishing (each with its body, until settled), confirmation handles, publishers, channel tasks and open connections. For leak checks: after a run, once publishers are closed and handles freed, the counts return to where they started.\n@return array{messages: int, confirmations: int, publishers: int, channel_tasks: int, connections: int}",
    'AmqpConfirm\Publisher::uri' => "The URI this publisher connected to, without the password.",
];

function amqp_confirm_doc(string $key, string $indent): string
{
    $doc = AMQP_CONFIRM_DOCS[$key] ?? throw new LogicException("stubs/generate.php has no documentation for $key");
    $lines = explode("\n", $doc);
    return $indent . "/**\n" . implode('', array_map(fn($l) => "$indent * $l\n", $lines)) . "$indent */\n";
}

function amqp_confirm_type(?ReflectionType $type): string
{
    return $type === null ? '' : amqp_confirm_names((string) $type);
}

/** Class names in a type, relative to the AmqpConfirm namespace or fully qualified. */
function amqp_confirm_names(string $name): string
{
    return preg_replace_callback('/[A-Za-z_\\\\][A-Za-z0-9_\\\\]*/', function ($m) {
        $t = $m[0];
        $builtin = ['int', 'float', 'string', 'bool', 'array', 'void', 'null', 'mixed', 'static', 'self', 'object', 'iterable', 'callable', 'never', 'false', 'true'];
        if (in_array(strtolower($t), $builtin, true)) {
            return $t;
        }
        return str_starts_with($t, 'AmqpConfirm\\') ? substr($t, strlen('AmqpConfirm\\')) : '\\' . $t;
    }, $name);
}

function amqp_confirm_default(ReflectionParameter $p): string
{
    if (!$p->isDefaultValueAvailable()) {
        return '';
    }
    $v = $p->getDefaultValue();
    return ' = ' . match (true) {
        $v === null => 'null',
        is_bool($v) => $v ? 'true' : 'false',
        default => var_export($v, true),
    };
}

function amqp_confirm_stub(): string
{
    $ext = new ReflectionExtension('amqp_confirm');
    $out = "<?php\n\n// Stubs for the amqp_confirm extension " . $ext->getVersion() . ", for IDEs and static analysers.\n"
        . "// Generated from the extension's Reflection by stubs/generate.php: do not edit by hand.\n\n"
        . "namespace AmqpConfirm;\n";
    foreach ($ext->getClasses() as $class) {
        $short = $class->getShortName();
        $out .= "\n" . amqp_confirm_doc($class->getName(), '');
        if ($class->isEnum()) {
            $enum = new ReflectionEnum($class->getName());
            $out .= "enum $short: " . $enum->getBackingType() . "\n{\n";
            foreach ($enum->getCases() as $case) {
                $out .= "    case " . $case->getName() . ' = ' . var_export($case->getBackingValue(), true) . ";\n";
            }
            $out .= "}\n";
            continue;
        }
        $parent = $class->getParentClass();
        $extends = $parent ? ' extends ' . amqp_confirm_names($parent->getName()) : '';
        $modifiers = ($class->isFinal() ? 'final ' : '') . ($class->isAbstract() ? 'abstract ' : '');
        $methods = array_filter($class->getMethods(), fn($m) => $m->getDeclaringClass()->getName() === $class->getName());
        $out .= "{$modifiers}class $short$extends\n{\n";
        $first = true;
        foreach ($class->getProperties() as $prop) {
            if ($prop->getDeclaringClass()->getName() !== $class->getName()) {
                continue;
            }
            $default = $prop->hasDefaultValue() ? ' = ' . var_export($prop->getDefaultValue(), true) : '';
            $type = $prop->hasType() ? amqp_confirm_type($prop->getType()) . ' ' : '';
            $out .= amqp_confirm_doc($class->getName() . '::$' . $prop->getName(), '    ');
            $out .= "    protected $type\$" . $prop->getName() . str_replace('NULL', 'null', $default) . ";\n";
            $first = false;
        }
        foreach ($methods as $m) {
            $out .= ($first ? '' : "\n") . amqp_confirm_doc($class->getName() . '::' . $m->getName(), '    ');
            $first = false;
            $params = array_map(fn($p) => ($p->getAttributes('SensitiveParameter') ? '#[\\SensitiveParameter] ' : '') . trim(amqp_confirm_type($p->getType()) . ' $' . $p->getName()) . amqp_confirm_default($p), $m->getParameters());
            $ret = $m->hasReturnType() ? ': ' . amqp_confirm_type($m->getReturnType()) : '';
            $vis = $m->isPublic() ? 'public' : ($m->isProtected() ? 'protected' : 'private');
            $static = $m->isStatic() ? ' static' : '';
            $out .= "    $vis$static function " . $m->getName() . '(' . implode(', ', $params) . ")$ret {}\n";
        }
        $out .= "}\n";
    }
    return $out;
}

if (realpath($_SERVER['SCRIPT_FILENAME'] ?? '') === realpath(__FILE__)) {
    echo amqp_confirm_stub();
}
