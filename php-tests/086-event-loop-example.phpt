--TEST--
The event-loop example of the loop this release packages (amp v2 on Debian 12, Revolt on sid) runs and reports every outcome; a release that packages neither (Debian 13) skips it, and only a lane that names it may (AMQP_CONFIRM_ALLOW_SKIP)
--SKIPIF--
<?php if (!is_dir('/usr/share/php/Amp') && !is_dir('/usr/share/php/Revolt')) die('skip this release packages neither amp v2 nor Revolt'); ?>
--FILE--
<?php
$loop = is_dir('/usr/share/php/Amp') ? 'amp' : 'revolt';
echo trim(shell_exec(PHP_BINARY . ' ' . (getenv('AMQP_CONFIRM_EXT') ? '-d extension=' . escapeshellarg(getenv('AMQP_CONFIRM_EXT')) : '') . ' ' . __DIR__ . "/../examples/event-loop-$loop.php 2>&1")), "\n";
?>
--EXPECT--
outcomes: {"ReturnedException":100,"acked":9900}; promises still pending: 0; loop ended by itself
