<?php

use AmqpConfirm\Symfony\Messenger\AmqpConfirmTransportFactory;
use PHPUnit\Framework\TestCase;
use Symfony\Component\EventDispatcher\EventDispatcher;
use Symfony\Component\Messenger\Bridge\Amqp\Transport\AmqpStamp;
use Symfony\Component\Messenger\Event\WorkerRunningEvent;
use Symfony\Component\Messenger\EventListener\AddErrorDetailsStampListener;
use Symfony\Component\Messenger\EventListener\SendFailedMessageForRetryListener;
use Symfony\Component\Messenger\EventListener\SendFailedMessageToFailureTransportListener;
use Symfony\Component\Messenger\EventListener\StopWorkerOnTimeLimitListener;
use Symfony\Component\Messenger\Exception\TransportException;
use Symfony\Component\Messenger\Handler\HandlersLocator;
use Symfony\Component\Messenger\MessageBus;
use Symfony\Component\Messenger\Middleware\HandleMessageMiddleware;
use Symfony\Component\Messenger\Middleware\SendMessageMiddleware;
use Symfony\Component\Messenger\Retry\MultiplierRetryStrategy;
use Symfony\Component\Messenger\Stamp\ErrorDetailsStamp;
use Symfony\Component\Messenger\Stamp\RedeliveryStamp;
use Symfony\Component\Messenger\Stamp\SentToFailureTransportStamp;
use Symfony\Component\Messenger\Transport\Sender\SendersLocator;
use Symfony\Component\Messenger\Transport\Serialization\PhpSerializer;
use Symfony\Component\Messenger\Worker;

/** A message whose handler sends one message to a queue that refuses it. */
final class ForwardToFullQueue
{
    public function __construct(public string $id) {}
}

/**
 * Messenger's own Worker, retry listener (with delays) and failure transport, with this transport receiving,
 * retrying and holding the failures: handler errors and this transport's TransportExceptions go the same way.
 */
final class RetryTest extends TestCase
{
    private string $suffix;
    private array $transports;
    private array $calls = [];

    protected function setUp(): void
    {
        $this->suffix = getmypid() . '.' . bin2hex(random_bytes(4));
        $factory = new AmqpConfirmTransportFactory();
        $make = fn(string $name, array $arguments = []) => $factory->createTransport('amqp-confirm://guest:guest@127.0.0.1:5672/%2f', [
            'exchange' => ['name' => "phpunit.$name.$this->suffix", 'type' => 'fanout'],
            'queues' => ["phpunit.$name.$this->suffix" => ['arguments' => ['x-expires' => 60000] + $arguments]],
        ], new PhpSerializer());
        $this->transports = ['orders' => $make('orders'), 'failed' => $make('failed'),
            'full' => $make('full', ['x-max-length' => 0, 'x-overflow' => 'reject-publish'])];
    }

    /** Dispatches $message, then runs a worker on `orders` until $done() or 30 s (a bound, not an assertion). */
    private function runWorker(object $message, callable $handler, callable $done): void
    {
        $services = new Services($this->transports);
        $bus = new MessageBus([
            new SendMessageMiddleware(new SendersLocator([OrderPlaced::class => ['orders'], ForwardToFullQueue::class => ['orders'], \stdClass::class => ['full']], $services)),
            new HandleMessageMiddleware(new HandlersLocator([get_class($message) => [$handler]])),
        ]);
        $events = new EventDispatcher();
        $events->addSubscriber(new SendFailedMessageForRetryListener($services, new Services(['orders' => new MultiplierRetryStrategy(2, 50, 1)])));
        $events->addSubscriber(new SendFailedMessageToFailureTransportListener(new Services(['orders' => $this->transports['failed']])));
        $events->addSubscriber(new AddErrorDetailsStampListener());
        $events->addSubscriber(new StopWorkerOnTimeLimitListener(30));
        $events->addListener(WorkerRunningEvent::class, function (WorkerRunningEvent $e) use ($done) {
            if ($done()) $e->getWorker()->stop();
        });
        $bus->dispatch($message);
        (new Worker(['orders' => $this->transports['orders']], $bus, $events))->run(['sleep' => 10000]);
    }

    /** @group php-amqp */
    #[\PHPUnit\Framework\Attributes\Group('php-amqp')]
    public function testAFailedHandlerIsRetriedWithADelayThroughThisTransportAndThenSucceeds(): void
    {
        $handler = function (OrderPlaced $m) {
            $this->calls[] = $m;
            if (count($this->calls) === 1) throw new \RuntimeException('first try fails');
        };
        $this->runWorker(new OrderPlaced('R-1'), $handler, fn() => count($this->calls) >= 2);
        $this->assertCount(2, $this->calls);
        $this->assertSame(['R-1', 'R-1'], array_map(fn($m) => $m->id, $this->calls));
        $this->assertSame(0, $this->transports['orders']->getMessageCount());
        $this->assertSame(0, $this->transports['failed']->getMessageCount());
    }

    /** @group php-amqp */
    #[\PHPUnit\Framework\Attributes\Group('php-amqp')]
    public function testAfterTheLastRetryTheMessageGoesToTheFailureTransportWithItsError(): void
    {
        $handler = function (OrderPlaced $m) {
            $this->calls[] = $m;
            throw new \RuntimeException('always fails');
        };
        $this->runWorker(new OrderPlaced('R-2'), $handler, fn() => $this->transports['failed']->getMessageCount() > 0);
        $this->assertCount(3, $this->calls); // the first try and two retries
        $failed = $this->receiveOne($this->transports['failed']);
        $this->assertSame('R-2', $failed->getMessage()->id);
        $this->assertSame('orders', $failed->last(SentToFailureTransportStamp::class)->getOriginalReceiverName());
        $this->assertSame([1, 2, 0], array_map(fn($s) => $s->getRetryCount(), $failed->all(RedeliveryStamp::class))); // the failure transport starts a new count
        $this->assertSame('always fails', $failed->last(ErrorDetailsStamp::class)->getExceptionMessage());
        $this->assertSame(0, $this->transports['orders']->getMessageCount());
    }

    /** @group php-amqp */
    #[\PHPUnit\Framework\Attributes\Group('php-amqp')]
    public function testOurTransportExceptionInAHandlerIsRetriedAndReachesTheFailureTransportLikeAnyOther(): void
    {
        $handler = function (ForwardToFullQueue $m) {
            $this->calls[] = $m;
            $this->transports['full']->send(new \Symfony\Component\Messenger\Envelope(new \stdClass()));
        };
        $this->runWorker(new ForwardToFullQueue('R-3'), $handler, fn() => $this->transports['failed']->getMessageCount() > 0);
        $this->assertCount(3, $this->calls);
        $failed = $this->receiveOne($this->transports['failed']);
        $this->assertSame('R-3', $failed->getMessage()->id);
        $details = $failed->last(ErrorDetailsStamp::class);
        $this->assertSame(TransportException::class, $details->getExceptionClass());
        $this->assertMatchesRegularExpression('/was not confirmed: .*nacked/', $details->getExceptionMessage());
    }

    private function receiveOne($transport): \Symfony\Component\Messenger\Envelope
    {
        $got = iterator_to_array($transport->get());
        $this->assertCount(1, $got);
        $transport->ack($got[0]);
        return $got[0];
    }
}
