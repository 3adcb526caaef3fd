--TEST--
Binary, empty and large (above frame_max) bodies arrive byte for byte
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'bodies');
$bodies = ['', implode('', array_map('chr', range(0, 255))), random_bytes(1024 * 1024 + 17), str_repeat('é', 5000)];
foreach ($bodies as $b) $p->publish('', $q, $b)->wait(30);
$got = read_back($q);
// php-amqp reports an empty body as false
foreach ($bodies as $i => $b) var_dump(strlen((string) $got[$i]->getBody()), (string) $got[$i]->getBody() === $b);
?>
--EXPECT--
int(0)
bool(true)
int(256)
bool(true)
int(1048593)
bool(true)
int(10000)
bool(true)
