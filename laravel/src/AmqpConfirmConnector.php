<?php

declare(strict_types=1);

namespace AmqpConfirm\Laravel;

use Illuminate\Queue\Connectors\ConnectorInterface;

/** Makes the queue of an `amqp-confirm` connection from its config/queue.php array. */
class AmqpConfirmConnector implements ConnectorInterface
{
    public function connect(#[\SensitiveParameter] array $config)
    {
        return new AmqpConfirmQueue(Config::from($config));
    }
}
