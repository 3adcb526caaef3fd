<?php

namespace AmqpConfirm\Symfony\Messenger;

use Symfony\Component\Messenger\Envelope;
use Symfony\Component\Messenger\Middleware\MiddlewareInterface;
use Symfony\Component\Messenger\Middleware\StackInterface;

/**
 * The flush point of `pipelined` transports: once the outermost dispatch returns (nested dispatches do not
 * flush), waits for every message those transports sent and throws one TransportException listing each failed
 * message. Put it first in the bus's middleware list.
 */
final class FlushMiddleware implements MiddlewareInterface
{
    private int $depth = 0;

    /** @param iterable<AmqpConfirmTransport> $transports */
    public function __construct(private iterable $transports) {}

    public function handle(Envelope $envelope, StackInterface $stack): Envelope
    {
        $this->depth++;
        try {
            $envelope = $stack->next()->handle($envelope, $stack);
        } finally {
            $this->depth--;
        }
        if ($this->depth === 0) {
            foreach ($this->transports as $transport) {
                $transport->flush();
            }
        }
        return $envelope;
    }
}
