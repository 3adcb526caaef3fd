--TEST--
Hostile input: thousands of generated arguments (long, binary, invalid UTF-8, huge, deep, cyclic, objects, resources, NaN, infinities, malformed URIs) at every public method; each call returns or throws a documented exception, and the process survives
--INI--
; outcomes this test leaves unobserved are logged (php-tests/070 checks those lines)
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
// null passed to a scalar parameter is deprecated (PHP 8.1), as for PHP's own functions: not counted here
error_reporting(E_ALL & ~E_DEPRECATED);
// PHP 8.5 warns when a NAN is coerced to a string (a NAN body), as for PHP's own functions: not counted here either
set_error_handler(fn(int $no, string $message) => str_starts_with($message, 'unexpected NAN value was coerced'), E_WARNING);
mt_srand(20261124);
$documented = [AmqpConfirm\Exception::class, ValueError::class, TypeError::class, ArgumentCountError::class];
$unexpected = [];
$calls = 0;
$outcomes = [];
function attempt(callable $fn): void
{
    global $documented, $unexpected, $calls, $outcomes;
    $calls++;
    try {
        $fn();
        $outcomes['returned'] = ($outcomes['returned'] ?? 0) + 1;
    } catch (Throwable $e) {
        foreach ($documented as $class) {
            if ($e instanceof $class) {
                $outcomes[$class] = ($outcomes[$class] ?? 0) + 1;
                return;
            }
        }
        $unexpected[] = get_class($e) . ': ' . $e->getMessage();
    }
}
function rnd_string(): string
{
    return match (mt_rand(0, 7)) {
        0 => '',
        1 => str_repeat('a', mt_rand(250, 300)),
        2 => random_bytes(mt_rand(1, 64)),
        3 => "\xff\xfe\xc3\x28" . random_bytes(3),
        4 => str_repeat("\0", mt_rand(1, 10)),
        5 => 'amq.' . bin2hex(random_bytes(4)),
        6 => str_repeat('é', mt_rand(100, 200)),
        default => 'k' . mt_rand(),
    };
}
function rnd_value(int $depth = 0): mixed
{
    static $res;
    $res ??= fopen('php://memory', 'r');
    return match (mt_rand(0, 14)) {
        0 => null, 1 => true, 2 => mt_rand(PHP_INT_MIN, PHP_INT_MAX), 3 => NAN, 4 => INF, 5 => -INF,
        6 => mt_rand() / 7, 7 => rnd_string(), 8 => new stdClass, 9 => $res, 10 => fn() => 1,
        11 => $depth > 40 ? 'leaf' : ['x' => rnd_value($depth + 1)],
        12 => $depth > 40 ? 'leaf' : [rnd_value($depth + 1), rnd_value($depth + 1)],
        13 => -mt_rand(1, 1000),
        default => random_bytes(mt_rand(1, 16)),
    };
}
function rnd_array(array $keys): array
{
    $a = [];
    for ($i = mt_rand(0, 4); $i > 0; $i--) {
        $a[mt_rand(0, 5) === 0 ? rnd_string() : $keys[array_rand($keys)]] = rnd_value();
    }
    if (mt_rand(0, 10) === 0) {
        $a['self'] = &$a;
    }
    return $a;
}
function rnd_timeout(): mixed
{
    return [null, -1.0, NAN, INF, -INF, 1e300, 0.0, 0.001, PHP_INT_MAX, 'x', [], 0.01][mt_rand(0, 11)];
}
$propKeys = ['content_type', 'content_encoding', 'delivery_mode', 'priority', 'correlation_id', 'reply_to', 'expiration', 'message_id', 'timestamp', 'type', 'user_id', 'app_id', 'headers'];
$optKeys = ['connection_name', 'connect_timeout', 'confirm_timeout', 'max_in_flight', 'cafile', 'certfile', 'keyfile', 'verify_peer', 'reconnect_attempts', 'reconnect_backoff', 'max_attempts', 'retry_nacked'];
$topoKeys = ['durable', 'auto_delete', 'exclusive', 'internal', 'passive', 'arguments', 'if_unused', 'if_empty'];

// constructors: malformed URIs and options (every URI points at 127.0.0.1 or is invalid: nothing leaves the machine)
for ($i = 0; $i < 150; $i++) {
    $uri = match (mt_rand(0, 5)) {
        0 => rnd_string(),
        1 => 'amqp://' . rnd_string() . '@127.0.0.1:' . mt_rand(1, 70000) . '/',
        2 => 'amqp://guest:guest@127.0.0.1:5672/' . rawurlencode(rnd_string()) . '?' . rnd_string() . '=' . rnd_string(),
        3 => 'amqps://guest:guest@127.0.0.1:' . mt_rand(1, 2000) . '/%2f',
        4 => 'amqp://guest:guest@[' . rnd_string(),
        default => test_uri() . '?heartbeat=' . rnd_string(),
    };
    $options = rnd_array($optKeys) + ['connect_timeout' => 0.3];
    attempt(fn() => new AmqpConfirm\Publisher($uri, $options));
}
$p = publisher(['confirm_timeout' => 0.5, 'max_in_flight' => 500]);
// declared by a publisher with the default confirm_timeout, which bounds topology: under valgrind, opening the
// topology connection can take longer than this publisher's 0.5 s
$q = temp_queue(publisher(), 'hostile');
$handles = [];
for ($i = 0; $i < 3000; $i++) {
    $target = mt_rand(0, 3) === 0 ? $q : rnd_string();
    $ex = mt_rand(0, 4) === 0 ? rnd_string() : '';
    $body = mt_rand(0, 50) === 0 ? random_bytes(mt_rand(200000, 1500000)) : (mt_rand(0, 5) === 0 ? rnd_value() : rnd_string());
    $props = mt_rand(0, 2) === 0 ? [] : rnd_array($propKeys);
    if (mt_rand(0, 3) === 0) $props['headers'] = rnd_array(['a', 'b', 'c']);
    attempt(function () use ($p, $ex, $target, $body, $props, &$handles) {
        $handles[] = $p->publish($ex, $target, $body, $props, (bool) mt_rand(0, 1));
    });
}
foreach (array_slice($handles, 0, 300) as $h) {
    attempt(fn() => $h->wait(rnd_timeout()));
    attempt(fn() => [$h->isSettled(), $h->status(), $h->reason(), $h->attempts(), $h->deliveryTag()]);
}
for ($i = 0; $i < 300; $i++) {
    attempt(fn() => $p->waitAll(rnd_timeout()));
    attempt(fn() => $p->collectFailures(mt_rand(0, 1) ? array_slice($handles, 0, 5) : rnd_array(['a']), rnd_timeout()));
    attempt(fn() => $p->declareQueue(rnd_string(), ['passive' => true] + rnd_array(['arguments', 'passive'])));
    attempt(fn() => $p->declareExchange(str_repeat('x', 256), rnd_string(), rnd_array($topoKeys)));
    attempt(fn() => $p->bindQueue(rnd_string(), rnd_string(), rnd_string(), rnd_array(['x-match', 'k'])));
    attempt(fn() => $p->deleteQueue(str_repeat('q', mt_rand(256, 400)), rnd_array($topoKeys)));
    attempt(fn() => $p->purgeQueue(rnd_string()));
}
attempt(fn() => $p->close(rnd_timeout()));
$p2 = publisher();
$c = $p2->publish('', $q, 'still alive');
$c->wait(10);
echo "calls: ", $calls > 5000 ? 'more than 5000' : $calls, "\n";
echo "unexpected: ", count($unexpected), "\n";
foreach (array_slice(array_unique($unexpected), 0, 10) as $u) echo "  $u\n";
echo "every outcome documented, process alive: ", $c->status()->value, "\n";
ksort($outcomes);
fprintf(STDOUT, "%s\n", implode(', ', array_map(fn($k, $v) => "$k $v", array_keys($outcomes), $outcomes)));
?>
--EXPECTF--
calls: more than 5000
unexpected: 0
every outcome documented, process alive: acked
%s
