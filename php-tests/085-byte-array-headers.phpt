--TEST--
AmqpConfirm\ByteArray goes out as an AMQP byte array (type x) in headers, nested ones and queue arguments, where a PHP string is a long string (S); read back with php-amqplib, which shows the wire types; it is constructed, coerced and dumped like a PHP value class
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
require_once '/usr/share/php/PhpAmqpLib/autoload.php';
use AmqpConfirm\ByteArray;
use PhpAmqpLib\Wire\AMQPAbstractCollection as Collection;

/** Each field's AMQP type symbol (x byte array, S long string, F table, A array), nested ones in parentheses. */
function symbols(Collection $c): string
{
    $out = [];
    foreach ($c as $key => [$type, $value]) {
        $out[] = "$key:" . Collection::getSymbolForDataType($type) . ($value instanceof Collection ? '(' . symbols($value) . ')' : '=' . bin2hex((string) $value));
    }
    return implode(' ', $out);
}

var_dump(new ByteArray('{"tenant":["a"]}'));
$bytes = new ByteArray("{}\0\xff");
var_dump($bytes->getBytes() === "{}\0\xff", (string) $bytes === $bytes->getBytes(), (new ByteArray(12))->getBytes());
expect_throw(fn() => new ByteArray([]));
expect_throw(fn() => new ByteArray());

$p = publisher();
$q = temp_queue($p, 'bytes');
$headers = ['raw' => $bytes, 'text' => 'plain', 'empty' => new ByteArray(''), 'nested' => ['list' => [new ByteArray('b')]]];
$p->publish('', $q, 'body', ['headers' => $headers])->wait(10);
[$m] = read_back_amqplib($q);
echo 'headers: ', symbols($m->get('application_headers')), "\n";

// in queue arguments too: the broker accepts a byte array in an argument it does not interpret
$q2 = uniq('bytes-arg');
$p->declareQueue($q2, ['arguments' => ['x-expires' => 60000, 'x-note' => new ByteArray('n')]]);
echo "declared with a byte array argument\n";
$p->deleteQueue($q2);
?>
--EXPECTF--
object(AmqpConfirm\ByteArray)#%d (2) {
  ["bytes"]=>
  string(16) "{"tenant":["a"]}"
  ["length"]=>
  int(16)
}
bool(true)
bool(true)
string(2) "12"
TypeError: AmqpConfirm\ByteArray::__construct(): Argument #1 ($bytes) must be of type string, array given
ArgumentCountError: AmqpConfirm\ByteArray::__construct() expects exactly 1 argument, 0 given
headers: empty:x= nested:F(list:A(0:x=62)) raw:x=7b7d00ff text:S=706c61696e
declared with a byte array argument
