<?php

declare(strict_types=1);

use AmqpConfirm\Laravel\AmqpConfirmServiceProvider;
use AmqpConfirm\Laravel\PushFailedException;
use Illuminate\Config\Repository;
use Illuminate\Contracts\Debug\ExceptionHandler;
use Illuminate\Events\EventServiceProvider;
use Illuminate\Foundation\Application;
use Illuminate\Queue\QueueServiceProvider;
use Illuminate\Support\Facades\Facade;
use PHPUnit\Framework\TestCase;

/**
 * The service provider in a Laravel application: it registers the `amqp-confirm` driver for config/queue.php, and
 * pipelined pushes are flushed when the application terminates (after the response, after a command), failures
 * going to the exception handler.
 */
final class ProviderTest extends TestCase
{
    private string $queue;

    protected function setUp(): void
    {
        $this->queue = 'phpunit.laravel-app.' . getmypid() . '.' . bin2hex(random_bytes(4));
    }

    protected function tearDown(): void
    {
        (new AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:5672/%2f'))->deleteQueue($this->queue);
        // what the application's providers left in static state (Laravel 11+ adds a payload hook for its log context)
        Facade::clearResolvedInstances();
        Facade::setFacadeApplication(null);
        Illuminate\Queue\Queue::createPayloadUsing(null);
    }

    private function app(array $connection): Application
    {
        $app = new Application(sys_get_temp_dir());
        $app->instance('config', new Repository(['queue' => ['default' => 'rabbitmq', 'connections' => ['rabbitmq' => $connection + [
            'driver' => 'amqp-confirm',
            'hosts' => [['host' => '127.0.0.1', 'port' => 5672, 'user' => 'guest', 'password' => 'guest']],
            'queue' => $this->queue,
            'queue_arguments' => ['x-expires' => 120000],
        ]]]]));
        $handler = new ReportingHandler();
        $app->instance(ExceptionHandler::class, $handler);
        $app->register(EventServiceProvider::class);
        $app->register(QueueServiceProvider::class);
        $app->register(AmqpConfirmServiceProvider::class);
        Facade::setFacadeApplication($app); // as the HTTP and console kernels do when they bootstrap
        $app->boot();
        return $app;
    }

    public function testPipelinedPushesAreConfirmedWhenTheApplicationTerminates(): void
    {
        $app = $this->app(['mode' => 'pipelined']);
        $queue = $app['queue']->connection();
        $this->assertInstanceOf(AmqpConfirm\Laravel\AmqpConfirmQueue::class, $queue);
        for ($i = 0; $i < 50; $i++) {
            $queue->push('RecordingHandler@handle', $i);
        }
        $this->assertTrue($queue->hasUnflushed());
        $app->terminate();
        $this->assertFalse($queue->hasUnflushed());
        $this->assertSame(50, $queue->size());
        $this->assertSame([], $app->make(ExceptionHandler::class)->reported);
    }

    public function testAFailureFoundAtTerminationIsReported(): void
    {
        $exchange = 'phpunit.laravel-app-ex.' . getmypid() . '.' . bin2hex(random_bytes(4));
        (new AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:5672/%2f'))->declareExchange($exchange, 'direct', ['auto_delete' => true, 'durable' => false]);
        $app = $this->app(['mode' => 'pipelined', 'exchange' => $exchange, 'declare' => false]);
        $app['queue']->connection()->push('RecordingHandler@handle', 'unroutable');
        $app->terminate();
        $reported = $app->make(ExceptionHandler::class)->reported;
        $this->assertCount(1, $reported);
        $this->assertInstanceOf(PushFailedException::class, $reported[0]);
        $this->assertStringContainsString('312 NO_ROUTE', $reported[0]->getMessage());
    }

    public function testWaitModeIsTheDefault(): void
    {
        $app = $this->app([]);
        $queue = $app['queue']->connection();
        $queue->push('RecordingHandler@handle', 'acked before push() returns');
        $this->assertFalse($queue->hasUnflushed());
        $this->assertSame(1, $queue->size());
    }
}
