"""A small site on 127.0.0.1 for third-party tools to archive (wget, warcio's `capture_http`).

It serves three of the real WordPress pages in `tests/data/real-wordpress/` behind an index page,
each sent a different way, so the WARCs other tools write hold each kind of HTTP body a reader
must undo: a plain body with Content-Length, a gzip'd body (Content-Encoding: gzip, when the
client accepts it) and a chunked one (Transfer-Encoding: chunked). Also a robots.txt and a 404.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES_DIR = Path(__file__).resolve().parents[1] / "data" / "real-wordpress"
PAGES = {
    "/2011/09/11/gefallt-mir/": ("jovelstefan.de.gefallt.html", "plain"),
    "/2006/07/29/habeck/": ("spreeblick.com.habeck.html", "gzip"),
    "/2014/03/20/endlich/": ("de.creativecommons.org.endlich.html", "chunked"),
}
"""Path on the loopback site -> (page file, how its body is sent)."""
ROBOTS = b"User-agent: *\nDisallow:\n"


def index_page() -> bytes:
    links = "".join(f'<li><a href="{path}">{path}</a></li>' for path in PAGES)
    return (f"<!DOCTYPE html><html><head><title>Loopback pages</title></head>"
            f"<body><ul>{links}<li><a href=\"/missing/\">gone</a></li></ul></body></html>").encode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        path = self.path.split("?")[0]
        if path == "/":
            self._send(200, index_page(), "plain")
        elif path == "/robots.txt":
            self._send(200, ROBOTS, "plain", "text/plain")
        elif path in PAGES:
            name, how = PAGES[path]
            self._send(200, (PAGES_DIR / name).read_bytes(), how)
        else:
            self._send(404, b"<html><body>Not found</body></html>", "plain")

    def _send(self, status: int, body: bytes, how: str, mime: str = "text/html; charset=utf-8") -> None:
        accepts_gzip = "gzip" in (self.headers.get("Accept-Encoding") or "")
        self.send_response(status)
        self.send_header("Content-Type", mime)
        if how == "gzip" and accepts_gzip:
            body = gzip.compress(body, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        if how == "chunked":
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for start in range(0, len(body), 8000):
                piece = body[start:start + 8000]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.write(b"0\r\n\r\n")
            return
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # quiet: the tests read the WARCs, not the access log


@contextmanager
def serve_pages() -> Iterator[str]:
    """Serve the loopback site for the block's duration; yields its base URL ('http://127.0.0.1:N/')."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
