<?php

declare(strict_types=1);

namespace AmqpConfirm\Laravel;

use Illuminate\Contracts\Debug\ExceptionHandler;
use Illuminate\Queue\Events\JobProcessed;
use Illuminate\Queue\Events\JobFailed;
use Illuminate\Support\ServiceProvider;

/**
 * Registers the `amqp-confirm` queue driver, and flushes pipelined connections when the application terminates
 * (after the response, after an Artisan command) and after each job a worker processes. A failure found by these
 * flushes goes to the exception handler (report()): nothing is left to throw it to.
 */
class AmqpConfirmServiceProvider extends ServiceProvider
{
    public function boot(): void
    {
        $this->app['queue']->addConnector('amqp-confirm', fn() => new AmqpConfirmConnector());
        $flush = fn() => Flusher::flushAll(fn(\Throwable $e) => $this->app->make(ExceptionHandler::class)->report($e));
        $this->app->terminating($flush);
        $this->app['events']->listen([JobProcessed::class, JobFailed::class], $flush);
    }
}
