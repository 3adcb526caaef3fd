<?php

declare(strict_types=1);

namespace AmqpConfirm\Laravel;

/**
 * The pipelined connections of this process, flushed together at the end of a request, a command or a worker's
 * job (the service provider wires it).
 */
final class Flusher
{
    /** @var \WeakMap<AmqpConfirmQueue, true>|null */
    private static ?\WeakMap $queues = null;

    /** Remembers a connection without keeping it alive. */
    public static function track(AmqpConfirmQueue $queue): void
    {
        self::$queues ??= new \WeakMap();
        self::$queues[$queue] = true;
    }

    /** Flushes every connection with pipelined pushes; each failure goes to `$report` (then the next is flushed). */
    public static function flushAll(callable $report): void
    {
        foreach (self::$queues ?? [] as $queue => $_) {
            if (!$queue->hasUnflushed()) {
                continue;
            }
            try {
                $queue->flush();
            } catch (\Throwable $e) {
                $report($e);
            }
        }
    }
}
