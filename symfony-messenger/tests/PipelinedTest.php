<?php

use AmqpConfirm\Symfony\Messenger\AmqpConfirmTransportFactory;
use AmqpConfirm\Symfony\Messenger\ConfirmationStamp;
use AmqpConfirm\Symfony\Messenger\FlushMiddleware;
use AmqpConfirm\Symfony\Messenger\FlushSubscriber;
use Symfony\Component\Console\Command\Command;
use Symfony\Component\Console\Event\ConsoleTerminateEvent;
use Symfony\Component\Console\Input\ArrayInput;
use Symfony\Component\Console\Output\NullOutput;
use Symfony\Component\EventDispatcher\EventDispatcher;
use Symfony\Component\HttpFoundation\Request;
use Symfony\Component\HttpFoundation\Response;
use Symfony\Component\HttpKernel\Event\TerminateEvent;
use Symfony\Component\HttpKernel\HttpKernelInterface;
use Symfony\Component\Messenger\Bridge\Amqp\Transport\AmqpStamp;
use Symfony\Component\Messenger\Event\WorkerMessageHandledEvent;
use Symfony\Component\Messenger\Event\WorkerStoppedEvent;
use Symfony\Component\Messenger\Worker;
use PHPUnit\Framework\TestCase;
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
    private function transport(string $ok, string $full, array $options = [])
    {
        return (new AmqpConfirmTransportFactory())->createTransport('amqp-confirm://guest:guest@127.0.0.1:5672/%2f', $options + [
            'confirm_mode' => 'pipelined',
            'exchange' => ['name' => 'phpunit.pipe.' . getmypid() . '.' . bin2hex(random_bytes(3)), 'type' => 'direct', 'default_publish_routing_key' => 'ok'],
            'queues' => [$ok => ['binding_keys' => ['ok'], 'arguments' => ['x-expires' => 60000]],
                         $full => ['binding_keys' => ['full'], 'arguments' => ['x-expires' => 60000, 'x-max-length' => 0, 'x-overflow' => 'reject-publish']]],
        ], new PhpSerializer());
    }

    /** @group php-amqp */
    #[\PHPUnit\Framework\Attributes\Group('php-amqp')]
    public function testSendsReturnAtOnceAndOneFlushListsEveryFailedMessage(): void
    {
        $suffix = getmypid() . '.' . bin2hex(random_bytes(4));
        $t = $this->transport("phpunit.pipe.ok.$suffix", "phpunit.pipe.full.$suffix");
        $stamps = [];
        for ($i = 0; $i < 1000; $i++) {
            $stamp = $i % 100 === 0 ? [new AmqpStamp('full')] : [];
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

    /** @group php-amqp */
    #[\PHPUnit\Framework\Attributes\Group('php-amqp')]
    public function testTheMiddlewareFlushesOnceAtTheEndOfTheOutermostDispatch(): void
    {
        $suffix = getmypid() . '.' . bin2hex(random_bytes(4));
        $t = $this->transport("phpunit.pipe.ok.$suffix", "phpunit.pipe.full.$suffix");
        $container = new Services(['orders' => $t]);
        $bus = null;
        $handler = function (PlaceOrders $command) use (&$bus) {
            for ($i = 0; $i < $command->count; $i++) {
                $stamps = $command->everyNthRefused && $i % $command->everyNthRefused === 0 ? [new AmqpStamp('full')] : [];
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

    /** @return iterable<string, array{string, callable(): object}> */
    public static function frameworkEvents(): iterable
    {
        $kernel = new class implements HttpKernelInterface {
            public function handle(Request $request, int $type = self::MAIN_REQUEST, bool $catch = true): Response { return new Response(); }
        };
        yield 'kernel.terminate' => ['kernel.terminate', fn() => new TerminateEvent($kernel, new Request(), new Response())];
        yield 'console.terminate' => ['console.terminate', fn() => new ConsoleTerminateEvent(new Command('app:import'), new ArrayInput([]), new NullOutput(), 0)];
        yield 'worker message handled' => [WorkerMessageHandledEvent::class, fn() => new WorkerMessageHandledEvent(new Envelope(new \stdClass()), 'orders')];
        yield 'worker stopped' => [WorkerStoppedEvent::class, fn() => new WorkerStoppedEvent(new Worker([], new MessageBus()))];
    }

    /**
     * @dataProvider frameworkEvents
     * @group php-amqp
     */
    #[\PHPUnit\Framework\Attributes\DataProvider('frameworkEvents')] // PHPUnit 10 and later; 9 reads the doc comment
    #[\PHPUnit\Framework\Attributes\Group('php-amqp')]
    public function testTheSubscriberFlushesAtTheFrameworksTerminateAndWorkerEvents(string $name, callable $event): void
    {
        $suffix = getmypid() . '.' . bin2hex(random_bytes(4));
        $t = $this->transport("phpunit.pipe.ok.$suffix", "phpunit.pipe.full.$suffix");
        $events = new EventDispatcher();
        $events->addSubscriber(new FlushSubscriber([$t]));
        for ($i = 0; $i < 100; $i++) {
            $t->send(new Envelope(new OrderPlaced("S-$i"), $i % 10 === 0 ? [new AmqpStamp('full')] : []));
        }
        try {
            $events->dispatch($event(), $name);
            $this->fail("$name did not flush");
        } catch (TransportException $e) {
            $this->assertStringStartsWith('10 of 100 message(s) not confirmed: ', $e->getMessage());
        }
        $events->dispatch($event(), $name); // nothing pending: no exception
    }

    /** @group php-amqp */
    #[\PHPUnit\Framework\Attributes\Group('php-amqp')]
    public function testABrokerConnectionClosedMidBatchLosesNothing(): void
    {
        $suffix = getmypid() . '.' . bin2hex(random_bytes(4));
        $name = "phpunit messenger $suffix";
        $t = $this->transport("phpunit.pipe.ok.$suffix", "phpunit.pipe.full.$suffix", ['connection_name' => $name]);
        $t->send(new Envelope(new OrderPlaced('K-0')));
        $t->flush();
        [$first] = $this->connectionsNamed($name);
        // closed by the broker while the sends go on (rabbitmqctl runs beside them), then 1000 more sends
        $closing = proc_open(['rabbitmqctl', '-q', 'close_connection', $first, 'phpunit'], [1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
        [$sent, $exit] = [1, null];
        for ($after = 0; $after < 1000 && $sent < 200000; $sent++) {
            $t->send(new Envelope(new OrderPlaced("K-$sent")));
            $status = $exit === null ? proc_get_status($closing) : null;
            $exit ??= $status['running'] ? null : $status['exitcode'];
            $after += $exit === null ? 0 : 1;
            usleep(100);
        }
        proc_close($closing);
        $this->assertSame(0, $exit, 'rabbitmqctl closed the connection');
        $t->flush(); // every message acked (republished after the reconnection where needed)
        $ids = [];
        while ($got = iterator_to_array($t->get())) {
            $ids[] = $got[0]->getMessage()->id;
            $t->ack($got[0]);
        }
        $this->assertSame($sent, count(array_unique($ids)), 'every message is in the queue');
        $this->assertNotContains($first, $this->connectionsNamed($name), 'the transport reconnected');
        $this->assertCount(1, $this->connectionsNamed($name));
        fwrite(STDERR, sprintf("\n[connection closed mid-batch: %d acked, %d duplicates]\n", $sent, count($ids) - $sent));
    }

    /** @return list<string> the broker's pids of the connections named $name */
    private function connectionsNamed(string $name): array
    {
        exec('rabbitmqctl -q list_connections pid client_properties 2>/dev/null', $lines);
        $pids = [];
        foreach ($lines as $line) {
            if (str_contains($line, '"' . $name . '"') && preg_match('/^(<[^>]+>)/', $line, $m)) {
                $pids[] = $m[1];
            }
        }
        return $pids;
    }
}
