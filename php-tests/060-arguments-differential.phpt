--TEST--
PHP's argument rules, differentially: every parameter of every public method, a table of values (int, float, numeric and other strings, bool, null, arrays, objects, Stringable, resource) in coercive and strict mode, gives the same outcome as a userland function with the method's Reflection signature (accepted with the same deprecations, or the same TypeError message); coerced values checked where the extension reports them
--INI--
; outcomes this test leaves unobserved are logged (php-tests/070 checks those lines)
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
require __DIR__ . '/helpers/differential.inc';
require __DIR__ . '/helpers/diff-coercive.inc';
require __DIR__ . '/helpers/diff-strict.inc';
use AmqpConfirm\{Confirmation, Publisher};

$p = publisher();
$q = temp_queue($p, 'diff');
$acked = $p->publish('', $q, 'x');
$acked->wait(10);
$closed = publisher();
$closed->close();
$fresh = publisher();
$cases = [
    [Publisher::class, '__construct', [test_uri(), ['connection_name' => 'phpt diff']]],
    [$p, 'publish', ['', $q, 'body', ['message_id' => 'diff'], false]],
    [$p, 'waitAll', [10.0]],
    [$p, 'collectFailures', [[$acked], 10.0]],
    [$p, 'declareExchange', ['amq.direct', 'direct', ['passive' => true]]],
    [$p, 'declareQueue', [$q, ['passive' => true]]],
    [$p, 'bindQueue', [$q, 'amq.direct', $q, []]],
    [$fresh, 'deleteQueue', [uniq('nx'), ['if_empty' => true]]],
    [$fresh, 'deleteExchange', [uniq('nx'), ['if_unused' => true]]],
    [$fresh, 'purgeQueue', [uniq('nx')]],
    [$closed, 'close', [1.0]],
    [$p, 'collectSettled', [null]],
    [$acked, 'wait', [1.0]],
];

$comparisons = 0;
$elementRule = 0;
$differences = [];
$checked = ['exchange' => 0, 'routingKey' => 0];
$bodies = [];
$covered = [];
foreach ($cases as [$target, $method, $base]) {
    $class = is_string($target) ? $target : get_class($target);
    $rm = new ReflectionMethod($class, $method);
    $mirror = diff_mirror($rm);
    foreach ($rm->getParameters() as $i => $param) {
        $covered[] = "$class::$method(\$" . $param->getName() . ')';
        foreach (['coercive' => false, 'strict' => true] as $mode => $strict) {
            foreach (diff_values($method === '__construct' ? test_uri() : 'diff-stringable') as $label => $value) {
                $args = $base;
                $args[$i] = $value;
                if ($method === 'publish' && $i === 2) {
                    $args[3] = ['message_id' => "body|$mode|$label"];
                }
                $call = "diff_call_$mode";
                $mirrorCall = "diff_mirror_$mode";
                [$ours, $result] = diff_outcome(fn() => $call($target, $method, $args));
                $theirs = diff_outcome(fn() => $mirrorCall($mirror, $args));
                $expected = diff_expected($param, $value, $theirs, $strict);
                $comparisons++;
                // collectFailures() also checks the array's elements (a documented rule beyond the signature)
                if (str_contains($ours, '($confirmations) must contain only AmqpConfirm\\Confirmation')) {
                    $ours = 'accepted';
                    $elementRule++;
                }
                if ($ours !== $expected) {
                    $differences[] = "$class::$method() arg " . ($i + 1) . " $mode $label: ours <$ours> expected <$expected>";
                    continue;
                }
                // coerced values the extension reports back
                $coerced = $theirs[1][$i] ?? ($value === null ? ((string) $param->getType() === 'string' ? '' : null) : null);
                if ($method === 'publish' && $result instanceof Confirmation && $i < 2) {
                    $got = $i === 0 ? $result->exchange() : $result->routingKey();
                    if ($got !== (string) $coerced) $differences[] = "publish() arg " . ($i + 1) . " $mode $label: coerced to <$got>, PHP gives <$coerced>";
                    $checked[$i === 0 ? 'exchange' : 'routingKey']++;
                }
                if ($method === 'publish' && $result instanceof Confirmation && $i === 2) {
                    $bodies["body|$mode|$label"] = (string) $coerced;
                }
            }
        }
        if ($method === 'publish') $p->waitAll(30);
    }
}
// bodies as the broker stored them
$stored = [];
foreach (read_back($q) as $env) $stored[$env->getMessageId()] = (string) $env->getBody(); // php-amqp: false for an empty body
$bodyMismatch = 0;
foreach ($bodies as $id => $body) if (!array_key_exists($id, $stored) || $stored[$id] !== $body) { $bodyMismatch++; $differences[] = "body $id: stored <" . ($stored[$id] ?? 'missing') . "> PHP gives <$body>"; }

// the internal-function rule applied above for null, as str_pad() shows it
[$padCoercive] = diff_outcome(fn() => diff_str_pad_coercive(null));
[$padStrict] = diff_outcome(fn() => diff_str_pad_strict(null));
echo "str_pad(null): ", $padCoercive, " / ", $padStrict, "\n";

$line = sprintf("[arguments differential] %d parameters, %d comparisons (%d refused by the element rule of collectFailures), %d differences; coerced values checked: %d exchanges, %d routing keys, %d bodies (%d mismatched)\n",
    count($covered), $comparisons, $elementRule, count($differences), $checked['exchange'], $checked['routingKey'], count($bodies), $bodyMismatch);
echo $line;
if ($log = getenv('AMQP_CONFIRM_FAULT_LOG')) file_put_contents($log, $line, FILE_APPEND);
foreach ($differences as $d) echo $d, "\n";
echo implode("\n", $covered), "\n";
?>
--EXPECTF--
str_pad(null): accepted [Passing null to parameter #1 ($string) of type string is deprecated] / TypeError: Argument #1 ($string) must be of type string, null given
[arguments differential] 27 parameters, 810 comparisons (2 refused by the element rule of collectFailures), 0 differences; coerced values checked: %d exchanges, %d routing keys, %d bodies (0 mismatched)
AmqpConfirm\Publisher::__construct($uri)
AmqpConfirm\Publisher::__construct($options)
AmqpConfirm\Publisher::publish($exchange)
AmqpConfirm\Publisher::publish($routingKey)
AmqpConfirm\Publisher::publish($body)
AmqpConfirm\Publisher::publish($properties)
AmqpConfirm\Publisher::publish($mandatory)
AmqpConfirm\Publisher::waitAll($timeout)
AmqpConfirm\Publisher::collectFailures($confirmations)
AmqpConfirm\Publisher::collectFailures($timeout)
AmqpConfirm\Publisher::declareExchange($name)
AmqpConfirm\Publisher::declareExchange($type)
AmqpConfirm\Publisher::declareExchange($options)
AmqpConfirm\Publisher::declareQueue($name)
AmqpConfirm\Publisher::declareQueue($options)
AmqpConfirm\Publisher::bindQueue($queue)
AmqpConfirm\Publisher::bindQueue($exchange)
AmqpConfirm\Publisher::bindQueue($routingKey)
AmqpConfirm\Publisher::bindQueue($arguments)
AmqpConfirm\Publisher::deleteQueue($name)
AmqpConfirm\Publisher::deleteQueue($options)
AmqpConfirm\Publisher::deleteExchange($name)
AmqpConfirm\Publisher::deleteExchange($options)
AmqpConfirm\Publisher::purgeQueue($name)
AmqpConfirm\Publisher::close($timeout)
AmqpConfirm\Publisher::collectSettled($max)
AmqpConfirm\Confirmation::wait($timeout)
