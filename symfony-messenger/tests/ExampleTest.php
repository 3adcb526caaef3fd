<?php

use PHPUnit\Framework\TestCase;

/** The README's runnable example (examples/symfony-messenger.php) runs and prints what it claims. */
final class ExampleTest extends TestCase
{
    /** @group php-amqp */
    #[\PHPUnit\Framework\Attributes\Group('php-amqp')]
    public function testTheExampleRuns(): void
    {
        $ext = getenv('AMQP_CONFIRM_EXT') ?: dirname(__DIR__, 2) . '/target/release/libamqp_confirm.so';
        exec(implode(' ', array_map('escapeshellarg', [PHP_BINARY, '-d', "extension=$ext", dirname(__DIR__, 2) . '/examples/symfony-messenger.php'])) . ' 2>&1', $out, $status);
        $this->assertSame([
            '100 messages dispatched by one handler, all confirmed by one flush',
            'refused: (returned: 312 NO_ROUTE)',
            "received 100 through Symfony's AMQP receiver",
        ], $out);
        $this->assertSame(0, $status);
    }
}
