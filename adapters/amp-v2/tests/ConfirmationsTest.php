<?php

use Amp\Loop;
use AmqpConfirm\Adapters\Testing\BrokerCase;
use AmqpConfirm\Amp\Confirmations;
use AmqpConfirm\{NackedException, PublishFailedException, ReturnedException};

/** Against the local broker: every promise settles exactly once, and the loop ends. */
final class ConfirmationsTest extends BrokerCase
{
    /** Publishes 10000 messages with mixed outcomes inside Loop::run() and counts how each promise ended. */
    private function run10k(?callable $midway = null, bool $oneId = false): array
    {
        $adapter = new Confirmations($this->publisher);
        $ended = self::noOutcomes();
        $times = [];
        Loop::run(function () use ($adapter, $midway, $oneId, &$ended, &$times) {
            for ($i = 0; $i < 10000; $i++) {
                [$queue, $mandatory] = $this->route($i);
                $promise = $adapter->publish('', $queue, "m$i", ['message_id' => $oneId ? 'amp-one-id' : "amp-$i"], $mandatory);
                $promise->onResolve(function (?Throwable $e) use ($i, &$ended, &$times) {
                    $times[$i] = ($times[$i] ?? 0) + 1;
                    $ended[$e === null ? 'acked' : (isset($ended[get_class($e)]) ? get_class($e) : 'other')]++;
                });
                if ($i === 5000 && $midway) $midway();
            }
            $missing = $adapter->publish('no.such.exchange.' . getmypid(), 'k', 'x', ['message_id' => 'amp-missing-exchange']);
            $missing->onResolve(function (?Throwable $e) use (&$ended, &$times) {
                $times['missing'] = 1;
                $ended[$e instanceof PublishFailedException ? PublishFailedException::class : 'other']++;
            });
            // a guard: the loop must end by itself well before this, once every promise settled
            Loop::unreference(Loop::delay(60000, fn() => Loop::stop()));
        });
        $adapter->close();
        return [$ended, $times, $adapter->pending()];
    }

    public function testEveryPromiseSettlesExactlyOnceAndTheLoopEndsByItself(): void
    {
        [$ended, $times, $pending] = $this->run10k();
        $this->assertMixedRun($ended, $times, $pending);
    }

    public function testMessagesSharingOneIdEachGetTheirOwnOutcome(): void
    {
        // the adapter keys promises by handle, not by the user's message id
        [$ended, $times, $pending] = $this->run10k(null, true);
        $this->assertMixedRun($ended, $times, $pending);
    }

    public function testAConnectionLostMidwayLosesNoOutcome(): void
    {
        $name = 'phpunit amp ' . getmypid() . ' ' . bin2hex(random_bytes(4));
        $this->publisher = self::publisherNamed($name);
        [$ended, $times] = $this->run10k(fn() => self::closeConnectionNamed($name));
        $this->assertEveryOutcomeOnce($ended, $times);
    }
}
