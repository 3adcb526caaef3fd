--TEST--
Headers of every supported type, nested lists and maps, reach a consumer unchanged (read back with php-amqplib)
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'headers');
$headers = [
    'string' => 'text',
    'binary' => "\x00\xff\x01",
    'int' => 42,
    'negative' => -9000000000,
    'float' => 1.5,
    'true' => true,
    'false' => false,
    'null' => null,
    'list' => [1, 'two', 3.0, [4, 5]],
    'map' => ['a' => 1, 'b' => ['c' => 'd', 'e' => [true, null]]],
    'empty' => [],
    '123' => 'numeric key',
];
$p->publish('', $q, 'h', ['headers' => $headers])->wait(10);
[$m] = read_back_amqplib($q);
$got = $m->get('application_headers')->getNativeData();
foreach ($headers as $k => $v) {
    $same = array_key_exists($k, $got) && var_export($got[$k], true) === var_export($v, true);
    echo $k, ': ', $same ? 'same' : 'DIFFERENT ' . var_export($got[$k] ?? 'MISSING', true), "\n";
}
?>
--EXPECT--
string: same
binary: same
int: same
negative: same
float: same
true: same
false: same
null: same
list: same
map: same
empty: same
123: same
