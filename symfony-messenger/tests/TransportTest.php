<?php

use AmqpConfirm\Symfony\Messenger\AmqpConfirmTransportFactory;
use Symfony\Component\Messenger\Bridge\Amqp\Transport\AmqpStamp;
use Symfony\Component\Messenger\Bridge\Amqp\Transport\AmqpTransportFactory;
use Symfony\Component\Messenger\Envelope;
use Symfony\Component\Messenger\Exception\InvalidArgumentException;
use Symfony\Component\Messenger\Exception\TransportException;
use Symfony\Component\Messenger\Stamp\BusNameStamp;
use Symfony\Component\Messenger\Stamp\DelayStamp;
use Symfony\Component\Messenger\Stamp\TransportMessageIdStamp;
use Symfony\Component\Messenger\Transport\Serialization\PhpSerializer;
use PHPUnit\Framework\TestCase;

/** Against the local broker, with Debian's Symfony Messenger 5.4 (and its AMQP transport on php-amqp). */
final class TransportTest extends TestCase
{
    private string $suffix;

    protected function setUp(): void
    {
        $this->suffix = getmypid() . '.' . bin2hex(random_bytes(4));
    }

    private function ours(array $options = [], string $dsn = 'amqp-confirm://guest:guest@127.0.0.1:5672/%2f')
    {
        return (new AmqpConfirmTransportFactory())->createTransport($dsn, $options, new PhpSerializer());
    }

    private function options(string $queue, array $extra = []): array
    {
        return $extra + ['exchange' => ['name' => "phpunit.ex.$this->suffix", 'type' => 'direct', 'default_publish_routing_key' => 'orders'],
            'queues' => [$queue => ['binding_keys' => ['orders'], 'arguments' => ['x-expires' => 60000]]]];
    }

    public function testDsnsAndOptionsAreCheckedWithClearErrorsThatNeverShowThePassword(): void
    {
        $factory = new AmqpConfirmTransportFactory();
        $ignoreArgs = ini_set('zend.exception_ignore_args', '0'); // traces with their arguments, as on a development machine
        $this->assertTrue($factory->supports('amqp-confirm://u:p@h/%2f', []));
        $this->assertTrue($factory->supports('amqp-confirm+tls://u:p@h1,h2/vh', []));
        $this->assertFalse($factory->supports('amqp://u:p@h/%2f', []));
        foreach (['amqp-confirm://u:s3cret-pw@/%2f', 'amqp-confirm://u:s3cret-pw@h1,,h2/%2f', 'amqp-confirm://u:s3cret-pw@h/%2f?nope=1',
                  'amqp-confirm://u:s3cret-pw@h/%2f?confirm_mode=later', 'amqp-confirm://u:s3cret-pw@h/%2f?confirm_timeout=0', 'amqp://u:s3cret-pw@h',
                  'amqp-confirm://guest:s3cret-pw@127.0.0.1:notaport/%2f', 'amqp-confirm://u:s3cret-pw@h:0/%2f', 'amqp-confirm://u:s3cret-pw@h:65536/%2f',
                  'amqp-confirm://u:s3cret-pw@h1,h2:x/%2f', 'amqp-confirm://u:s3cret-pw@[::1/%2f', 'amqp-confirm://u:s3cret-pw@h:5672:1/%2f',
                  'amqp-confirm://u:s3cret-pw@h/%2f?heartbeat=x', 'amqp-confirm://u:s3cret-pw@h/%2f?frame_max=-1'] as $dsn) {
            try {
                $factory->createTransport($dsn, [], new PhpSerializer());
                $this->fail("accepted $dsn");
            } catch (InvalidArgumentException $e) {
                $this->assertStringNotContainsString('s3cret-pw', (string) $e); // the message, the trace and its arguments
            }
        }
        // what only the extension refuses (out of its ranges) is refused as a malformed DSN too, at the first send
        foreach (['amqp-confirm://u:s3cret-pw@127.0.0.1/%2f?heartbeat=70000', 'amqp-confirm://u:s3cret-pw@127.0.0.1/%2f?frame_max=100'] as $dsn) {
            $transport = $factory->createTransport($dsn, [], new PhpSerializer());
            try {
                $transport->send(new Envelope(new OrderPlaced('o-1')));
                $this->fail("sent through $dsn");
            } catch (InvalidArgumentException $e) {
                $this->assertStringStartsWith('Invalid amqp-confirm transport DSN or options: $uri ', $e->getMessage());
                $this->assertNull($e->getPrevious());
                $this->assertStringNotContainsString('s3cret-pw', (string) $e);
            }
        }
        ini_set('zend.exception_ignore_args', (string) $ignoreArgs);
    }

    public function testADsnBecomesTheExtensionsUriAndSymfonysReceivingConnection(): void
    {
        $dsn = \AmqpConfirm\Symfony\Messenger\Dsn::parse('amqp-confirm+tls://u:pw@h1:5671,h2/vh?heartbeat=10&cacert=/ca.pem&prefetch_count=5'
            . '&queues[q][arguments][x-max-length]=100', ['connect_timeout' => '2']);
        $this->assertSame('amqps://u:pw@h1:5671,h2/vh?heartbeat=10', $dsn->uri);
        $this->assertSame('amqps://u:pw@h1:5671/vh', $dsn->receiverDsn); // php-amqp takes one host: the first
        $this->assertSame(['persistent' => false, 'confirm_timeout' => 30.0, 'connect_timeout' => 2.0, 'cafile' => '/ca.pem'], $dsn->publisherOptions());
        $receiver = $dsn->receiverOptions();
        $this->assertSame(['10', '2', '/ca.pem', '5'], [$receiver['heartbeat'], $receiver['connect_timeout'], $receiver['cacert'], $receiver['prefetch_count']]);
        $this->assertSame(100, $receiver['queues']['q']['arguments']['x-max-length']); // an integer, as RabbitMQ requires
        $this->assertSame('amqp://guest:guest@localhost/%2f', \AmqpConfirm\Symfony\Messenger\Dsn::parse('amqp-confirm://guest:guest@localhost')->uri);
    }

    /** @group php-amqp */
    #[\PHPUnit\Framework\Attributes\Group('php-amqp')]
    public function testSetupDeclaresWhatAutoSetupWouldAsMessengerSetupTransportsDoes(): void
    {
        $queue = "phpunit.setup.$this->suffix";
        $options = ['auto_setup' => false, 'delay' => ['exchange_name' => "phpunit.delays.$this->suffix"]] + $this->options($queue);
        $ours = $this->ours($options);
        $probe = new \AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:5672/%2f');
        try {
            $probe->declareQueue($queue, ['passive' => true]);
            $this->fail('declared before setup()');
        } catch (\AmqpConfirm\ChannelException $e) {
            $this->assertStringContainsString('NOT_FOUND', $e->getMessage());
        }
        $ours->setup();
        $this->assertSame(0, $probe->declareQueue($queue, ['passive' => true])['messages']);
        $probe->declareExchange($options['exchange']['name'], 'direct', ['passive' => true]);
        $probe->declareExchange("phpunit.delays.$this->suffix", 'direct', ['passive' => true]);
        $ours->send(new Envelope(new OrderPlaced('G-1')));
        $this->assertSame(1, $ours->getMessageCount());
    }

    /** @group php-amqp */
    #[\PHPUnit\Framework\Attributes\Group('php-amqp')]
    public function testWhatWeSendIsReceivedAndHandledBySymfonysOwnAmqpTransport(): void
    {
        $queue = "phpunit.orders.$this->suffix";
        $ours = $this->ours($this->options($queue));
        $sent = $ours->send(new Envelope(new OrderPlaced('A-1', ['sku' => 2]), [new BusNameStamp('command.bus')]));
        $this->assertNotNull($sent->last(TransportMessageIdStamp::class));

        $theirs = (new AmqpTransportFactory())->createTransport('amqp://guest:guest@127.0.0.1:5672/%2f',
            $this->options($queue) + ['auto_setup' => false], new PhpSerializer());
        $received = [];
        for ($i = 0; $i < 50 && !$received; $i++) {
            $received = iterator_to_array($theirs->get());
            if (!$received) usleep(100000);
        }
        $this->assertCount(1, $received);
        $envelope = $received[0];
        $this->assertEquals(new OrderPlaced('A-1', ['sku' => 2]), $envelope->getMessage());
        $this->assertSame('command.bus', $envelope->last(BusNameStamp::class)->getBusName());
        $amqp = $envelope->last(\Symfony\Component\Messenger\Bridge\Amqp\Transport\AmqpReceivedStamp::class)->getAmqpEnvelope();
        $this->assertSame(2, $amqp->getDeliveryMode());
        $this->assertSame('orders', $amqp->getRoutingKey());
        $theirs->ack($envelope);
    }

    /** @group php-amqp */
    #[\PHPUnit\Framework\Attributes\Group('php-amqp')]
    public function testARoutingKeyFromAnAmqpStampIsUsed(): void
    {
        $queue = "phpunit.stamped.$this->suffix";
        $options = $this->options($queue);
        $options['queues'][$queue]['binding_keys'] = ['special'];
        $this->ours($options)->send(new Envelope(new OrderPlaced('B-1'), [new AmqpStamp('special')]));
        $theirs = (new AmqpTransportFactory())->createTransport('amqp://guest:guest@127.0.0.1:5672/%2f', $options + ['auto_setup' => false], new PhpSerializer());
        $got = [];
        for ($i = 0; $i < 50 && !$got; $i++) { $got = iterator_to_array($theirs->get()); if (!$got) usleep(100000); }
        $this->assertCount(1, $got);
        $this->assertSame('B-1', $got[0]->getMessage()->id);
        $theirs->ack($got[0]);
    }

    public function testANackIsATransportExceptionWithTheReason(): void
    {
        $queue = "phpunit.full.$this->suffix";
        $options = $this->options($queue);
        $options['queues'][$queue]['arguments'] += ['x-max-length' => 0, 'x-overflow' => 'reject-publish'];
        $this->expectException(TransportException::class);
        $this->expectExceptionMessageMatches('/nacked/');
        $this->ours($options)->send(new Envelope(new OrderPlaced('C-1')));
    }

    public function testAnUnroutableMessageIsATransportExceptionWithMandatoryOnByDefault(): void
    {
        $options = $this->options("phpunit.unbound.$this->suffix");
        $options['exchange']['default_publish_routing_key'] = 'nobody-binds-this';
        try {
            $this->ours($options)->send(new Envelope(new OrderPlaced('D-1')));
            $this->fail('an unroutable message was accepted');
        } catch (TransportException $e) {
            $this->assertStringContainsString('NO_ROUTE', $e->getMessage());
            $this->assertInstanceOf(\AmqpConfirm\ReturnedException::class, $e->getPrevious());
        }
        // with mandatory off, the broker acks it (and drops it), as Symfony's AMQP transport always does
        $sent = $this->ours(['mandatory' => false] + $options)->send(new Envelope(new OrderPlaced('D-2')));
        $this->assertNotNull($sent->last(TransportMessageIdStamp::class));
    }

    /** @group php-amqp */
    #[\PHPUnit\Framework\Attributes\Group('php-amqp')]
    public function testItReceivesWhatItSentThroughSymfonysAmqpReceiver(): void
    {
        $queue = "phpunit.both.$this->suffix";
        $ours = $this->ours($this->options($queue));
        $ours->send(new Envelope(new OrderPlaced('E-1')));
        $got = [];
        for ($i = 0; $i < 50 && !$got; $i++) { $got = iterator_to_array($ours->get()); if (!$got) usleep(100000); }
        $this->assertCount(1, $got);
        $this->assertSame('E-1', $got[0]->getMessage()->id);
        $ours->ack($got[0]);
        $this->assertSame(0, $ours->getMessageCount());
    }

    /** @group php-amqp */
    #[\PHPUnit\Framework\Attributes\Group('php-amqp')]
    public function testADelayedMessageWaitsInSymfonysDelayQueueAndThenArrives(): void
    {
        $queue = "phpunit.delayed.$this->suffix";
        $options = $this->options($queue);
        $ours = $this->ours($options);
        $theirs = (new AmqpTransportFactory())->createTransport('amqp://guest:guest@127.0.0.1:5672/%2f', $options, new PhpSerializer());
        // a long delay: both transports use the same delay queue (same name, equivalent arguments), and it holds both
        $ours->send(new Envelope(new OrderPlaced('F-long'), [new DelayStamp(120000)]));
        $theirs->send(new Envelope(new OrderPlaced('F-long-theirs'), [new DelayStamp(120000)]));
        $delayQueue = "delay_{$options['exchange']['name']}_orders_120000_delay";
        $probe = new \AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:5672/%2f');
        $this->assertSame(2, $probe->declareQueue($delayQueue, ['passive' => true])['messages']);
        $this->assertSame(0, $theirs->getMessageCount());
        // a short one reaches the queue once its delay is over, and Symfony's receiver decodes it
        $ours->send(new Envelope(new OrderPlaced('F-short'), [new DelayStamp(100)]));
        $got = [];
        for ($i = 0; $i < 100 && !$got; $i++) { $got = iterator_to_array($theirs->get()); if (!$got) usleep(100000); }
        $this->assertCount(1, $got);
        $this->assertSame('F-short', $got[0]->getMessage()->id);
        $this->assertSame(100, $got[0]->last(DelayStamp::class)->getDelay());
        $theirs->ack($got[0]);
        $probe->deleteQueue($delayQueue);
    }

    /** @group php-amqp */
    #[\PHPUnit\Framework\Attributes\Group('php-amqp')]
    public function testSymfonysOwnDsnShapeAndDefaultOptionsWorkAsWithAmqp(): void
    {
        // the path is the vhost, then the exchange; with no queue configured, one named after the exchange is
        // declared and bound: the same counts as Symfony's own transport given the same DSN shape
        $ex = ['ours' => "phpunit.defaults.ours.$this->suffix", 'theirs' => "phpunit.defaults.theirs.$this->suffix"];
        $ours = $this->ours([], "amqp-confirm://guest:guest@127.0.0.1:5672/%2f/{$ex['ours']}");
        $theirs = (new AmqpTransportFactory())->createTransport("amqp://guest:guest@127.0.0.1:5672/%2f/{$ex['theirs']}", [], new PhpSerializer());
        foreach (['ours' => $ours, 'theirs' => $theirs] as $who => $transport) {
            for ($i = 0; $i < 20; $i++) {
                $transport->send(new Envelope(new OrderPlaced("$who-$i")));
            }
        }
        $probe = new \AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:5672/%2f');
        foreach ($ex as $who => $name) {
            $this->assertSame(20, $probe->declareQueue($name, ['passive' => true])['messages'], "$who: the default queue holds every message");
        }
        $this->assertSame(20, $ours->getMessageCount());
        $got = iterator_to_array($ours->get());
        $this->assertSame('ours-0', $got[0]->getMessage()->id);
        $ours->ack($got[0]);
        foreach ($ex as $name) {
            $probe->deleteQueue($name);
            $probe->deleteExchange($name);
        }
        $vhost = \AmqpConfirm\Symfony\Messenger\Dsn::parse('amqp-confirm://guest:guest@127.0.0.1/%2f/messages');
        $this->assertSame('amqp://guest:guest@127.0.0.1/%2f', $vhost->uri, 'the exchange is not part of the vhost');
        $this->assertSame(['messages' => ['arguments' => []]], $vhost->options['queues']);
    }
}
