"""What the benchmarks that serve the site with gunicorn share."""

import socket


def redis_available():
    """Whether the machine's Redis answers on 127.0.0.1:6379 (the production-like cache)."""
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False
