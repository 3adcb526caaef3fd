<?php

declare(strict_types=1);

use PHPUnit\Framework\TestCase;

/** The README's RoadRunner example (examples/roadrunner-jobs.php) runs against the broker and says what happened. */
final class ExampleTest extends TestCase
{
    public function testTheExampleRuns(): void
    {
        $example = dirname(__DIR__, 2) . '/examples/roadrunner-jobs.php';
        exec(sprintf('%s -d extension=%s %s 2>&1', PHP_BINARY, escapeshellarg(self::extension()), escapeshellarg($example)), $out, $status);
        $out = implode("\n", $out);
        $this->assertSame(0, $status, $out);
        $this->assertSame(2, preg_match_all('/^job [0-9a-f-]{36}: acked$/m', $out), $out);
        $this->assertStringContainsString("delayed job: acked, waiting in delayed-1000.example.rr.", $out);
        $this->assertStringContainsString('job for an unbound pipeline: returned (312 NO_ROUTE)', $out);
        $this->assertStringContainsString("the pipeline's queue holds 3 jobs", $out);
    }

    /** The extension this test runs under (scripts/test.sh names it in AMQP_CONFIRM_EXT), or the release build. */
    private static function extension(): string
    {
        return getenv('AMQP_CONFIRM_EXT') ?: dirname(__DIR__, 2) . '/target/release/libamqp_confirm.so';
    }
}
