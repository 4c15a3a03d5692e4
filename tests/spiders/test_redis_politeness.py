"""Politeness across Redis workers (`spiders.redis_politeness`): two `longform crawl --redis`
processes on one loopback site keep the profile's delay and concurrency between them, as measured
by the site (arrival times on the server), not by the crawler."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "redis_server_fixture", Path(__file__).resolve().parents[1] / "redis_server.py")
assert _spec is not None and _spec.loader is not None
redis_fixture = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(redis_fixture)

ARTICLES = 14
DELAY = 0.3
JITTER = 0.6
"""A request may reach the server late on a loaded machine (seen: 60 ms on 2 busy cores), making
the gap to the next one short; a per-process delay would give gaps near 0 with two workers."""


class _Site(BaseHTTPRequestHandler):
    arrivals: list[tuple[float, float, str]] = []  # (arrived, answered, path)
    in_flight = 0
    most_in_flight = 0
    lock = threading.Lock()

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        arrived = time.monotonic()
        with self.lock:
            type(self).in_flight += 1
            type(self).most_in_flight = max(self.most_in_flight, self.in_flight)
        time.sleep(0.05)  # long enough for overlapping requests to show
        status, kind, body = self._page()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        with self.lock:
            type(self).in_flight -= 1
            self.arrivals.append((arrived, time.monotonic(), self.path))

    def _page(self) -> tuple[int, str, bytes]:
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/wp-sitemap.xml":
            urls = "".join(f"<url><loc>{base}/article-{n}/</loc></url>" for n in range(ARTICLES))
            return 200, "application/xml", (
                '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"{urls}</urlset>").encode()
        if self.path.startswith("/article-"):
            n = self.path.strip("/").split("-")[1]
            return 200, "text/html", (
                f"<html><head><title>Article {n}</title><meta name=\"author\" content=\"A. Writer\">"
                f"<meta property=\"article:published_time\" content=\"2024-01-{int(n) + 1:02d}T10:00:00Z\">"
                f"</head><body><article><h1>Article {n}</h1>"
                f"<p>{'Words of the article. ' * 40}</p></article></body></html>").encode()
        if self.path == "/":
            return 200, "text/html", b"<html><head><title>Home</title></head><body>Home</body></html>"
        return 404, "text/plain", b"not found"

    def log_message(self, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    _Site.arrivals, _Site.in_flight, _Site.most_in_flight = [], 0, 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _longform() -> list[str]:
    script = Path(sys.executable).with_name("longform")
    return [str(script)] if script.exists() else [sys.executable, "-m", "spiders.cli"]


def test_two_workers_keep_the_sites_delay_and_concurrency_between_them(site: str, tmp_path: Path) -> None:
    profile = tmp_path / "polite.toml"
    profile.write_text(f'name = "polite"\nbase_url = "{site}/"\nplatform = "generic"\n'
                       f"download_delay = {DELAY}\nautothrottle = false\nconcurrency = 1\n"
                       "obey_robots = false\n", "utf-8")
    with redis_fixture.redis_server(tmp_path / "redis") as redis:
        workers = [subprocess.Popen([*_longform(), "crawl", str(profile), "--out", str(tmp_path / "out"),
                                     "-q", "--redis", redis.url], stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL,
                                    env={**os.environ, "LONGFORM_LEASE_SECONDS": "5"})
                   for _ in range(2)]
        results = [worker.communicate(timeout=120) for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0], results
    paths = [path for _, _, path in sorted(_Site.arrivals)]
    assert sum(path.startswith("/article-") for path in paths) == ARTICLES
    warcs = list((tmp_path / "out" / "polite" / "warc").glob("*.warc.gz"))
    assert len({warc.name.split("-")[1:3][1] for warc in warcs}) == 2  # both workers fetched pages
    starts = sorted(arrived for arrived, _, _ in _Site.arrivals)
    gaps = [later - earlier for earlier, later in zip(starts, starts[1:], strict=False)]
    assert min(gaps) >= DELAY * JITTER, [round(gap, 3) for gap in gaps]
    # On average the site's delay holds exactly: N requests span at least N - 1 delays.
    assert starts[-1] - starts[0] >= (len(starts) - 1) * DELAY * 0.98
    assert _Site.most_in_flight == 1
