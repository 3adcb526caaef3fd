<?php
// The package's classes without Composer (as Debian's own autoload.php files do): require this file.
spl_autoload_register(function (string $class): void {
    $prefix = 'AmqpConfirm\\Laravel\\';
    if (str_starts_with($class, $prefix)) {
        require __DIR__ . '/src/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
    }
});
