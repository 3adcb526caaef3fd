--TEST--
A message's handle is one PHP object: collectSettled() and an exception's getConfirmation() give back the object publish() returned (=== and SplObjectStorage work); a handle no longer held comes back as a new object
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = publisher();
$q = temp_queue($p, 'ident');
$p->settledStream();
$store = new SplObjectStorage();
$mine = [];
for ($i = 0; $i < 100; $i++) {
    $c = $p->publish('', $i % 10 === 0 ? $q . '-nowhere' : $q, "m$i", ['message_id' => 'same-id']);
    $store[$c] = $i;
    $mine[] = $c;
}
$p->waitAll(10);
$settled = $p->collectSettled();
$same = 0;
foreach ($settled as $c) if (isset($store[$c])) $same++; // contains() is deprecated since PHP 8.5
echo count($settled), " settled, $same are the very objects publish() returned\n";
try {
    $mine[0]->wait(1);
} catch (AmqpConfirm\ReturnedException $e) {
    var_dump($e->getConfirmation() === $mine[0]);
}
// a handle dropped before it settled comes back as a fresh object that still reads right
$p->publish('', $q, 'dropped', ['message_id' => 'dropped-1']);
$p->waitAll(10);
[$fresh] = $p->collectSettled();
echo $fresh->messageId(), ' ', $fresh->status()->value, "\n";
?>
--EXPECT--
100 settled, 100 are the very objects publish() returned
bool(true)
dropped-1 acked
