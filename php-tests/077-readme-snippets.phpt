--TEST--
Every PHP snippet of the README runs as written, from the checkout, against the local broker: exit status 0, no warning, notice, deprecation or uncaught exception
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$readme = file_get_contents(__DIR__ . '/../README.md');
preg_match_all('/^```php\n(.*?)^```$/ms', $readme, $blocks);
echo count($blocks[1]) >= 5 ? "snippets found\n" : "too few snippets: " . count($blocks[1]) . "\n";
$failed = [];
foreach ($blocks[1] as $i => $code) {
    $file = sys_get_temp_dir() . '/' . uniq('snippet') . '.php';
    file_put_contents($file, $code);
    $cmd = [PHP_BINARY, '-n', '-d', 'extension=' . ext_so(), '-d', 'error_reporting=-1', '-d', 'display_errors=stderr', '-d', 'error_log=/dev/null', $file];
    $proc = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, dirname(__DIR__)); // from the checkout
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    $status = proc_close($proc);
    $first = strtok($code, "\n");
    $ok = $status === 0 && $err === '' && str_starts_with($code, "<?php\n");
    if (!$ok) $failed[] = "snippet " . ($i + 1) . " (status $status, starting $first):\n$err$out";
    unlink($file);
}
echo "failed: ", count($failed), "\n", implode("\n", $failed);
?>
--EXPECT--
snippets found
failed: 0
