<?php

declare(strict_types=1);

namespace AmqpConfirm\Laravel;

use AmqpConfirm\Confirmation;

/** Jobs that RabbitMQ did not take (nacked, returned as unroutable, or lost with the connection), each named. */
class PushFailedException extends \RuntimeException
{
    /** @var list<array{job: string, confirmation: Confirmation}> */
    private array $failures;

    /** @param list<array{0: string, 1: Confirmation}> $failures the job's display name and its confirmation */
    public function __construct(array $failures, int $total)
    {
        $this->failures = array_map(fn($f) => ['job' => $f[0], 'confirmation' => $f[1]], $failures);
        $names = array_map(fn($f) => sprintf('%s [%s]: %s', $f[0], $f[1]->messageId(), $f[1]->reason() ?? $f[1]->status()->value), $failures);
        parent::__construct(sprintf('%d of %d job(s) were not acked by RabbitMQ: %s', count($failures), $total, implode('; ', $names)));
    }

    /** @return list<array{job: string, confirmation: Confirmation}> each job not acked: its name and its confirmation */
    public function failures(): array
    {
        return $this->failures;
    }
}
