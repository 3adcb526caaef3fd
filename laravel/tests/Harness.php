<?php

declare(strict_types=1);

use AmqpConfirm\Laravel\AmqpConfirmConnector;
use Illuminate\Bus\Dispatcher as BusDispatcher;
use Illuminate\Container\Container;
use Illuminate\Contracts\Bus\Dispatcher as BusDispatcherContract;
use Illuminate\Contracts\Debug\ExceptionHandler;
use Illuminate\Contracts\Queue\ShouldQueue;
use Illuminate\Database\Capsule\Manager as Database;
use Illuminate\Events\Dispatcher;
use Illuminate\Queue\Capsule\Manager as QueueCapsule;
use Illuminate\Queue\Events\JobFailed;
use Illuminate\Queue\Failed\DatabaseUuidFailedJobProvider;
use Illuminate\Queue\InteractsWithQueue;
use Illuminate\Queue\Worker;
use Illuminate\Queue\WorkerOptions;

/**
 * Laravel's queue outside a full application, wired as the framework wires it: a container, the event dispatcher,
 * the bus (for job objects), the queue manager with this package's connector, a failed-jobs store in SQLite (as
 * `queue:work` logs failures: on JobFailed), and Laravel's own Worker.
 */
final class Harness
{
    public Container $container;
    public QueueCapsule $queue;
    public Dispatcher $events;
    public DatabaseUuidFailedJobProvider $failer;
    public Worker $worker;
    public ReportingHandler $handler;
    /** @var list<mixed> what the jobs' handlers received, in order */
    public static array $handled = [];

    public function __construct(array $connection)
    {
        self::$handled = [];
        \Illuminate\Queue\Queue::createPayloadUsing(null); // a queue outside an application has no payload hooks
        $this->container = new Container();
        Container::setInstance($this->container);
        $this->container->instance(\Illuminate\Contracts\Container\Container::class, $this->container);
        $this->events = new Dispatcher($this->container);
        $this->container->instance('events', $this->events);
        $this->container->instance(\Illuminate\Contracts\Events\Dispatcher::class, $this->events);
        $this->handler = new ReportingHandler();
        $this->container->instance(ExceptionHandler::class, $this->handler);
        $this->queue = new QueueCapsule($this->container);
        $this->queue->getQueueManager()->addConnector('amqp-confirm', fn() => new AmqpConfirmConnector());
        $this->queue->addConnection($connection, 'rabbitmq');
        $this->container->instance('queue', $this->queue->getQueueManager());
        $bus = new BusDispatcher($this->container, fn($connection = null) => $this->queue->getQueueManager()->connection($connection));
        $this->container->instance(BusDispatcherContract::class, $bus);

        $db = new Database($this->container);
        $db->addConnection(['driver' => 'sqlite', 'database' => ':memory:'], 'failed');
        $db->getDatabaseManager()->connection('failed')->getSchemaBuilder()->create('failed_jobs', function ($table) {
            $table->id();
            $table->string('uuid')->unique();
            $table->text('connection');
            $table->text('queue');
            $table->longText('payload');
            $table->longText('exception');
            $table->timestamp('failed_at')->useCurrent();
        });
        $this->failer = new DatabaseUuidFailedJobProvider($db->getDatabaseManager(), 'failed', 'failed_jobs');
        // what `queue:work` does with a job that failed for good
        $this->events->listen(JobFailed::class, fn(JobFailed $e) => $this->failer->log($e->connectionName, $e->job->getQueue(), $e->job->getRawBody(), $e->exception));

        $this->worker = new Worker($this->queue->getQueueManager(), $this->events, $this->handler, fn() => false);
    }

    /** The queue connection under test. */
    public function connection(): \AmqpConfirm\Laravel\AmqpConfirmQueue
    {
        return $this->queue->getQueueManager()->connection('rabbitmq');
    }

    /** Lets Laravel's Worker process the next job of `$queue`, as `queue:work --once --tries=N --backoff=S` does. */
    public function work(string $queue, int $tries = 1, int $backoff = 0): void
    {
        $options = new WorkerOptions(name: 'default', backoff: $backoff, memory: 128, timeout: 0, sleep: 0, maxTries: $tries);
        $this->worker->runNextJob('rabbitmq', $queue, $options);
    }

    /** Runs the worker until `$until()` holds or `$seconds` pass (polling every 50 ms); whether it held. */
    public function workUntil(string $queue, callable $until, float $seconds, int $tries = 1, int $backoff = 0): bool
    {
        $deadline = microtime(true) + $seconds;
        while (!$until()) {
            if (microtime(true) > $deadline) {
                return false;
            }
            $this->work($queue, $tries, $backoff);
            usleep(50000);
        }
        return true;
    }
}

/** Collects what the worker reports, as an application's handler would log it. */
final class ReportingHandler implements ExceptionHandler
{
    /** @var list<\Throwable> */
    public array $reported = [];

    public function report(\Throwable $e): void { $this->reported[] = $e; }
    public function shouldReport(\Throwable $e): bool { return true; }
    public function render($request, \Throwable $e) { throw $e; }
    public function renderForConsole($output, \Throwable $e): void {}
}

/** An old-style job handler (`Class@method`, with the job and its data). */
final class RecordingHandler
{
    public function handle($job, $data): void
    {
        Harness::$handled[] = $data;
        $job->delete();
    }

    /** Fails until its third attempt, then succeeds. */
    public function flaky($job, $data): void
    {
        if ($job->attempts() < 3) {
            throw new \RuntimeException("attempt {$job->attempts()} fails");
        }
        Harness::$handled[] = ['data' => $data, 'attempts' => $job->attempts()];
        $job->delete();
    }

    public function broken($job, $data): void
    {
        throw new \RuntimeException('this job always fails');
    }
}

/** A job object, as applications dispatch them (through the bus and CallQueuedHandler). */
final class SendInvoice implements ShouldQueue
{
    use InteractsWithQueue;

    public function __construct(public int $invoice) {}

    public function handle(): void
    {
        Harness::$handled[] = "invoice {$this->invoice} (attempt {$this->attempts()})";
    }
}
