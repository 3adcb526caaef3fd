--TEST--
Spool: the command-line tool (bin/amqp-confirm-spool) shows, lists, moves and drains a spool; mistakes are clear: spool settings without a directory or with a bad value (ValueError, TypeError), a directory that cannot be made or a path that is a file, a full spool (SpoolException, nothing kept, nothing dropped silently); the ini sets a default directory
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$admin = publisher();
$q = temp_queue($admin, 'tool');
$dir = sys_get_temp_dir() . '/' . uniq('spool');
$down = 'amqp://guest:guest@127.0.0.1:1/%2f';
$tool = fn(string ...$args) => shell_exec(implode(' ', array_map('escapeshellarg', [PHP_BINARY, '-n', '-d', 'extension=' . ext_so(), __DIR__ . '/../bin/amqp-confirm-spool', ...$args])) . ' 2>&1; echo "exit $?"');

foreach ([
    ['spool_after' => 1.0],
    ['spool_dir' => $dir, 'spool_sync' => 'sometimes'],
    ['spool_dir' => $dir, 'spool_max_bytes' => 0],
    ['spool_dir' => $dir, 'spool_max_age' => -1],
    ['spool_dir' => 42],
    ['spool_dir' => 'var/spool'],
] as $options) {
    try { new AmqpConfirm\Publisher($down, $options + ['connect_timeout' => 0.2]); }
    catch (Throwable $e) { echo get_class($e), ': ', str_replace($dir, 'DIR', $e->getMessage()), "\n"; }
}
foreach (['/proc/no/such/dir', __FILE__] as $path) {
    try { new AmqpConfirm\Publisher($down, ['spool_dir' => $path, 'connect_timeout' => 0.2]); }
    catch (AmqpConfirm\SpoolException $e) { echo get_class($e), ': ', str_replace(__FILE__, 'FILE', $e->getMessage()), "\n"; }
}

// full: the message is refused, what is spooled stays
$p = new AmqpConfirm\Publisher($down, ['spool_dir' => $dir, 'connect_timeout' => 0.2, 'spool_max_bytes' => 1100]);
$p->publish('', $q, str_repeat('a', 400), ['message_id' => 'fits-1']);
$p->publish('', $q, str_repeat('b', 400), ['message_id' => 'fits-2']);
try { $p->publish('', $q, str_repeat('c', 400), ['message_id' => 'too-many']); }
catch (AmqpConfirm\SpoolException $e) { echo get_class($e), ': ', preg_replace('/\d+ bytes in \S+/', 'N bytes in DIR', $e->getMessage()), "\n"; }
echo str_replace($dir, 'DIR', preg_replace('/oldest [\d.]+ s/', 'oldest N s', $tool('status', $dir)));
echo preg_replace('/age [\d.]+ s/', 'age N s', $tool('list', $dir));
unset($p);

echo $tool('move', $dir, "$dir-moved") === "moved 1 segment(s) to $dir-moved\nexit 0\n" ? "moved\n" : "not moved\n";
echo $tool('drain', "$dir-moved");
echo $tool('drain', "$dir-moved", '--uri=' . test_uri(), '--timeout=30');
echo str_replace("$dir-moved", 'DIR', $tool('status', "$dir-moved"));
echo $tool('frobnicate', $dir);
echo "queue: ", implode(',', array_map(fn($m) => $m->getMessageId(), read_back($q))), "\n";

// the ini's directory is every publisher's default
ini_set('amqp_confirm.spool_dir', "$dir-ini");
$p = new AmqpConfirm\Publisher($down, ['connect_timeout' => 0.2]);
echo "ini default: ", $p->publish('', $q, 'x')->status()->value, " into ", str_replace("$dir-ini", 'DIR-INI', $p->stats()['spool']['dir']), "\n";
unset($p);
ini_set('amqp_confirm.spool_dir', 'var/spool');
try { new AmqpConfirm\Publisher($down, ['connect_timeout' => 0.2]); }
catch (ValueError $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
echo trim($tool('drain', "$dir-ini", '--uri=' . test_uri(), '--timeout=30')), "\n";
$admin->deleteQueue($q);
foreach ([$dir, "$dir-moved", "$dir-ini"] as $d) { array_map('unlink', glob("$d/*")); @rmdir($d); }
?>
--EXPECTF--
ValueError: AmqpConfirm\Publisher::__construct(): Argument #2 ($options)["spool_after"] needs a spool directory: set "spool_dir" (or amqp_confirm.spool_dir)
ValueError: AmqpConfirm\Publisher::__construct(): Argument #2 ($options)["spool_sync"] must be "always" or "batch"
ValueError: AmqpConfirm\Publisher::__construct(): Argument #2 ($options)["spool_max_bytes"] must be between 1 and 9223372036854775807, 0 given
ValueError: AmqpConfirm\Publisher::__construct(): Argument #2 ($options)["spool_max_age"] must be a finite number of seconds >= 0, -1 given
TypeError: AmqpConfirm\Publisher::__construct(): Argument #2 ($options)["spool_dir"] must be of type string, int given
ValueError: AmqpConfirm\Publisher::__construct(): Argument #2 ($options)["spool_dir"] must be an absolute path (every process must name the same directory), "var/spool" given
AmqpConfirm\SpoolException: cannot create the spool directory in /proc/no/such/dir: No such file or directory (os error 2)
AmqpConfirm\SpoolException: spool_dir FILE is not a directory
AmqpConfirm\SpoolException: the spool is full: N bytes in DIR and this message needs %d more (spool_max_bytes 1100); the message was not published
DIR: 2 message(s) in 1 segment(s), %d bytes, oldest N s; 1 segment(s) held by a live process; 0 dead letter(s); 0 torn segment(s) set aside
exit 0
fits-1  exchange ''  routing key 'phpt.tool.%s'  400 bytes  age N s
fits-2  exchange ''  routing key 'phpt.tool.%s'  400 bytes  age N s
exit 0
moved
amqp-confirm-spool: drain needs --uri=amqp://...
exit 2
delivered 2, dead-lettered 0, torn 0; left: 0 message(s) in 0 segment(s)
exit 0
DIR: 0 message(s) in 0 segment(s), 0 bytes, oldest none; 0 segment(s) held by a live process; 0 dead letter(s); 0 torn segment(s) set aside
exit 0
amqp-confirm-spool: unknown command "frobnicate"
usage: amqp-confirm-spool status DIR [--json]
       amqp-confirm-spool list DIR [--max=N] [--json]
       amqp-confirm-spool dead-letters DIR [--max=N] [--json]
       amqp-confirm-spool drain DIR --uri=URI [--timeout=SECONDS]
       amqp-confirm-spool move DIR TO

exit 2
queue: fits-1,fits-2
ini default: spooled into DIR-INI
ValueError: AmqpConfirm\Publisher::__construct(): spool_dir must be an absolute path (amqp_confirm.spool_dir or the option), "var/spool" given
delivered 1, dead-lettered 0, torn 0; left: 0 message(s) in 0 segment(s)
exit 0
