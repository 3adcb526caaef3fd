<?php
// A TCP proxy that delays every byte by a fixed time in each direction: a slow link to the local broker where the
// kernel has no netem (this VM's kernel is built without CONFIG_NET_SCH_NETEM).
//   php bench/delay_proxy.php <listen-port> <one-way-ms> [upstream-port=5672]
// Order is kept; nothing is dropped; it serves any number of connections and stops when killed.

[, $port, $delayMs, $upstreamPort] = $argv + [null, null, '25', '5672'];
$delay = (float) $delayMs / 1000;
$server = stream_socket_server("tcp://127.0.0.1:$port", $errno, $errstr);
if (!$server) {
    fwrite(STDERR, "delay_proxy: $errstr\n");
    exit(1);
}
/** @var array<int, array{0: resource, 1: resource, 2: SplQueue, 3: string}> $links by source socket id: [from, to, [due, bytes] queue, bytes due but not yet written] */
$links = [];
$open = function ($from, $to) use (&$links): void {
    stream_set_blocking($from, false);
    stream_set_write_buffer($from, 0);
    $links[(int) $from] = [$from, $to, new SplQueue(), ''];
};
$close = function (int $id) use (&$links): void {
    if (!isset($links[$id])) return;
    [$from, $to] = $links[$id];
    unset($links[$id], $links[(int) $to]);
    @fclose($from);
    @fclose($to);
};
while (true) {
    $now = microtime(true);
    $next = null;
    $write = [];
    foreach ($links as $id => [$from, $to, $queue]) {
        while (!$queue->isEmpty() && $queue->bottom()[0] <= $now) $links[$id][3] .= $queue->dequeue()[1];
        if ($links[$id][3] !== '') $write[] = $to;
        if (!$queue->isEmpty()) $next = min($next ?? INF, $queue->bottom()[0]);
    }
    $read = [$server, ...array_column($links, 0)];
    $timeout = $next === null ? 1.0 : max(0.0, $next - $now);
    $except = null;
    $w = $write ?: null;
    if (@stream_select($read, $w, $except, (int) $timeout, (int) (fmod($timeout, 1.0) * 1e6)) === false) continue;
    foreach ($read as $sock) {
        if ($sock === $server) {
            $client = @stream_socket_accept($server, 0);
            $upstream = $client ? @stream_socket_client("tcp://127.0.0.1:$upstreamPort", $e, $s, 5) : false;
            if ($client && $upstream) {
                $open($client, $upstream);
                $open($upstream, $client);
            }
            continue;
        }
        if (!isset($links[(int) $sock])) continue;
        $data = fread($sock, 262144);
        if ($data === '' || $data === false) {
            if (feof($sock)) $close((int) $sock);
            continue;
        }
        $links[(int) $sock][2]->enqueue([microtime(true) + $delay, $data]);
    }
    foreach ($w ?? [] as $to) {
        foreach ($links as $id => $link) {
            if ($link[1] !== $to || $link[3] === '') continue;
            $n = @fwrite($to, $link[3]);
            if ($n === false) {
                $close($id);
                break;
            }
            $links[$id][3] = (string) substr($link[3], $n);
        }
    }
}
