<?php

namespace AmqpConfirm\Symfony\Messenger;

use AmqpConfirm\Confirmation;
use Symfony\Component\Messenger\Stamp\NonSendableStampInterface;

/** Added by send() in `pipelined` mode: the message's confirmation, to check later (never serialized). */
final class ConfirmationStamp implements NonSendableStampInterface
{
    public function __construct(private Confirmation $confirmation) {}

    public function getConfirmation(): Confirmation
    {
        return $this->confirmation;
    }
}
