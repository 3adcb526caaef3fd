#!/usr/bin/env bash
# For the TLS tests: a throwaway CA and certificates (made with openssl), and a RabbitMQ TLS listener on
# 127.0.0.1:5671 that requires a client certificate. Restarts the local RabbitMQ only when that listener is
# not there yet. Prints the directory holding the files.
set -euo pipefail
DIR=/etc/rabbitmq/amqp_confirm-tls
CONF=/etc/rabbitmq/rabbitmq.conf
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

make_certs() {
    local tmp
    tmp=$(mktemp -d)
    cd "$tmp"
    sign() { # name subject days usage [san]: X.509 v3 (rustls/webpki refuses v1 certificates)
        openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "/CN=$2" 2>/dev/null
        {
            echo "basicConstraints=critical,CA:FALSE"
            echo "keyUsage=critical,digitalSignature,keyEncipherment"
            echo "extendedKeyUsage=$4"
            [ -z "${5:-}" ] || echo "subjectAltName=$5"
        } > "$1.ext"
        openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -out "$1.pem" -days "$3" -extfile "$1.ext" 2>/dev/null
    }
    expired() { # name subject usage san: valid for one day in 2020 (openssl ca takes dates on every OpenSSL; 3.6 refuses x509 -days -1)
        openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "/CN=$2" 2>/dev/null
        printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=%s\nsubjectAltName=%s\n' "$3" "$4" > "$1.ext"
        printf '[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\nnew_certs_dir=.\nserial=serial\ndefault_md=sha256\npolicy=p\n[p]\ncommonName=supplied\n' > ca.cnf
        : > index.txt
        echo 01 > serial
        openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -in "$1.csr" -out "$1.pem" -notext \
            -startdate 20200101000000Z -enddate 20200102000000Z -extfile "$1.ext" 2>/dev/null
    }
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 3650 -subj "/CN=amqp_confirm test CA" 2>/dev/null
    openssl req -x509 -newkey rsa:2048 -nodes -keyout other-ca.key -out other-ca.pem -days 3650 -subj "/CN=some other CA" 2>/dev/null
    sign server localhost 3650 serverAuth "DNS:localhost"
    sign client amqp_confirm-client 3650 clientAuth
    expired expired localhost serverAuth "DNS:localhost,IP:127.0.0.1"
    sign otherhost not-this-host.example 3650 serverAuth "DNS:not-this-host.example"
    $SUDO mkdir -p "$DIR"
    $SUDO cp ca.pem other-ca.pem server.pem server.key client.pem client.key expired.pem expired.key otherhost.pem otherhost.key "$DIR/"
    $SUDO chmod 0644 "$DIR"/*
    cd / && rm -rf "$tmp"
}

fresh=""
[ -f "$DIR/client.key" ] || { make_certs; fresh=1; }
if ! grep -q "amqp_confirm-tls" "$CONF" 2>/dev/null; then
    $SUDO tee -a "$CONF" >/dev/null <<CONFIG
# amqp_confirm tests: TLS listener with the throwaway CA in $DIR
listeners.ssl.default = 5671
ssl_options.cacertfile = $DIR/ca.pem
ssl_options.certfile = $DIR/server.pem
ssl_options.keyfile = $DIR/server.key
ssl_options.verify = verify_peer
ssl_options.fail_if_no_peer_cert = true
CONFIG
fi
if [ -n "$fresh" ] || ! (exec 3<>/dev/tcp/127.0.0.1/5671) 2>/dev/null; then
    echo "tls-setup: restarting RabbitMQ with its TLS listener" >&2
    $SUDO rabbitmqctl -q stop >/dev/null 2>&1 || true
    $SUDO rabbitmq-server -detached
    for _ in $(seq 1 90); do
        $SUDO rabbitmqctl -q await_startup --timeout 120 >/dev/null 2>&1 && break
        sleep 1
    done
fi
(exec 3<>/dev/tcp/127.0.0.1/5671) 2>/dev/null || { echo "tls-setup: no TLS listener on 127.0.0.1:5671" >&2; exit 1; }
echo "$DIR"
