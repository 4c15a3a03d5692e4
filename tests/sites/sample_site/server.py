"""A real HTTP/1.1 server on loopback for the sample site, behaving like nginx before WordPress.

Content-Type with charset, Content-Length, gzip when the client accepts it (weak ETag then, as
nginx does), ETag and Last-Modified with 304 answers to conditional requests judged as WordPress
judges them, keep-alive. Silent:
the demo prints its own progress, so nothing goes to stderr unless a page fails to render.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

from spiders.loopback import LoopbackServer, QuietHandler, running

from .build import build_site
from .model import Site
from .router import Reply, not_found, route

logger = logging.getLogger(__name__)


@contextmanager
def serve_sample_site(
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    as_of: datetime | None = None,
    request_log: list[str] | None = None,
    on_served: Callable[[int], None] | None = None,
    fails: Callable[[str], bool] | None = None,
) -> Iterator[str]:
    """Serve the sample site in a daemon thread; yields its base URL, 'http://127.0.0.1:PORT'.

    `port=0` picks a free port. `as_of` (aware datetime) serves the site as it stood then.
    `request_log`, when given, receives 'GET /path?query' for every request, in arrival order.
    `on_served`, when given, is called with N once the Nth response has been sent whole (1, 2, ...),
    before the server reads the next request on that connection: tests stop a crawl there.
    `fails`, when given, is asked with each request's path and query: True answers 500, as a
    WordPress with a fatal error does.
    The server and its socket are closed when the block exits.
    """
    server = SampleServer((host, port), build_site(as_of), request_log, on_served)
    server.fails = fails
    with running(server, "sample-site"):
        yield server.origin


class SampleServer(LoopbackServer):
    """The server knows the site and the base URL its pages link to."""

    def __init__(
        self,
        address: tuple[str, int],
        site: Site,
        request_log: list[str] | None = None,
        on_served: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(address, _Handler)
        self.site = site
        self.request_log = request_log
        self.on_served = on_served
        self.served = 0
        self.fails: Callable[[str], bool] | None = None
        self._count_lock = threading.Lock()

    def response_sent(self) -> None:
        """Count a response sent whole and tell `on_served` (one at a time, in order)."""
        if self.on_served is None:
            return
        with self._count_lock:
            self.served += 1
            self.on_served(self.served)


class _Handler(QuietHandler):
    server: SampleServer

    def version_string(self) -> str:
        return "nginx"

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        if self.server.request_log is not None:
            self.server.request_log.append(f"{self.command} {self.path}")
        reply = self._route()
        status, headers, body = _encode(reply, self.headers)
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if send_body and body:
            self.wfile.write(body)
        self.wfile.flush()
        self.server.response_sent()

    def _route(self) -> Reply:
        site, base = self.server.site, self.server.origin
        if self.server.fails is not None and self.server.fails(self.path):
            return Reply(500, not_found(site, base).body)
        split = urlsplit(self.path)
        try:
            return route(site, base, split.path or "/", parse_qs(split.query))
        except Exception:
            logger.exception("sample site: cannot render %s", self.path)
            return Reply(500, not_found(site, base).body)


def _encode(reply: Reply, request: Any) -> tuple[int, list[tuple[str, str]], bytes]:
    """Content coding, validators and conditional GET for one reply."""
    body = reply.body
    headers = [("Content-Type", reply.content_type)]
    etag = ""
    if reply.status == 200:
        etag = '"' + hashlib.sha1(body, usedforsecurity=False).hexdigest()[:20] + '"'
    if _accepts_gzip(request.get("Accept-Encoding")) and body:
        body = gzip.compress(body, compresslevel=6, mtime=0)
        headers.append(("Content-Encoding", "gzip"))
        etag = "W/" + etag if etag else ""
    if reply.status == 200:
        headers.append(("Vary", "Accept-Encoding"))
        headers.append(("ETag", etag))
        if reply.last_modified is not None:
            headers.append(("Last-Modified", _http_date(reply.last_modified)))
    headers.extend(reply.headers)
    if reply.status == 200 and _not_modified(reply, etag, request):
        kept = [(k, v) for k, v in headers if k not in ("Content-Type", "Content-Encoding")]
        return 304, kept, b""
    headers.insert(1, ("Content-Length", str(len(body))))
    return reply.status, headers, body


def _accepts_gzip(accept_encoding: str | None) -> bool:
    """True when Accept-Encoding allows gzip (q-values honoured, 'gzip;q=0' refuses it)."""
    qualities: dict[str, float] = {}
    for part in (accept_encoding or "").split(","):
        coding, _, params = part.partition(";")
        quality = 1.0
        key, _, value = params.strip().partition("=")
        if key.strip().lower() == "q":
            try:
                quality = float(value)
            except ValueError:
                quality = 0.0
        qualities[coding.strip().lower()] = quality
    return qualities.get("gzip", qualities.get("x-gzip", qualities.get("*", 0.0))) > 0


def _not_modified(reply: Reply, etag: str, request: Any) -> bool:
    """WordPress's rule (`WP::send_headers`), behind an nginx that gzips: the application sees its
    own strong ETag, compares If-None-Match with it as a plain string, and when both validators
    come it wants both to match. So `W/"..."`, the ETag nginx sent after gzipping, never matches.
    """
    client_etag = (request.get("If-None-Match") or "").strip()
    since = request.get("If-Modified-Since")
    fresh = _not_modified_since(reply, since)
    etag_matches = bool(client_etag) and client_etag == etag.removeprefix("W/")
    if since and client_etag:
        return fresh and etag_matches
    return fresh or etag_matches


def _not_modified_since(reply: Reply, since: str | None) -> bool:
    if since is None or reply.last_modified is None:
        return False
    try:
        limit = parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False
    if limit.tzinfo is None:
        limit = limit.replace(tzinfo=UTC)
    return reply.last_modified.replace(microsecond=0) <= limit


def _http_date(moment: datetime) -> str:
    return format_datetime(moment.astimezone(UTC), usegmt=True)
