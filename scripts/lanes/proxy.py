#!/usr/bin/env python3
"""An HTTP proxy on a unix socket for a lane's network namespace: lets apt reach Debian's archive and cargo reach
crates.io, and nothing else (any other host gets 403). Plain HTTP requests (apt) are passed on as they are;
CONNECT (cargo's HTTPS) is tunnelled. Usage: proxy.py SOCKET_PATH; runs until killed."""
import os
import socket
import sys
import threading

ALLOWED = {"deb.debian.org", "security.debian.org", "index.crates.io", "static.crates.io", "crates.io"}


def pump(src, dst):
    """Copies bytes from src to dst until either side closes."""
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def target(head):
    """(method, host, port) of a request head, or None."""
    try:
        method, uri, _ = head.split(b"\r\n", 1)[0].decode("ascii").split(" ", 2)
    except ValueError:
        return None
    if method == "CONNECT":
        host, _, port = uri.rpartition(":")
        return method, host, int(port or 443)
    if uri.startswith("http://"):
        hostport = uri[len("http://"):].split("/", 1)[0]
        host, _, port = hostport.partition(":")
        return method, host, int(port or 80)
    return None


def serve(client):
    """Handles one proxied connection."""
    head = b""
    while b"\r\n\r\n" not in head and len(head) < 65536:
        chunk = client.recv(65536)
        if not chunk:
            client.close()
            return
        head += chunk
    t = target(head)
    if t is None or t[1] not in ALLOWED:
        client.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        client.close()
        return
    method, host, port = t
    try:
        upstream = socket.create_connection((host, port), timeout=30)
        upstream.settimeout(None)
    except OSError:
        client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        client.close()
        return
    if method == "CONNECT":
        rest = head.split(b"\r\n\r\n", 1)[1]
        client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        if rest:
            upstream.sendall(rest)
    else:
        upstream.sendall(head)
    threading.Thread(target=pump, args=(upstream, client), daemon=True).start()
    pump(client, upstream)


def main():
    path = sys.argv[1]
    if os.path.exists(path):
        os.unlink(path)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(64)
    while True:
        client, _ = server.accept()
        threading.Thread(target=serve, args=(client,), daemon=True).start()


if __name__ == "__main__":
    main()
