"""A loopback-only HTTP server whose routes can misbehave on purpose (drip, bombs, lies).

Each route is a function of the request handler; the server thread stops when the test ends,
and every route ends by itself (bounded bytes, bounded sleeps)."""
from __future__ import annotations

import gzip
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler

from wirewatch.testing import loopback

Route = Callable[[BaseHTTPRequestHandler], None]


def send(body: bytes, ctype: str = "text/html", status: int = 200, **headers: str) -> Route:
    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(status)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            h.send_header(k.replace("_", "-"), v)
        h.end_headers()
        h.wfile.write(body)
    return route


def gzip_bomb(head: bytes, filler: bytes, size: int, tail: bytes = b"", ctype: str = "text/plain") -> Route:
    """`head` + `filler` repeated to `size` bytes + `tail`, served gzip-encoded (tiny on the wire)."""
    body = gzip.compress(head + filler * (size // len(filler)) + tail, compresslevel=9)
    return send(body, ctype, Content_Encoding="gzip")


def drip(byte_every_s: float, total: int = 40, ctype: str = "text/html") -> Route:
    """Declares `total` bytes, then sends one every `byte_every_s` seconds (stops when the client goes)."""
    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(total))
        h.end_headers()
        try:
            for _ in range(total):
                h.wfile.write(b"<")
                h.wfile.flush()
                time.sleep(byte_every_s)
        except OSError:
            pass
    return route


def redirect(location: str, status: int = 302) -> Route:
    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(status)
        h.send_header("Location", location)
        h.send_header("Content-Length", "0")
        h.end_headers()
    return route


class Server:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, str | None]] = []   # (path, Host header)
        self.base = ""
        self.port = 0


@contextmanager
def serve(routes: dict[str, Route] | None = None) -> Iterator[Server]:
    state = Server()
    state.routes.update(routes or {})

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            state.requests.append((self.path, self.headers.get("Host")))
            route = state.routes.get(self.path.split("?")[0]) or send(b"not found", "text/plain", 404)
            route(self)

        def log_message(self, *args: object) -> None:
            pass

    with loopback(Handler) as base:
        state.base = base
        state.port = int(base.rsplit(":", 1)[1])
        yield state
