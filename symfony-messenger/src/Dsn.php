<?php

namespace AmqpConfirm\Symfony\Messenger;

use Symfony\Component\Messenger\Exception\InvalidArgumentException;

/**
 * A transport DSN, `amqp-confirm://user:pass@host:port/vhost/exchange?options` (`amqp-confirm+tls://` for TLS;
 * several hosts comma-separated; the path as in Symfony's `amqp://`: the vhost, then the exchange name, default
 * `messages`), turned into the extension's URI, the DSN of the receiving side (Symfony's `amqp://` on the first
 * host) and the transport options (the DSN's query, then the transport's options array). As in Symfony's AMQP
 * transport, when no queue is configured one is, named after the exchange. Messages and dumps never show the
 * password.
 */
final class Dsn
{
    private const SCHEMES = ['amqp-confirm' => 'amqp', 'amqp-confirm+tls' => 'amqps'];

    /** Queue and exchange arguments RabbitMQ wants as integers (a DSN query gives strings), as Symfony casts them. */
    private const INTEGER_ARGUMENTS = ['x-delay', 'x-expires', 'x-max-length', 'x-max-length-bytes', 'x-max-priority', 'x-message-ttl'];

    /** Options as close to Symfony's AMQP transport as they apply, plus mandatory and confirm_mode. */
    public const DEFAULTS = [
        'exchange' => ['name' => 'messages', 'type' => 'fanout', 'default_publish_routing_key' => null, 'arguments' => []],
        'queues' => [],
        'delay' => ['exchange_name' => 'delays', 'queue_name_pattern' => 'delay_%exchange_name%_%routing_key%_%delay%'],
        'auto_setup' => true,
        'confirm_timeout' => 30.0,
        'confirm_mode' => 'wait',
        'mandatory' => true,
        'persistent' => false,
        'connection_name' => null,
    ] + self::RECEIVER_OPTIONS;

    /**
     * Symfony's AMQP connection options for the receiving side (php-amqp), passed to it as they are; the sending
     * side also uses connect_timeout, heartbeat, frame_max, channel_max and the TLS files (cacert, cert, key).
     */
    private const RECEIVER_OPTIONS = ['prefetch_count' => null, 'heartbeat' => null, 'read_timeout' => null,
        'write_timeout' => null, 'rpc_timeout' => null, 'connect_timeout' => null, 'cacert' => null, 'cert' => null,
        'key' => null, 'verify' => null, 'sasl_method' => null, 'frame_max' => null, 'channel_max' => null];

    private function __construct(
        public readonly string $uri,
        public readonly string $receiverDsn,
        public readonly array $options,
    ) {}

    public static function supports(#[\SensitiveParameter] string $dsn): bool
    {
        return isset(self::SCHEMES[self::scheme($dsn)]);
    }

    public static function parse(#[\SensitiveParameter] string $dsn, array $options = []): self
    {
        $scheme = self::scheme($dsn);
        if (!isset(self::SCHEMES[$scheme])) {
            throw new InvalidArgumentException('The amqp-confirm transport DSN must start with "amqp-confirm://" or "amqp-confirm+tls://".');
        }
        [$location, $query] = array_pad(explode('?', substr($dsn, strlen($scheme) + 3), 2), 2, '');
        $authority = strstr($location, '/', true);
        $authority = $authority === false ? $location : $authority;
        $at = strrpos($authority, '@');
        $hosts = substr($authority, $at === false ? 0 : $at + 1);
        if ($hosts === '' || str_contains(",$hosts,", ',,')) {
            throw new InvalidArgumentException('The amqp-confirm transport DSN has no host (or an empty one in its host list).');
        }
        foreach (explode(',', $hosts) as $i => $host) {
            self::checkHost($i + 1, $host);
        }
        parse_str($query, $fromQuery);
        $parts = explode('/', trim(substr($location, strlen($authority)), '/'));
        $fromPath = isset($parts[1]) && $parts[1] !== '' ? ['exchange' => ['name' => urldecode($parts[1])]] : [];
        $merged = array_replace_recursive(self::DEFAULTS, $fromPath, $fromQuery, $options);
        if (!isset($fromQuery['queues']) && !isset($options['queues'])) {
            $merged['queues'] = [$merged['exchange']['name'] => []]; // Symfony's default: a queue named after the exchange
        }
        $merged = self::checked($merged);
        $path = '/' . ($parts[0] === '' ? '%2f' : $parts[0]);
        $userInfo = $at === false ? '' : substr($authority, 0, $at + 1);
        $scheme = self::SCHEMES[$scheme];
        $uriQuery = http_build_query(array_filter(array_intersect_key($merged, array_flip(['heartbeat', 'frame_max', 'channel_max'])), fn($v) => $v !== null));
        return new self("$scheme://$authority$path" . ($uriQuery === '' ? '' : "?$uriQuery"), "$scheme://$userInfo" . explode(',', $hosts)[0] . $path, $merged);
    }

    /** The extension's Publisher options. */
    public function publisherOptions(): array
    {
        $o = $this->options;
        return array_filter(['persistent' => $o['persistent'], 'connection_name' => $o['connection_name'],
            'confirm_timeout' => $o['confirm_timeout'], 'connect_timeout' => $o['connect_timeout'] === null ? null : (float) $o['connect_timeout'],
            'cafile' => $o['cacert'], 'certfile' => $o['cert'], 'keyfile' => $o['key']], fn($v) => $v !== null);
    }

    /** The options Symfony's AMQP connection takes for the receiving side. */
    public function receiverOptions(): array
    {
        $o = $this->options;
        return ['exchange' => $o['exchange'], 'queues' => $o['queues'], 'delay' => $o['delay'], 'auto_setup' => $o['auto_setup']]
            + array_filter(array_intersect_key($o, self::RECEIVER_OPTIONS), fn($v) => $v !== null);
    }

    /** @return array<string, mixed> what var_dump() and print_r() show: everything but the password */
    public function __debugInfo(): array
    {
        $hide = fn(string $uri) => preg_replace('#^([^:]+://[^:@/]*):[^@/]*@#', '$1:***@', $uri);
        return ['uri' => $hide($this->uri), 'receiverDsn' => $hide($this->receiverDsn), 'options' => $this->options];
    }

    private static function scheme(string $dsn): string
    {
        return strtolower(strstr($dsn, '://', true) ?: '');
    }

    /** A host of the DSN's list: a name, an IPv4 address or a bracketed IPv6 address, and a port from 1 to 65535. */
    private static function checkHost(int $position, string $host): void
    {
        if (!preg_match('/^(?:\[[0-9A-Fa-f:.]+\]|[^\[\]:\/?#@\s]+)(?::(\d{1,5}))?$/', $host, $m)) {
            throw new InvalidArgumentException(sprintf('The amqp-confirm transport DSN\'s host #%d is not a host name, an IPv4 address or a bracketed IPv6 address with an optional port.', $position));
        }
        if (isset($m[1]) && ((int) $m[1] < 1 || (int) $m[1] > 65535)) {
            throw new InvalidArgumentException(sprintf('The amqp-confirm transport DSN\'s host #%d has port %s; a port is 1 to 65535.', $position, $m[1]));
        }
    }

    /** Validates and normalises the merged options. */
    private static function checked(array $merged): array
    {
        $unknown = array_diff(array_keys($merged), array_keys(self::DEFAULTS));
        if ($unknown) {
            throw new InvalidArgumentException(sprintf('Unknown amqp-confirm transport option(s) "%s" (known: %s).', implode('", "', $unknown), implode(', ', array_keys(self::DEFAULTS))));
        }
        if (!in_array($merged['confirm_mode'], ['wait', 'pipelined'], true)) {
            throw new InvalidArgumentException('The amqp-confirm transport option "confirm_mode" must be "wait" or "pipelined".');
        }
        if (!is_numeric($merged['confirm_timeout']) || (float) $merged['confirm_timeout'] <= 0) {
            throw new InvalidArgumentException('The amqp-confirm transport option "confirm_timeout" must be a number of seconds above 0.');
        }
        $merged['confirm_timeout'] = (float) $merged['confirm_timeout'];
        foreach (['heartbeat', 'frame_max', 'channel_max', 'connect_timeout'] as $number) {
            if ($merged[$number] !== null && (!is_numeric($merged[$number]) || $merged[$number] < 0)) {
                throw new InvalidArgumentException(sprintf('The amqp-confirm transport option "%s" must be a number of 0 or more.', $number));
            }
        }
        foreach (['mandatory', 'persistent', 'auto_setup'] as $flag) {
            $merged[$flag] = filter_var($merged[$flag], FILTER_VALIDATE_BOOL);
        }
        $merged['exchange']['arguments'] = self::integers($merged['exchange']['arguments']);
        foreach ($merged['queues'] as $name => $queue) {
            $merged['queues'][$name]['arguments'] = self::integers($queue['arguments'] ?? []);
        }
        return $merged;
    }

    private static function integers(array $arguments): array
    {
        foreach (array_intersect_key($arguments, array_flip(self::INTEGER_ARGUMENTS)) as $key => $value) {
            $arguments[$key] = (int) $value;
        }
        return $arguments;
    }
}
