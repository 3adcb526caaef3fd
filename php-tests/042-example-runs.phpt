--TEST--
The README's example (examples/publish.php) runs and prints acked outcomes
--FILE--
<?php
ob_start();
require __DIR__ . '/../examples/publish.php';
$out = ob_get_clean();
echo substr_count($out, ': acked'), " acked\n";
echo substr_count($out, ': returned (312 NO_ROUTE)'), " returned\n";
echo trim(substr($out, strrpos(rtrim($out), "\n") + 1)), "\n";
?>
--EXPECT--
5 acked
1 returned
published 6, acked 5, returned 1
