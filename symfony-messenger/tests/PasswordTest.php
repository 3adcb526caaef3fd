<?php

use AmqpConfirm\Symfony\Messenger\AmqpConfirmTransportFactory;
use PHPUnit\Framework\TestCase;
use Psr\Log\AbstractLogger;
use Symfony\Component\EventDispatcher\EventDispatcher;
use Symfony\Component\Messenger\Envelope;
use Symfony\Component\Messenger\EventListener\SendFailedMessageForRetryListener;
use Symfony\Component\Messenger\EventListener\StopWorkerOnMessageLimitListener;
use Symfony\Component\Messenger\EventListener\StopWorkerOnTimeLimitListener;
use Symfony\Component\Messenger\Exception\TransportException;
use Symfony\Component\Messenger\Handler\HandlersLocator;
use Symfony\Component\Messenger\MessageBus;
use Symfony\Component\Messenger\Middleware\HandleMessageMiddleware;
use Symfony\Component\Messenger\Retry\MultiplierRetryStrategy;
use Symfony\Component\Messenger\Transport\Serialization\PhpSerializer;
use Symfony\Component\Messenger\Worker;

/** Keeps every record, rendered as a log formatter does: exceptions as text with their traces, other objects by class. */
final class KeepingLogger extends AbstractLogger
{
    public string $text = '';

    public function log($level, $message, array $context = []): void
    {
        $render = fn($v) => $v instanceof \Throwable ? (string) $v : (is_object($v) ? get_class($v) : print_r($v, true));
        $this->text .= "$level $message " . implode(' ', array_map($render, $context)) . "\n";
    }
}

/** The DSN's password never shows: not in exceptions (with their traces and arguments), dumps or logs. */
final class PasswordTest extends TestCase
{
    private string $user;
    private string $password;

    protected function setUp(): void
    {
        $this->user = 'phpunit-' . getmypid() . '-' . bin2hex(random_bytes(4));
        $this->password = 'pw-' . bin2hex(random_bytes(12));
        exec('rabbitmqctl -q add_user ' . escapeshellarg($this->user) . ' ' . escapeshellarg($this->password) . ' 2>&1', $out, $a);
        exec('rabbitmqctl -q set_permissions -p / ' . escapeshellarg($this->user) . " '.*' '.*' '.*' 2>&1", $out, $b);
        $this->assertSame([0, 0], [$a, $b], implode("\n", $out));
        ini_set('zend.exception_ignore_args', '0'); // traces with their arguments, as on a development machine
    }

    protected function tearDown(): void
    {
        exec('rabbitmqctl -q delete_user ' . escapeshellarg($this->user) . ' 2>&1');
    }

    private function transport(string $hostPort, array $options = [])
    {
        $suffix = getmypid() . '.' . bin2hex(random_bytes(4));
        return (new AmqpConfirmTransportFactory())->createTransport("amqp-confirm://$this->user:$this->password@$hostPort/%2f", $options + [
            'exchange' => ['name' => "phpunit.pw.$suffix", 'type' => 'fanout'],
            'queues' => ["phpunit.pw.$suffix" => ['arguments' => ['x-expires' => 60000, 'x-max-length' => 0, 'x-overflow' => 'reject-publish']]],
            'connect_timeout' => 2,
        ], new PhpSerializer());
    }

    public function testNotInTheExceptionOfAnUnreachableBrokerNorInADump(): void
    {
        $t = $this->transport('127.0.0.1:1');
        $this->assertStringNotContainsString($this->password, print_r($t, true));
        ob_start();
        var_dump($t);
        $this->assertStringNotContainsString($this->password, ob_get_clean());
        try {
            $t->send(new Envelope(new OrderPlaced('PW-1')));
            $this->fail('sent to a closed port');
        } catch (TransportException $e) {
            $this->assertStringContainsString('127.0.0.1:1', $e->getMessage());
            $this->assertStringNotContainsString($this->password, (string) $e); // messages, previous ones, traces with arguments
        }
    }

    public function testNotInARefusalNorInTheLogOfAnUnflushedDestruction(): void
    {
        $log = tempnam(sys_get_temp_dir(), 'phpunit-log');
        $previous = ini_set('error_log', $log);
        try {
            $t = $this->transport('127.0.0.1:5672', ['confirm_mode' => 'pipelined']);
            $t->send(new Envelope(new OrderPlaced('PW-2')));
            unset($t); // destroyed without a flush: the failure is logged
        } finally {
            ini_set('error_log', $previous);
        }
        $logged = file_get_contents($log);
        unlink($log);
        $this->assertStringContainsString('1 of 1 message(s) not confirmed', $logged);
        $this->assertStringNotContainsString($this->password, $logged);
    }

    public function testNotInTheWorkersLogsWhenSendingFailsInAHandler(): void
    {
        $t = $this->transport('127.0.0.1:5672');
        $logger = new KeepingLogger();
        $handler = static function (OrderPlaced $m) use ($t) {
            $t->send(new Envelope(new \stdClass()));
        };
        $bus = new MessageBus([new HandleMessageMiddleware(new HandlersLocator([OrderPlaced::class => [$handler]]))]);
        $incoming = class_exists(Symfony\Component\Messenger\Transport\InMemory\InMemoryTransport::class)
            ? new Symfony\Component\Messenger\Transport\InMemory\InMemoryTransport() // Symfony 6.3 and later
            : new Symfony\Component\Messenger\Transport\InMemoryTransport();
        $incoming->send(new Envelope(new OrderPlaced('PW-3')));
        $events = new EventDispatcher();
        $events->addSubscriber(new SendFailedMessageForRetryListener(new Services(['in' => $incoming]), new Services(['in' => new MultiplierRetryStrategy(0)]), $logger));
        $events->addSubscriber(new StopWorkerOnMessageLimitListener(1));
        $events->addSubscriber(new StopWorkerOnTimeLimitListener(30));
        (new Worker(['in' => $incoming], $bus, $events, $logger))->run(['sleep' => 10000]);
        $this->assertStringContainsString('was not confirmed', $logger->text);
        $this->assertStringNotContainsString($this->password, $logger->text);
    }
}
