<?php
// A TCP proxy for fault tests: forwards 127.0.0.1:<listen port> to 127.0.0.1:<target port>, prints its port, and
// ends by itself after <seconds>. Signals switch what the broker looks like from behind it (the mode in effect is
// written to <temp dir>/amqp-confirm-proxy-<port>.mode):
//   SIGUSR1  half-open: connections stay open, nothing is forwarded either way (frames stop arriving)
//   SIGUSR2  unreachable: every connection is closed and new ones are refused
//   SIGHUP   up: forwards again (and listens again on the same port)
// With "poison" as the third argument, a header value of 1.25 (an AMQP double) in what clients send becomes NaN on
// its way to the broker: a poison message that publish() would refuse (it refuses non-finite floats), made in
// transit. The client's frames are read whole (AMQP frames: type, channel, size, payload, 0xCE), so the
// replacement never depends on how TCP cut the stream.
[$_, $target, $seconds, $poison] = $argv + [null, '5672', '120', ''];
$buffers = []; // client stream bytes not yet forwarded (poison mode), by pair
/** Forwards what a client sent: whole frames only, with 1.25 doubles turned into NaN. */
$poisoned = function (string $data, string &$buffer): string {
    $buffer .= $data;
    $out = '';
    if (str_starts_with($buffer, 'AMQP')) { // the protocol header
        $out = substr($buffer, 0, 8);
        $buffer = substr($buffer, 8);
    }
    while (strlen($buffer) >= 7) {
        $size = unpack('N', substr($buffer, 3, 4))[1];
        if (strlen($buffer) < 8 + $size) break;
        $out .= str_replace("d\x3f\xf4\0\0\0\0\0\0", "d\x7f\xf8\0\0\0\0\0\0", substr($buffer, 0, 8 + $size));
        $buffer = substr($buffer, 8 + $size);
    }
    return $out;
};
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
// the mode in effect, for proxy_mode() to wait on (written before the port is told: never a stale file's)
$modeFile = sys_get_temp_dir() . "/amqp-confirm-proxy-$port.mode";
$shown = 'up';
file_put_contents($modeFile, $shown);
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
    if ($mode !== $shown) {
        $shown = $mode;
        file_put_contents($modeFile, $shown);
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
            if ($client && $upstream) { $pairs[] = [$client, $upstream]; $buffers[array_key_last($pairs)] = ''; }
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
            if ($poison === 'poison' && $s === $a) $data = $poisoned($data, $buffers[$i]);
            @fwrite($s === $a ? $b : $a, $data);
            break;
        }
    }
}
