<?php

use AmqpConfirm\Symfony\Messenger\AmqpConfirmTransportFactory;
use AmqpConfirm\Symfony\Messenger\ConfirmationStamp;
use AmqpConfirm\Symfony\Messenger\FlushMiddleware;
use PHPUnit\Framework\TestCase;
use Psr\Container\ContainerInterface;
use Symfony\Component\Messenger\Envelope;
use Symfony\Component\Messenger\Exception\TransportException;
use Symfony\Component\Messenger\Handler\HandlersLocator;
use Symfony\Component\Messenger\MessageBus;
use Symfony\Component\Messenger\Middleware\HandleMessageMiddleware;
use Symfony\Component\Messenger\Middleware\SendMessageMiddleware;
use Symfony\Component\Messenger\Transport\Sender\SendersLocator;
use Symfony\Component\Messenger\Transport\Serialization\PhpSerializer;

/** A command whose handler dispatches a batch of messages: one outer dispatch, many sends. */
final class PlaceOrders
{
    public function __construct(public int $count, public int $everyNthRefused) {}
}

/** `pipelined` mode: sends return at once, one flush waits for all and lists every failure. */
final class PipelinedTest extends TestCase
{
    private function transport(string $ok, string $full)
    {
        return (new AmqpConfirmTransportFactory())->createTransport('amqp-confirm://guest:guest@127.0.0.1:5672/%2f', [
            'confirm_mode' => 'pipelined',
            'exchange' => ['name' => 'phpunit.pipe.' . getmypid() . '.' . bin2hex(random_bytes(3)), 'type' => 'direct', 'default_publish_routing_key' => 'ok'],
            'queues' => [$ok => ['binding_keys' => ['ok'], 'arguments' => ['x-expires' => 60000]],
                         $full => ['binding_keys' => ['full'], 'arguments' => ['x-expires' => 60000, 'x-max-length' => 0, 'x-overflow' => 'reject-publish']]],
        ], new PhpSerializer());
    }

    public function testSendsReturnAtOnceAndOneFlushListsEveryFailedMessage(): void
    {
        $suffix = getmypid() . '.' . bin2hex(random_bytes(4));
        $t = $this->transport("phpunit.pipe.ok.$suffix", "phpunit.pipe.full.$suffix");
        $stamps = [];
        for ($i = 0; $i < 1000; $i++) {
            $stamp = $i % 100 === 0 ? [new \Symfony\Component\Messenger\Bridge\Amqp\Transport\AmqpStamp('full')] : [];
            $stamps[] = $t->send(new Envelope(new OrderPlaced("P-$i"), $stamp))->last(ConfirmationStamp::class);
        }
        $this->assertCount(1000, array_filter($stamps));
        try {
            $t->flush();
            $this->fail('the refused messages were not reported');
        } catch (TransportException $e) {
            $this->assertStringStartsWith('10 of 1000 message(s) not confirmed: ', $e->getMessage());
            $this->assertSame(10, substr_count($e->getMessage(), '(nacked: '));
        }
        $acked = array_filter($stamps, fn($s) => $s->getConfirmation()->status() === \AmqpConfirm\Status::Acked);
        $this->assertCount(990, $acked);
        $t->flush(); // nothing pending any more
    }

    public function testTheMiddlewareFlushesOnceAtTheEndOfTheOutermostDispatch(): void
    {
        $suffix = getmypid() . '.' . bin2hex(random_bytes(4));
        $t = $this->transport("phpunit.pipe.ok.$suffix", "phpunit.pipe.full.$suffix");
        $container = new class($t) implements ContainerInterface {
            public function __construct(private $t) {}
            public function get(string $id) { return $this->t; }
            public function has(string $id): bool { return $id === 'orders'; }
        };
        $bus = null;
        $handler = function (PlaceOrders $command) use (&$bus) {
            for ($i = 0; $i < $command->count; $i++) {
                $stamps = $command->everyNthRefused && $i % $command->everyNthRefused === 0 ? [new \Symfony\Component\Messenger\Bridge\Amqp\Transport\AmqpStamp('full')] : [];
                $bus->dispatch(new Envelope(new OrderPlaced("M-$i"), $stamps));
            }
        };
        $bus = new MessageBus([
            new FlushMiddleware([$t]),
            new SendMessageMiddleware(new SendersLocator([OrderPlaced::class => ['orders']], $container)),
            new HandleMessageMiddleware(new HandlersLocator([PlaceOrders::class => [$handler]])),
        ]);
        $bus->dispatch(new PlaceOrders(500, 0));
        $this->addToAssertionCount(1); // 500 sends, one flush, nothing failed
        try {
            $bus->dispatch(new PlaceOrders(500, 50));
            $this->fail('the refused messages were not reported');
        } catch (TransportException $e) {
            $this->assertStringStartsWith('10 of 500 message(s) not confirmed: ', $e->getMessage());
        }
    }
}
