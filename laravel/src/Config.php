<?php

declare(strict_types=1);

namespace AmqpConfirm\Laravel;

/**
 * One `amqp-confirm` connection of config/queue.php, checked: the broker's nodes, the vhost, where jobs go
 * (exchange, default queue, declared or not), the confirm mode and the extension's options. A bad value is an
 * \InvalidArgumentException, as Laravel's own queue configuration errors are; the password is never in one, nor in a
 * dump of this object.
 */
final class Config
{
    /** Connection keys and their defaults. */
    public const DEFAULTS = [
        'driver' => 'amqp-confirm',
        'hosts' => [['host' => '127.0.0.1', 'port' => 5672, 'user' => 'guest', 'password' => 'guest']],
        'vhost' => '/',
        'secure' => false,
        'exchange' => '',
        'exchange_type' => 'direct',
        'queue' => 'default',
        'declare' => true,
        'queue_arguments' => [],
        'mode' => 'wait',
        'options' => [],
        'after_commit' => false,
        'connection' => null,
    ];

    /**
     * @param list<string> $uris one AMQP URI per node, in the order given
     * @param list<array{host: string, port: int, user: string, password: string}> $nodes
     * @param array<string, mixed> $publisherOptions the extension's Publisher options
     * @param array<string, mixed> $queueArguments arguments of every queue this connection declares (x-queue-type...)
     */
    private function __construct(
        public readonly array $uris,
        public readonly array $nodes,
        public readonly string $vhost,
        public readonly bool $secure,
        public readonly string $exchange,
        public readonly string $exchangeType,
        public readonly string $queue,
        public readonly bool $declare,
        public readonly array $queueArguments,
        public readonly string $mode,
        public readonly array $publisherOptions,
        public readonly bool $afterCommit,
    ) {}

    /** Checks a connection's array from config/queue.php. */
    public static function from(#[\SensitiveParameter] array $config): self
    {
        $unknown = array_diff(array_keys($config), array_keys(self::DEFAULTS), ['name']);
        if ($unknown) {
            throw new \InvalidArgumentException(sprintf('Unknown amqp-confirm queue connection key(s) "%s" (known: %s).', implode('", "', $unknown), implode(', ', array_keys(self::DEFAULTS))));
        }
        $c = $config + self::DEFAULTS;
        if (!in_array($c['mode'], ['wait', 'pipelined'], true)) {
            throw new \InvalidArgumentException('The amqp-confirm queue connection\'s "mode" must be "wait" or "pipelined".');
        }
        foreach (['vhost', 'exchange', 'exchange_type', 'queue'] as $key) {
            if (!is_string($c[$key])) {
                throw new \InvalidArgumentException(sprintf('The amqp-confirm queue connection\'s "%s" must be a string, %s given.', $key, get_debug_type($c[$key])));
            }
        }
        if ($c['queue'] === '') {
            throw new \InvalidArgumentException('The amqp-confirm queue connection\'s "queue" must not be empty.');
        }
        foreach (['options', 'queue_arguments'] as $key) {
            if (!is_array($c[$key])) {
                throw new \InvalidArgumentException(sprintf('The amqp-confirm queue connection\'s "%s" must be an array, %s given.', $key, get_debug_type($c[$key])));
            }
        }
        $hosts = is_array($c['hosts']) && !array_is_list($c['hosts']) ? [$c['hosts']] : $c['hosts'];
        if (!is_array($hosts) || $hosts === []) {
            throw new \InvalidArgumentException('The amqp-confirm queue connection\'s "hosts" must list at least one node.');
        }
        $secure = filter_var($c['secure'], FILTER_VALIDATE_BOOL);
        $nodes = array_map(fn($host, $i) => self::node($host, $i + 1), $hosts, array_keys($hosts));
        $path = '/' . rawurlencode($c['vhost']);
        $uris = array_map(fn(array $n) => sprintf('%s://%s:%s@%s:%d%s', $secure ? 'amqps' : 'amqp', rawurlencode($n['user']), rawurlencode($n['password']),
            str_contains($n['host'], ':') ? "[{$n['host']}]" : $n['host'], $n['port'], $path), $nodes);
        return new self($uris, $nodes, $c['vhost'], $secure, $c['exchange'], $c['exchange_type'], $c['queue'],
            filter_var($c['declare'], FILTER_VALIDATE_BOOL), $c['queue_arguments'], $c['mode'], $c['options'], filter_var($c['after_commit'], FILTER_VALIDATE_BOOL));
    }

    /** @return array{host: string, port: int, user: string, password: string} */
    private static function node(#[\SensitiveParameter] mixed $host, int $position): array
    {
        if (!is_array($host)) {
            throw new \InvalidArgumentException(sprintf('The amqp-confirm queue connection\'s node #%d must be an array of host, port, user and password.', $position));
        }
        $node = $host + ['port' => 5672, 'user' => 'guest', 'password' => 'guest'];
        if (!isset($node['host']) || !is_string($node['host']) || $node['host'] === '' || preg_match('/[\s\/@?#]/', $node['host'])) {
            throw new \InvalidArgumentException(sprintf('The amqp-confirm queue connection\'s node #%d has no valid "host".', $position));
        }
        if (filter_var($node['port'], FILTER_VALIDATE_INT, ['options' => ['min_range' => 1, 'max_range' => 65535]]) === false) {
            throw new \InvalidArgumentException(sprintf('The amqp-confirm queue connection\'s node #%d has port %s; a port is 1 to 65535.', $position, is_scalar($node['port']) ? var_export($node['port'], true) : get_debug_type($node['port'])));
        }
        if (!is_string($node['user']) || !is_string($node['password'])) {
            throw new \InvalidArgumentException(sprintf('The amqp-confirm queue connection\'s node #%d must have a string "user" and "password".', $position));
        }
        return ['host' => trim($node['host'], '[]'), 'port' => (int) $node['port'], 'user' => $node['user'], 'password' => $node['password']];
    }

    /** @return array<string, mixed> what var_dump() and print_r() show: everything but the passwords */
    public function __debugInfo(): array
    {
        $info = get_object_vars($this);
        $info['uris'] = array_map(fn(string $u) => preg_replace('#^([^:]+://[^:@/]*):[^@/]*@#', '$1:***@', $u), $this->uris);
        $info['nodes'] = array_map(fn(array $n) => ['password' => '***'] + $n, $this->nodes);
        return $info;
    }
}
