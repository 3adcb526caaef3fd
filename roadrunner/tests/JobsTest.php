<?php

declare(strict_types=1);

use AmqpConfirm\Publisher;
use AmqpConfirm\ReturnedException;
use AmqpConfirm\RoadRunner\Jobs;
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;
use PhpAmqpLib\Wire\AMQPAbstractCollection as Collection;
use PHPUnit\Framework\TestCase;

/**
 * Jobs pushed through a real broker and read back with php-amqplib, which shows each header's AMQP type; every
 * header is checked against what RoadRunner's AMQP consumer accepts (roadrunner-server/amqp amqpjobs/item.go).
 */
final class JobsTest extends TestCase
{
    private const URI = 'amqp://guest:guest@127.0.0.1:5672/%2f';

    private Publisher $publisher;
    private string $exchange;
    private string $queue;

    protected function setUp(): void
    {
        $this->publisher = new Publisher(self::URI, ['confirm_timeout' => 10]);
        $tag = getmypid() . '.' . bin2hex(random_bytes(4));
        $this->exchange = "phpunit.rr.$tag";
        $this->queue = "phpunit.rr-queue.$tag";
        $this->publisher->declareExchange($this->exchange, 'direct', ['durable' => false, 'auto_delete' => false]);
        $this->publisher->declareQueue($this->queue, ['arguments' => ['x-expires' => 120000]]);
        $this->publisher->bindQueue($this->queue, $this->exchange, $this->queue);
    }

    protected function tearDown(): void
    {
        $this->publisher->deleteQueue($this->queue);
        $this->publisher->deleteQueue($this->jobs()->delayedQueue(1000)); // a no-op when no test made it
        $this->publisher->deleteExchange($this->exchange);
        $this->publisher->close();
    }

    private function jobs(?string $routingKey = null): Jobs
    {
        return new Jobs($this->publisher, 'emails', $this->queue, $this->exchange, $routingKey);
    }

    /** Takes one message from `$queue` (null when there is none). */
    private function take(string $queue): ?AMQPMessage
    {
        $connection = new AMQPStreamConnection('127.0.0.1', 5672, 'guest', 'guest');
        try {
            return $connection->channel()->basic_get($queue, true);
        } finally {
            $connection->close();
        }
    }

    /** Takes one message from `$queue`, polling every 50 ms for at most `$seconds`. */
    private function takeWithin(string $queue, float $seconds): ?AMQPMessage
    {
        $deadline = microtime(true) + $seconds;
        do {
            if ($m = $this->take($queue)) {
                return $m;
            }
            usleep(50000);
        } while (microtime(true) < $deadline);
        return null;
    }

    /**
     * What RoadRunner's consumer makes of a message's headers, by its rules: the header name => [the AMQP type
     * symbols it accepts, whether it may be missing]. Returns each header's value, or fails naming the rule broken.
     *
     * @return array<string, mixed>
     */
    private static function asRoadRunnerReadsIt(AMQPMessage $m): array
    {
        $rules = [
            'rr_id' => [['S'], false],        // Go string, else a random UUID replaces the id
            'rr_job' => [['S'], false],       // Go string, else "deduced_by_rr"
            'rr_pipeline' => [['S'], true],   // Go string
            'rr_headers' => [['x'], true],    // Go []byte (a string is silently ignored)
            'rr_delay' => [['s', 'I', 'l'], true],    // int16/32/64 (int8 and unsigned: "unknown delay type")
            'rr_priority' => [['s', 'I', 'l'], true], // same rule
            'rr_auto_ack' => [['t'], true],   // Go bool
        ];
        $seen = [];
        foreach ($m->get('application_headers') as $name => [$type, $value]) {
            $seen[$name] = [Collection::getSymbolForDataType($type), $value];
        }
        $read = [];
        foreach ($rules as $name => [$symbols, $optional]) {
            if (!isset($seen[$name])) {
                self::assertTrue($optional, "$name is missing");
                continue;
            }
            [$symbol, $value] = $seen[$name];
            self::assertContains($symbol, $symbols, "$name has AMQP type $symbol; RoadRunner reads only " . implode('/', $symbols));
            $read[$name] = $symbol === 't' ? (bool) $value : $value; // php-amqplib leaves a boolean as 0/1
        }
        if (isset($read['rr_headers'])) {
            $headers = json_decode($read['rr_headers'], true, 512, JSON_THROW_ON_ERROR);
            self::assertIsArray($headers, 'rr_headers holds a JSON object');
            foreach ($headers as $k => $list) {
                self::assertTrue(is_array($list) && array_is_list($list) && array_filter($list, 'is_string') === $list, "rr_headers[$k] is a list of strings");
            }
            $read['rr_headers'] = $headers;
        }
        return $read;
    }

    public function testEveryHeaderHasTheTypeRoadRunnerReads(): void
    {
        $this->jobs()->push('App\Jobs\SendEmail', '{"to":"a@example.com"}', ['tenant' => 'acme', 'trace' => ['t1', 't2']], 0, 5, true, 'job-1')->wait();
        $m = $this->take($this->queue);
        $this->assertNotNull($m);
        $this->assertSame([
            'rr_id' => 'job-1',
            'rr_job' => 'App\Jobs\SendEmail',
            'rr_pipeline' => 'emails',
            'rr_headers' => ['tenant' => ['acme'], 'trace' => ['t1', 't2']],
            'rr_delay' => 0,
            'rr_priority' => 5,
            'rr_auto_ack' => true,
        ], self::asRoadRunnerReadsIt($m));
        $this->assertSame('{"to":"a@example.com"}', $m->getBody());
        $this->assertSame(2, $m->get('delivery_mode'));
        $this->assertSame(Jobs::CONTENT_TYPE, $m->get('content_type'));
        $this->assertSame('job-1', $m->get('message_id'));
        $this->assertSame($this->exchange, $m->getExchange());
    }

    public function testDefaultsLeaveThePriorityToThePipelineAndMakeAUuid(): void
    {
        $confirmation = $this->jobs()->push('ping', '');
        $confirmation->wait();
        $read = self::asRoadRunnerReadsIt($this->take($this->queue));
        $this->assertMatchesRegularExpression('/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/', $read['rr_id']);
        $this->assertSame($read['rr_id'], $confirmation->messageId());
        $this->assertArrayNotHasKey('rr_priority', $read);
        $this->assertSame([], $read['rr_headers']);
        $this->assertSame(0, $read['rr_delay']);
        $this->assertFalse($read['rr_auto_ack']);
    }

    public function testARoutingKeyOtherThanTheQueueName(): void
    {
        $this->publisher->bindQueue($this->queue, $this->exchange, 'emails-key');
        $this->jobs('emails-key')->push('ping', 'by key')->wait();
        $this->assertSame('by key', $this->take($this->queue)?->getBody());
    }

    public function testADelayedJobWaitsInRoadRunnersDelayQueueThenReachesThePipeline(): void
    {
        $jobs = $this->jobs();
        $delayed = "delayed-1000.{$this->exchange}.{$this->queue}";
        $this->assertSame($delayed, $jobs->delayedQueue(1000));
        $jobs->push('later', 'after a second', [], 1)->wait();
        $this->assertSame(1, $this->publisher->declareQueue($delayed, ['passive' => true])['messages']);
        $m = $this->takeWithin($this->queue, 10);
        $this->assertNotNull($m, 'the job reached the pipeline queue within 10 s');
        $this->assertSame('after a second', $m->getBody());
        $this->assertSame(1, self::asRoadRunnerReadsIt($m)['rr_delay']);
        // a second delayed push to the same queue declares nothing new and arrives too
        $jobs->push('later', 'again', [], 1)->wait();
        $this->assertSame('again', $this->takeWithin($this->queue, 10)?->getBody());
    }

    public function testAJobNoQueueReceivesIsAFailureNotALoss(): void
    {
        $this->expectException(ReturnedException::class);
        $this->jobs('nowhere')->push('lost?', 'x')->wait();
    }

    public function testManyJobsThenOneWait(): void
    {
        $jobs = $this->jobs();
        for ($i = 0; $i < 200; $i++) {
            $jobs->push('batch', "job $i", ['n' => (string) $i]);
        }
        $this->publisher->waitAll();
        $this->assertSame(200, $this->publisher->declareQueue($this->queue, ['passive' => true])['messages']);
    }

    public function testBadInputIsAPhpError(): void
    {
        $jobs = $this->jobs();
        foreach ([
            [fn() => $jobs->push('j', '', ['n' => 1]), \TypeError::class, 'Argument #3 ($headers)["n"] must be of type string|list<string>, int given'],
            [fn() => $jobs->push('j', '', ['n' => ['a' => 'b']]), \TypeError::class, 'must be of type string|list<string>, array given'],
            [fn() => $jobs->push('j', '', ['' => 'v']), \ValueError::class, 'must not have an empty header name'],
            [fn() => $jobs->push('j', '', [], -1), \ValueError::class, 'Argument #4 ($delay) must be 0 or more seconds, -1 given'],
            [fn() => $jobs->push('', ''), \ValueError::class, 'Argument #1 ($job) must not be empty'],
            [fn() => new Jobs($this->publisher, 'p', ''), \ValueError::class, 'Argument #3 ($queue) must not be empty'],
        ] as [$call, $class, $message]) {
            try {
                $call();
                $this->fail("no $class");
            } catch (\Throwable $e) {
                $this->assertInstanceOf($class, $e);
                $this->assertStringContainsString($message, $e->getMessage());
            }
        }
        $this->assertSame(0, $this->publisher->stats()['published']);
    }
}
