"""Loopback ports and a static file server for built sites."""

from __future__ import annotations

import contextlib
import functools
import http.server
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from helpcenter.dev_server import SiteHandler
from helpcenter.headers_file import HeaderRules, headers_for, parse_headers_file


def free_port() -> int:
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _OneNotFoundPageHandler(SiteHandler):
    """As GitHub Pages does: the site's root `404.html`, status 404, for every missing file."""

    def not_found_page(self) -> Path:
        return Path(str(self.directory)) / "404.html"


class _HeadersFileHandler(_QuietHandler):
    """Sends what the site's `_headers` file asks for, as Netlify and Cloudflare Pages do."""

    rules: ClassVar[HeaderRules] = []

    def end_headers(self) -> None:
        for name, value in headers_for(self.path, self.rules):
            self.send_header(name, value)
        super().end_headers()


@contextlib.contextmanager
def serve_directory(
    directory: Path,
    *,
    port: int | None = None,
    not_found_page: bool = False,
    headers_file: bool = False,
) -> Iterator[str]:
    """Serve `directory` on loopback (`port`, or a free one); yields the base URL. With
    `not_found_page`, a missing file answers with the root `404.html`, as GitHub Pages does;
    with `headers_file`, the headers of the site's `_headers` are sent."""
    handler_class: type[http.server.SimpleHTTPRequestHandler]
    handler_class = _OneNotFoundPageHandler if not_found_page else _QuietHandler
    if headers_file:
        rules = parse_headers_file((directory / "_headers").read_text(encoding="utf-8"))
        handler_class = type("SiteHeaders", (_HeadersFileHandler,), {"rules": rules})
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port or free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
