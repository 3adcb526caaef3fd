--TEST--
Loaded after PHP's startup (dl(), php_admin_value[extension] in a php-fpm pool) the extension refuses to start with a message that says why and what to do, instead of crashing workers later (php-src#9196 breaks enums loaded then)
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$so = ext_so();
$out = shell_exec(escapeshellarg(PHP_BINARY) . ' -n -d enable_dl=1 -d extension_dir=' . escapeshellarg(dirname($so)) . ' -r ' . escapeshellarg('dl(' . var_export(basename($so), true) . ');') . ' 2>&1');
echo "dl(): ", str_contains($out, 'amqp_confirm cannot be loaded after PHP has started') ? 'refused with the reason' : "no:\n$out", "\n";

// a pool that loads it per pool (the master reads no php.ini, so it is not loaded before): its workers log the
// reason at start; no worker crashes
putenv('AMQP_CONFIRM_EXT=');
$fpm = fpm_start(['pm.max_children' => 1, 'php_admin_value[extension]' => $so], true);
$log = '';
for ($i = 0; $i < 100 && !str_contains($log, 'cannot be loaded after PHP has started'); $i++) {
    usleep(100000);
    $log = (@file_get_contents($fpm['dir'] . '/fpm.log') ?: '') . (@file_get_contents($fpm['dir'] . '/php-error.log') ?: '');
}
fpm_stop($fpm);
echo "php-fpm pool: ", str_contains($log, 'php_admin_value[extension] in a php-fpm pool') ? 'refused with the reason' : "no:\n$log", "\n";
echo "crashed workers: ", substr_count($log, 'SIGSEGV'), "\n";
?>
--EXPECT--
dl(): refused with the reason
php-fpm pool: refused with the reason
crashed workers: 0
