<?php

namespace AmqpConfirm\Symfony\Messenger;

use Symfony\Component\Messenger\Transport\Serialization\SerializerInterface;
use Symfony\Component\Messenger\Transport\TransportFactoryInterface;
use Symfony\Component\Messenger\Transport\TransportInterface;

/** Makes the transport for `amqp-confirm://` and `amqp-confirm+tls://` DSNs (tag it `messenger.transport_factory`). */
final class AmqpConfirmTransportFactory implements TransportFactoryInterface
{
    public function createTransport(#[\SensitiveParameter] string $dsn, array $options, SerializerInterface $serializer): TransportInterface
    {
        unset($options['transport_name']);
        return new AmqpConfirmTransport(Dsn::parse($dsn, $options), $serializer);
    }

    public function supports(#[\SensitiveParameter] string $dsn, array $options): bool
    {
        return Dsn::supports($dsn);
    }
}
