--TEST--
Constructor options: unknown names are a ValueError, wrong types a TypeError, bad values a ValueError
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$cases = [
    ['nope' => 1],
    ['connection_name' => 42],
    ['connect_timeout' => 'soon'],
    ['connect_timeout' => -1],
    ['confirm_timeout' => NAN],
    ['confirm_timeout' => INF],
    ['max_in_flight' => 0],
    ['max_in_flight' => 1.5],
    ['max_in_flight_bytes' => 0],
    ['verify_peer' => 'yes'],
    ['verify_peer' => false],
    ['cafile' => '/nonexistent/ca.pem'],
    ['certfile' => '/tmp/x.pem'],
    [0 => 'positional'],
];
foreach ($cases as $options) {
    expect_throw(fn() => new AmqpConfirm\Publisher(test_uri(), $options));
}
$p = publisher(['connection_name' => 'ok', 'connect_timeout' => 3, 'confirm_timeout' => 2.5, 'max_in_flight' => 10, 'verify_peer' => true]);
var_dump($p->isConnected());
?>
--EXPECT--
ValueError: AmqpConfirm\Publisher::__construct(): Argument #2 ($options) has an unknown key "nope" (known: connection_name, connect_timeout, confirm_timeout, max_in_flight, max_in_flight_bytes, max_message_size, cafile, certfile, keyfile, verify_peer, reconnect_attempts, reconnect_backoff, max_attempts, retry_nacked, persistent, node_order, spool_dir, spool_after, spool_max_bytes, spool_max_age, spool_sync)
TypeError: AmqpConfirm\Publisher::__construct(): Argument #2 ($options)["connection_name"] must be of type string, int given
TypeError: AmqpConfirm\Publisher::__construct(): Argument #2 ($options)["connect_timeout"] must be of type float, string given
ValueError: AmqpConfirm\Publisher::__construct(): Argument #2 ($options)["connect_timeout"] must be a finite number of seconds >= 0, -1 given
ValueError: AmqpConfirm\Publisher::__construct(): Argument #2 ($options)["confirm_timeout"] must be a finite number of seconds >= 0, NaN given
ValueError: AmqpConfirm\Publisher::__construct(): Argument #2 ($options)["confirm_timeout"] must be a finite number of seconds >= 0, inf given
ValueError: AmqpConfirm\Publisher::__construct(): Argument #2 ($options)["max_in_flight"] must be between 1 and 1000000, 0 given
TypeError: AmqpConfirm\Publisher::__construct(): Argument #2 ($options)["max_in_flight"] must be of type int, float given
ValueError: AmqpConfirm\Publisher::__construct(): Argument #2 ($options)["max_in_flight_bytes"] must be between 1 and 1099511627776, 0 given
TypeError: AmqpConfirm\Publisher::__construct(): Argument #2 ($options)["verify_peer"] must be of type bool, string given
ValueError: AmqpConfirm\Publisher::__construct(): Argument #2 ($options)["verify_peer"] = false is not supported: pass the broker's CA as "cafile" instead
ValueError: AmqpConfirm\Publisher::__construct(): cafile cannot read "/nonexistent/ca.pem": No such file or directory (os error 2)
ValueError: AmqpConfirm\Publisher::__construct(): certfile and keyfile must be given together
ValueError: AmqpConfirm\Publisher::__construct(): Argument #2 ($options) has an unknown key "0" (known: connection_name, connect_timeout, confirm_timeout, max_in_flight, max_in_flight_bytes, max_message_size, cafile, certfile, keyfile, verify_peer, reconnect_attempts, reconnect_backoff, max_attempts, retry_nacked, persistent, node_order, spool_dir, spool_after, spool_max_bytes, spool_max_age, spool_sync)
bool(true)
