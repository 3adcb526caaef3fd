--TEST--
TLS: a verified amqps connection with a client certificate works; no client certificate, a wrong CA, a wrong host name and an expired certificate are refused with a clear ConnectionException
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
$d = getenv('AMQP_CONFIRM_TLS_DIR') ?: '/etc/rabbitmq/amqp_confirm-tls';
$tls = ['cafile' => "$d/ca.pem", 'certfile' => "$d/client.pem", 'keyfile' => "$d/client.key", 'connect_timeout' => 5];
function attempt_tls(string $case, string $uri, array $options): void
{
    try {
        $p = new AmqpConfirm\Publisher($uri, $options);
        $q = temp_queue($p, 'tls');
        $c = $p->publish('', $q, 'over TLS');
        $c->wait(10);
        echo "$case: connected, message ", $c->status()->value, "\n";
    } catch (AmqpConfirm\ConnectionException $e) {
        $why = preg_replace('/^cannot connect to \S+: /', '', $e->getMessage());
        // a broker refusing a missing client certificate sends an alert and closes: the client sees either first
        $why = preg_replace('/^I\/O error: (received fatal alert: CertificateRequired|Connection reset by peer \(os error 104\))$/', 'refused: the broker requires a client certificate', $why);
        echo "$case: ", get_class($e), ': ', $why, "\n";
    }
}
attempt_tls('verified, client certificate', 'amqps://guest:guest@localhost:5671/%2f', $tls);
attempt_tls('no client certificate', 'amqps://guest:guest@localhost:5671/%2f', ['cafile' => "$d/ca.pem", 'connect_timeout' => 5]);
attempt_tls('wrong CA', 'amqps://guest:guest@localhost:5671/%2f', ['cafile' => "$d/other-ca.pem"] + $tls);
attempt_tls('wrong host name', 'amqps://guest:guest@127.0.0.1:5671/%2f', $tls);
// an expired server certificate, served by a one-shot TLS server on 127.0.0.1
$ctx = stream_context_create(['ssl' => ['local_cert' => "$d/expired.pem", 'local_pk' => "$d/expired.key"]]);
$server = stream_socket_server('tls://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN, $ctx);
$port = (int) substr(strrchr(stream_socket_get_name($server, false), ':'), 1);
$pid = pcntl_fork();
if ($pid === 0) {
    @stream_socket_accept($server, 10);
    exit(0);
}
attempt_tls('expired certificate', "amqps://guest:guest@127.0.0.1:$port/%2f", $tls);
pcntl_waitpid($pid, $status);
?>
--EXPECTF--
verified, client certificate: connected, message acked
no client certificate: AmqpConfirm\ConnectionException: refused: the broker requires a client certificate
wrong CA: AmqpConfirm\ConnectionException: I/O error: invalid peer certificate: UnknownIssuer (the broker's certificate is not signed by a CA this process trusts: pass that CA's PEM file as the cafile option)
wrong host name: AmqpConfirm\ConnectionException: I/O error: invalid peer certificate: certificate not valid for name "127.0.0.1"; certificate is only valid for DnsName("localhost") (the broker's certificate does not name the host of the URI: connect with a name the certificate lists)
expired certificate: AmqpConfirm\ConnectionException: I/O error: invalid peer certificate: %Sxpired%S
