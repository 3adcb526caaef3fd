--TEST--
Spool, a full disk: publish() throws SpoolException naming the system's reason ("No space left on device") and keeps nothing of that message; every message spooled before it stays whole (no torn record is left behind), and is delivered once there is room and a broker
--SKIPIF--
<?php if (posix_getuid() !== 0) die('skip needs root (mounts a small tmpfs)'); ?>
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$admin = publisher();
$q = temp_queue($admin, 'diskfull');
$mount = sys_get_temp_dir() . '/' . uniq('tinyfs');
mkdir($mount);
exec('mount -t tmpfs -o size=128k tmpfs ' . escapeshellarg($mount) . ' 2>&1', $out, $rc);
if ($rc !== 0) die("cannot mount a tmpfs: " . implode(' ', $out) . "\n");
$dir = "$mount/spool";
$p = new AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:1/%2f', ['spool_dir' => $dir, 'connect_timeout' => 0.2]);
$spooled = 0;
for ($i = 0; $i < 1000; $i++) {
    try {
        $p->publish('', $q, str_repeat('x', 3000), ['message_id' => "fill-$i"]);
        $spooled++;
    } catch (AmqpConfirm\SpoolException $e) {
        echo get_class($e), ': ', str_replace($dir, 'DIR', $e->getMessage()), "\n";
        break;
    }
}
$i = AmqpConfirm\Spool::inspect($dir);
echo "spooled before the disk was full: ", $spooled > 0 ? 'some' : 'none', "; in the spool: ", $i['messages'] === $spooled ? 'all of them' : "{$i['messages']} of $spooled", "\n";
echo "another try still fails cleanly: ";
try { $p->publish('', $q, str_repeat('y', 3000)); } catch (AmqpConfirm\SpoolException) { echo "SpoolException\n"; }
unset($p);
$d = new AmqpConfirm\Publisher(test_uri(), ['spool_dir' => $dir]);
for ($n = 0; $n < 100 && AmqpConfirm\Spool::inspect($dir)['segments'] > 0; $n++) usleep(100000);
$ids = array_map(fn($m) => $m->getMessageId(), read_back($q));
echo "delivered: ", count($ids) === $spooled && $ids === array_map(fn($n) => "fill-$n", range(0, $spooled - 1)) ? 'every one, in order' : count($ids) . " of $spooled", "\n";
$d->close();
$admin->deleteQueue($q);
exec('umount ' . escapeshellarg($mount));
@rmdir($mount);
?>
--EXPECT--
AmqpConfirm\SpoolException: cannot write to the spool (nothing of this message was kept) in DIR: No space left on device (os error 28)
spooled before the disk was full: some; in the spool: all of them
another try still fails cleanly: SpoolException
delivered: every one, in order
