<?php

namespace AmqpConfirm\Symfony\Messenger;

use Symfony\Component\Messenger\Exception\InvalidArgumentException;

/**
 * A transport DSN, `amqp-confirm://user:pass@host:port/vhost?options` (`amqp-confirm+tls://` for TLS; several hosts
 * comma-separated), turned into the extension's URI and the transport options (the DSN's query, then the
 * transport's options array). Messages never repeat the DSN, so they never show its password.
 */
final class Dsn
{
    private const SCHEMES = ['amqp-confirm' => 'amqp', 'amqp-confirm+tls' => 'amqps'];

    /** Options as close to Symfony's AMQP transport as they apply, plus mandatory and confirm_mode. */
    public const DEFAULTS = [
        'exchange' => ['name' => 'messages', 'type' => 'fanout', 'default_publish_routing_key' => null],
        'queues' => [],
        'auto_setup' => true,
        'confirm_timeout' => 30.0,
        'confirm_mode' => 'wait',
        'mandatory' => true,
        'persistent' => false,
        'connection_name' => null,
    ];

    private function __construct(public readonly string $uri, public readonly array $options) {}

    public static function supports(string $dsn): bool
    {
        $scheme = strtolower(strstr($dsn, '://', true) ?: '');
        return isset(self::SCHEMES[$scheme]);
    }

    public static function parse(string $dsn, array $options = []): self
    {
        $scheme = strtolower(strstr($dsn, '://', true) ?: '');
        if (!isset(self::SCHEMES[$scheme])) {
            throw new InvalidArgumentException('The amqp-confirm transport DSN must start with "amqp-confirm://" or "amqp-confirm+tls://".');
        }
        $rest = substr($dsn, strlen($scheme) + 3);
        [$location, $query] = array_pad(explode('?', $rest, 2), 2, '');
        $authority = strstr($location, '/', true);
        $authority = $authority === false ? $location : $authority;
        $hosts = substr($authority, (strrpos($authority, '@') ?: -1) + 1);
        if ($hosts === '' || str_contains(",$hosts,", ',,')) {
            throw new InvalidArgumentException('The amqp-confirm transport DSN has no host (or an empty one in its host list).');
        }
        parse_str($query, $fromQuery);
        $merged = array_replace_recursive(self::DEFAULTS, $fromQuery, $options);
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
        $merged['mandatory'] = filter_var($merged['mandatory'], FILTER_VALIDATE_BOOL);
        $merged['persistent'] = filter_var($merged['persistent'], FILTER_VALIDATE_BOOL);
        $merged['auto_setup'] = filter_var($merged['auto_setup'], FILTER_VALIDATE_BOOL);
        $path = substr($location, strlen($authority));
        return new self(self::SCHEMES[$scheme] . '://' . $authority . ($path === '' || $path === '/' ? '/%2f' : $path), $merged);
    }
}
