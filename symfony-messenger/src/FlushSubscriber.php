<?php

namespace AmqpConfirm\Symfony\Messenger;

use Symfony\Component\EventDispatcher\EventSubscriberInterface;
use Symfony\Component\Messenger\Event\WorkerMessageHandledEvent;
use Symfony\Component\Messenger\Event\WorkerStoppedEvent;

/**
 * The framework's flush points for `pipelined` transports: after the response is sent (kernel.terminate), when a
 * console command ends (console.terminate), and in a worker after each handled message (before the worker acks
 * it, so a failure leaves the received message unacked, to be redelivered) and when the worker stops. Each throws
 * the transport's TransportException listing every failed message. Register it as an event subscriber.
 */
final class FlushSubscriber implements EventSubscriberInterface
{
    /** @param iterable<AmqpConfirmTransport> $transports */
    public function __construct(private iterable $transports) {}

    public static function getSubscribedEvents(): array
    {
        return [
            'kernel.terminate' => 'flush',
            'console.terminate' => 'flush',
            WorkerMessageHandledEvent::class => 'flush',
            WorkerStoppedEvent::class => 'flush',
        ];
    }

    /** Flushes every transport. */
    public function flush(): void
    {
        foreach ($this->transports as $transport) {
            $transport->flush();
        }
    }
}
