<?php
// A TCP proxy for fault tests: forwards 127.0.0.1:<listen port> to 127.0.0.1:<target port>, prints its port, and
// ends by itself after <seconds>. Signals switch what the broker looks like from behind it:
//   SIGUSR1  half-open: connections stay open, nothing is forwarded either way (frames stop arriving)
//   SIGUSR2  unreachable: every connection is closed and new ones are refused
//   SIGHUP   up: forwards again (and listens again on the same port)
[$_, $target, $seconds] = $argv + [null, '5672', '120'];
pcntl_async_signals(true);
$mode = 'up';
foreach ([SIGUSR1 => 'half-open', SIGUSR2 => 'down', SIGHUP => 'up'] as $signal => $name) {
    pcntl_signal($signal, function () use (&$mode, $name) { $mode = $name; });
}
$listen = function (int $port) {
    $ctx = stream_context_create(['socket' => ['so_reuseaddr' => true]]);
    return stream_socket_server("tcp://127.0.0.1:$port", $errno, $error, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN, $ctx);
};
$server = $listen(0);
$port = (int) substr(strrchr(stream_socket_get_name($server, false), ':'), 1);
echo "$port\n";
$pairs = []; // [client, upstream]
$deadline = microtime(true) + (float) $seconds;
while (microtime(true) < $deadline) {
    if ($mode === 'down') {
        foreach ($pairs as [$a, $b]) { @fclose($a); @fclose($b); }
        $pairs = [];
        if ($server) { fclose($server); $server = null; }
    } elseif (!$server) {
        $server = $listen($port);
    }
    $read = $server ? [$server] : [];
    if ($mode === 'up') foreach ($pairs as [$a, $b]) { $read[] = $a; $read[] = $b; }
    $w = $e = [];
    if (!$read) { usleep(20000); continue; }
    if (@stream_select($read, $w, $e, 0, 20000) === false) continue;
    foreach ($read as $s) {
        if ($s === $server) {
            $client = @stream_socket_accept($server, 0);
            $upstream = $client ? @stream_socket_client("tcp://127.0.0.1:$target", $errno, $error, 2) : false;
            if ($client && $upstream) $pairs[] = [$client, $upstream];
            elseif ($client) fclose($client);
            continue;
        }
        foreach ($pairs as $i => [$a, $b]) {
            if ($s !== $a && $s !== $b) continue;
            $data = @fread($s, 65536);
            if ($data === '' || $data === false) {
                if (feof($s)) { @fclose($a); @fclose($b); unset($pairs[$i]); }
                break;
            }
            @fwrite($s === $a ? $b : $a, $data);
            break;
        }
    }
}
