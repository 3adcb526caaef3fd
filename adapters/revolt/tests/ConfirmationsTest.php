<?php

use AmqpConfirm\Adapters\Testing\BrokerCase;
use AmqpConfirm\Revolt\Confirmations;
use AmqpConfirm\{Confirmation, NackedException, PublishFailedException, ReturnedException};
use Revolt\EventLoop;

/** Against the local broker: every callback and await ends exactly once, and the loop ends. */
final class ConfirmationsTest extends BrokerCase
{
    private static function outcome(?Throwable $e, array $ended): string
    {
        return $e === null ? 'acked' : (isset($ended[get_class($e)]) ? get_class($e) : 'other');
    }

    /** Publishes 10000 messages with mixed outcomes from a callback inside EventLoop::run(), counting how each ended. */
    private function run10k(?callable $midway = null, bool $oneId = false): array
    {
        $adapter = new Confirmations($this->publisher);
        $ended = self::noOutcomes();
        $times = [];
        EventLoop::queue(function () use ($adapter, $midway, $oneId, &$ended, &$times) {
            for ($i = 0; $i < 10000; $i++) {
                [$queue, $mandatory] = $this->route($i);
                $c = $this->publisher->publish('', $queue, "m$i", ['message_id' => $oneId ? 'revolt-one-id' : "revolt-$i"], $mandatory);
                $adapter->onSettled($c, function (Confirmation $c, ?Throwable $e) use ($i, &$ended, &$times) {
                    $times[$i] = ($times[$i] ?? 0) + 1;
                    $ended[self::outcome($e, $ended)]++;
                });
                if ($i === 5000 && $midway) $midway();
            }
            $missing = $this->publisher->publish('no.such.exchange.' . getmypid(), 'k', 'x', ['message_id' => 'revolt-missing-exchange']);
            $adapter->onSettled($missing, function (Confirmation $c, ?Throwable $e) use (&$ended, &$times) {
                $times['missing'] = 1;
                $ended[$e instanceof PublishFailedException ? PublishFailedException::class : 'other']++;
            });
        });
        // a guard: the loop must end by itself well before this, once every callback ran
        EventLoop::unreference(EventLoop::delay(60, fn() => EventLoop::getDriver()->stop()));
        EventLoop::run();
        $adapter->close();
        return [$ended, $times, $adapter->pending()];
    }

    public function testEveryCallbackRunsExactlyOnceAndTheLoopEndsByItself(): void
    {
        [$ended, $times, $pending] = $this->run10k();
        $this->assertMixedRun($ended, $times, $pending);
    }

    public function testMessagesSharingOneIdEachGetTheirOwnOutcome(): void
    {
        [$ended, $times, $pending] = $this->run10k(null, true);
        $this->assertMixedRun($ended, $times, $pending);
    }

    public function testFibersAwaitTheirOwnOutcomesConcurrently(): void
    {
        $adapter = new Confirmations($this->publisher);
        $ended = self::noOutcomes();
        $order = [];
        for ($f = 0; $f < 100; $f++) {
            EventLoop::queue(function () use ($adapter, $f, &$ended, &$order) {
                for ($j = 0; $j < 20; $j++) {
                    $i = $f * 20 + $j;
                    [$queue, $mandatory] = $this->route($i);
                    try {
                        $c = $adapter->publish('', $queue, "f$i", ['message_id' => "fiber-$i"], $mandatory);
                        $ended[$c->messageId() === "fiber-$i" ? 'acked' : 'other']++;
                    } catch (Throwable $e) {
                        $ended[self::outcome($e, $ended)]++;
                    }
                    $order[$f][] = $j;
                }
            });
        }
        EventLoop::unreference(EventLoop::delay(60, fn() => EventLoop::getDriver()->stop()));
        EventLoop::run();
        $adapter->close();
        $this->assertSame(['acked' => 1600, NackedException::class => 200, ReturnedException::class => 200, PublishFailedException::class => 0, 'other' => 0], $ended);
        $this->assertCount(100, $order);
        $this->assertSame([range(0, 19)], array_values(array_unique($order, SORT_REGULAR)));
        $this->assertSame(0, $adapter->pending());
    }

    public function testAwaitFromTheMainScriptRunsTheLoopUntilSettled(): void
    {
        $adapter = new Confirmations($this->publisher);
        $c = $adapter->publish('', $this->ok, 'from main', ['message_id' => 'revolt-main']);
        $this->assertTrue($c->isSettled());
        $this->assertSame('revolt-main', $c->messageId());
        $this->expectException(ReturnedException::class);
        $adapter->publish('', 'nobody.' . getmypid(), 'unroutable');
    }

    public function testAConnectionLostMidwayLosesNoOutcome(): void
    {
        $name = 'phpunit revolt ' . getmypid() . ' ' . bin2hex(random_bytes(4));
        $this->publisher = self::publisherNamed($name);
        [$ended, $times] = $this->run10k(fn() => self::closeConnectionNamed($name));
        $this->assertEveryOutcomeOnce($ended, $times);
    }
}
