<?php

declare(strict_types=1);

use AmqpConfirm\Laravel\PushFailedException;
use AmqpConfirm\ReturnedException;
use PHPUnit\Framework\TestCase;

/**
 * The connection against a real broker, with Laravel's own Worker processing what it pushed: push, later, bulk,
 * pipelined flushes, unroutable jobs, retries with backoff, the failed-jobs store, a connection closed mid-bulk.
 * The tests that receive (the worker pops through php-amqp) are in group php-amqp.
 */
final class QueueTest extends TestCase
{
    private string $queue;
    /** @var list<string> queues to delete after the test */
    private array $cleanup = [];

    protected function setUp(): void
    {
        $this->queue = 'phpunit.laravel.' . getmypid() . '.' . bin2hex(random_bytes(4));
        $this->cleanup = [$this->queue];
    }

    protected function tearDown(): void
    {
        $admin = new AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:5672/%2f');
        foreach ($this->cleanup as $queue) {
            $admin->deleteQueue($queue);
        }
    }

    private function harness(array $extra = []): Harness
    {
        return new Harness($extra + [
            'driver' => 'amqp-confirm',
            'hosts' => [['host' => '127.0.0.1', 'port' => 5672, 'user' => 'guest', 'password' => 'guest']],
            'queue' => $this->queue,
            'queue_arguments' => ['x-expires' => 120000],
            'options' => ['confirm_timeout' => 30],
        ]);
    }

    /** @group php-amqp */
    #[\PHPUnit\Framework\Attributes\Group('php-amqp')]
    public function testAPushIsAckedAndLaravelsWorkerRunsIt(): void
    {
        $h = $this->harness();
        $id = $h->connection()->push('RecordingHandler@handle', ['order' => 7]);
        $this->assertMatchesRegularExpression('/^[0-9a-f-]{36}$/', $id);
        $this->assertSame(1, $h->connection()->size());
        $h->work($this->queue);
        $this->assertSame([['order' => 7]], Harness::$handled);
        $this->assertSame(0, $h->connection()->size());
    }

    /** @group php-amqp */
    #[\PHPUnit\Framework\Attributes\Group('php-amqp')]
    public function testAJobObjectGoesThroughTheBusAndCallQueuedHandler(): void
    {
        $h = $this->harness();
        $h->connection()->push(new SendInvoice(12));
        $h->work($this->queue);
        $this->assertSame(['invoice 12 (attempt 1)'], Harness::$handled);
        $this->assertSame([], $h->handler->reported);
    }

    /** @group php-amqp */
    #[\PHPUnit\Framework\Attributes\Group('php-amqp')]
    public function testLaterWaitsInADelayQueueThenTheWorkerRunsIt(): void
    {
        $h = $this->harness();
        $this->cleanup[] = "$this->queue.delay.1000";
        $h->connection()->later(1, 'RecordingHandler@handle', 'later');
        $this->assertSame(0, $h->connection()->size(), 'not in the queue before its delay');
        $this->assertTrue($h->workUntil($this->queue, fn() => Harness::$handled !== [], 10), 'run within 10 s');
        $this->assertSame(['later'], Harness::$handled);
    }

    public function testBulkPublishesEveryJobWaitsOnceAndNamesEachRefusedOne(): void
    {
        // a queue that refuses publishes beyond 3 messages: the broker nacks the rest
        $h = $this->harness(['queue_arguments' => ['x-expires' => 120000, 'x-max-length' => 3, 'x-overflow' => 'reject-publish']]);
        try {
            $h->connection()->bulk(array_fill(0, 5, 'RecordingHandler@handle'), 'bulk');
            $this->fail('no PushFailedException');
        } catch (PushFailedException $e) {
            $this->assertCount(2, $e->failures());
            $this->assertStringStartsWith('2 of 5 job(s) were not acked by RabbitMQ: RecordingHandler [', $e->getMessage());
            $this->assertStringContainsString('nacked by the broker', $e->getMessage());
        }
        $this->assertSame(3, $h->connection()->size());
        $ids = $h->connection()->bulk(['RecordingHandler@handle'], 'fits?', "$this->queue.other");
        $this->cleanup[] = "$this->queue.other";
        $this->assertCount(1, $ids);
    }

    public function testAnUnroutableJobFailsInWaitModeAndAtTheFlushInPipelinedMode(): void
    {
        $exchange = 'phpunit.laravel-ex.' . getmypid() . '.' . bin2hex(random_bytes(4));
        (new AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:5672/%2f'))->declareExchange($exchange, 'direct', ['auto_delete' => true, 'durable' => false]);
        $wait = $this->harness(['exchange' => $exchange, 'declare' => false]);
        try {
            $wait->connection()->push('RecordingHandler@handle', 'nowhere');
            $this->fail('no ReturnedException');
        } catch (ReturnedException $e) {
            $this->assertSame(312, $e->getCode());
        }
        $pipelined = $this->harness(['exchange' => $exchange, 'declare' => false, 'mode' => 'pipelined']);
        $pipelined->connection()->push('RecordingHandler@handle', 'nowhere either');
        $this->assertTrue($pipelined->connection()->hasUnflushed());
        $this->expectException(PushFailedException::class);
        $this->expectExceptionMessageMatches('/^1 of 1 job\(s\) were not acked by RabbitMQ: RecordingHandler \[[^\]]+\]: 312 NO_ROUTE$/');
        $pipelined->connection()->flush();
    }

    public function testPipelinedPushesReturnAtOnceAndOneFlushConfirmsThemAll(): void
    {
        $h = $this->harness(['mode' => 'pipelined']);
        for ($i = 0; $i < 100; $i++) {
            $h->connection()->push('RecordingHandler@handle', $i);
        }
        $this->assertTrue($h->connection()->hasUnflushed());
        $h->connection()->flush();
        $this->assertFalse($h->connection()->hasUnflushed());
        $this->assertSame(100, $h->connection()->size());
    }

    /** @group php-amqp */
    #[\PHPUnit\Framework\Attributes\Group('php-amqp')]
    public function testARetriedJobSucceedsOnItsThirdAttemptAfterTheBackoff(): void
    {
        $h = $this->harness();
        $this->cleanup[] = "$this->queue.delay.1000";
        $h->connection()->push('RecordingHandler@flaky', 'retry me');
        $this->assertTrue($h->workUntil($this->queue, fn() => Harness::$handled !== [], 15, tries: 3, backoff: 1), 'succeeded within 15 s');
        $this->assertSame([['data' => 'retry me', 'attempts' => 3]], Harness::$handled);
        $this->assertCount(2, $h->handler->reported, 'the two failed attempts were reported');
        $this->assertSame([], $h->failer->all());
        $this->assertSame(0, $h->connection()->size());
    }

    /** @group php-amqp */
    #[\PHPUnit\Framework\Attributes\Group('php-amqp')]
    public function testAJobOutOfTriesGoesToTheFailedJobsStore(): void
    {
        $h = $this->harness();
        $id = $h->connection()->push('RecordingHandler@broken', 'doomed');
        $this->assertTrue($h->workUntil($this->queue, fn() => $h->failer->all() !== [], 10, tries: 2), 'failed for good within 10 s');
        $failed = $h->failer->all();
        $this->assertCount(1, $failed);
        $this->assertSame($id, $failed[0]->id); // the store keys failed jobs by their uuid
        $this->assertSame('rabbitmq', $failed[0]->connection);
        $this->assertSame($this->queue, $failed[0]->queue);
        $this->assertStringContainsString('this job always fails', $failed[0]->exception);
        $this->assertSame(0, $h->connection()->size());
    }

    /** @group php-amqp */
    #[\PHPUnit\Framework\Attributes\Group('php-amqp')]
    public function testAConnectionClosedMidBulkLosesNothing(): void
    {
        $name = 'phpunit-laravel-' . getmypid() . '-' . bin2hex(random_bytes(4));
        $h = $this->harness(['options' => ['confirm_timeout' => 60, 'connection_name' => $name, 'max_in_flight' => 100]]);
        $h->connection()->size(); // connected
        // the broker blocks publishers while the alarm is on; a helper closes our connection once the broker has
        // blocked it (so mid-bulk, whatever the timing), then clears the alarm
        exec('rabbitmqctl -q set_vm_memory_high_watermark 0.0000001');
        $helper = proc_open(['bash', __DIR__ . '/close-when-blocked.sh', $name], [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
        try {
            $ids = $h->connection()->bulk(array_fill(0, 1000, 'RecordingHandler@handle'), 'survives');
        } finally {
            $helperOutput = stream_get_contents($pipes[1]) . stream_get_contents($pipes[2]);
            proc_close($helper);
            exec('rabbitmqctl -q set_vm_memory_high_watermark 0.4');
        }
        $this->assertStringContainsString("closed the connections named $name", $helperOutput);
        $this->assertGreaterThanOrEqual(1, $h->connection()->publisher()->stats()['reconnects']);
        $this->assertCount(1000, array_unique($ids));
        $receiver = $h->connection()->receiver();
        $inQueue = [];
        while (($message = $receiver->get($this->queue)) !== null) {
            $inQueue[] = $message->getMessageId();
            $receiver->ack($this->queue, $message);
        }
        $missing = array_diff($ids, $inQueue);
        $this->assertSame([], $missing, 'every acked job is in the queue');
        fwrite(STDERR, sprintf("\n[laravel bulk, connection closed mid-bulk] pushed 1000: acked 1000; queue holds %d (%d distinct, %d duplicates); acked but missing: %d\n",
            count($inQueue), count(array_unique($inQueue)), count($inQueue) - count(array_unique($inQueue)), count($missing)));
    }

    public function testThePasswordNeverShows(): void
    {
        $secret = 'pw-' . bin2hex(random_bytes(8));
        $old = ini_set('zend.exception_ignore_args', '0');
        $h = $this->harness(['hosts' => [['host' => '127.0.0.1', 'port' => 5672, 'user' => 'guest', 'password' => $secret]], 'options' => ['connect_timeout' => 2]]);
        try {
            $h->connection()->push('RecordingHandler@handle', 'x');
            $this->fail('connected with a wrong password');
        } catch (\Throwable $e) {
            $this->assertInstanceOf(AmqpConfirm\ConnectionException::class, $e);
            $this->assertStringNotContainsString($secret, (string) $e);
        } finally {
            ini_set('zend.exception_ignore_args', (string) $old);
        }
        $this->assertStringNotContainsString($secret, print_r($h->connection(), true));
        ob_start();
        var_dump($h->connection());
        $this->assertStringNotContainsString($secret, (string) ob_get_clean());
        foreach ([['hosts' => [['host' => '127.0.0.1', 'port' => 'x', 'password' => $secret]]], ['mode' => 'later', 'hosts' => [['host' => 'h', 'password' => $secret]]],
                  ['hosts' => [['host' => '', 'password' => $secret]]], ['nope' => 1]] as $bad) {
            try {
                $this->harness($bad)->connection();
                $this->fail('accepted ' . json_encode(array_keys($bad)));
            } catch (\InvalidArgumentException $e) {
                $this->assertStringNotContainsString($secret, (string) $e);
            }
        }
    }
}
