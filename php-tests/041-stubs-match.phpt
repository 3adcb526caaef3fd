--TEST--
stubs/amqp_confirm.stub.php is exactly what the loaded extension reflects (regenerate with stubs/generate.php)
--FILE--
<?php
require __DIR__ . '/../stubs/generate.php';
$generated = amqp_confirm_stub();
$committed = file_get_contents(__DIR__ . '/../stubs/amqp_confirm.stub.php');
if ($generated === $committed) {
    echo "stubs match\n";
} else {
    $a = explode("\n", $committed);
    $b = explode("\n", $generated);
    foreach ($b as $i => $line) if (($a[$i] ?? null) !== $line) { echo "first difference at line ", $i + 1, ":\n- ", $a[$i] ?? '', "\n+ $line\n"; break; }
}
// every public class of the extension is in the stub
foreach ((new ReflectionExtension('amqp_confirm'))->getClassNames() as $name) {
    $short = substr($name, strlen('AmqpConfirm\\'));
    if (!preg_match('/^(final |abstract )?(class|enum) ' . $short . '\b/m', $committed)) echo "missing $name\n";
}
?>
--EXPECT--
stubs match
