--TEST--
var_dump() and print_r() of a Confirmation show its message id, delivery tag, status, attempts, exchange, routing key and reason; of a Publisher its URI without the password, connection name, persistent and connected state and counters
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$p = new AmqpConfirm\Publisher(test_uri(), ['connection_name' => 'dump test']);
$q = temp_queue($p, 'dump');
$c = $p->publish('', $q, 'x', ['message_id' => 'dump-1']);
$c->wait(10);
var_dump($c);
$r = $p->publish('', uniq('no-route'), 'y', ['message_id' => 'dump-2'], true);
try { $r->wait(10); } catch (AmqpConfirm\ReturnedException) {}
print_r($r);
echo "\n";
var_dump($p);
ob_start(); var_dump($p); print_r($p); var_export($p); $out = ob_get_clean();
echo "password shown: ", var_export(str_contains($out, ':' . TEST_PASSWORD . '@'), true), "\n";
?>
--EXPECTF--
object(AmqpConfirm\Confirmation)#%d (7) {
  ["messageId"]=>
  string(6) "dump-1"
  ["deliveryTag"]=>
  int(1)
  ["status"]=>
  enum(AmqpConfirm\Status::Acked)
  ["attempts"]=>
  int(1)
  ["exchange"]=>
  string(0) ""
  ["routingKey"]=>
  string(%d) "%s"
  ["reason"]=>
  NULL
}
AmqpConfirm\Confirmation Object
(
    [messageId] => dump-2
    [deliveryTag] => 2
    [status] => AmqpConfirm\Status Enum:string
        (
            [name] => Returned
            [value] => returned
        )

    [attempts] => 1
    [exchange] => 
    [routingKey] => %s
    [reason] => 312 NO_ROUTE
)

object(AmqpConfirm\Publisher)#%d (6) {
  ["uri"]=>
  string(31) "amqp://guest@127.0.0.1:5672/%s"
  ["connectionName"]=>
  string(9) "dump test"
  ["persistent"]=>
  bool(false)
  ["connected"]=>
  bool(true)
  ["node"]=>
  string(14) "127.0.0.1:5672"
  ["stats"]=>
  array(13) {
    ["published"]=>
    int(2)
    ["acked"]=>
    int(1)
    ["nacked"]=>
    int(0)
    ["returned"]=>
    int(1)
    ["failed"]=>
    int(0)
    ["in_flight"]=>
    int(0)
    ["in_flight_bytes"]=>
    int(0)
    ["reconnects"]=>
    int(0)
    ["reconnect_attempts"]=>
    int(0)
    ["failovers"]=>
    int(0)
    ["node"]=>
    string(14) "127.0.0.1:5672"
    ["blocked"]=>
    bool(false)
    ["blocked_reason"]=>
    NULL
  }
}
password shown: false
