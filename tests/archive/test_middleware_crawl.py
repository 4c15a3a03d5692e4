"""The archive middleware inside a real Scrapy crawl against a real HTTP server on loopback.

The server produces what Scrapy must not hide from the archive: a chunked, gzip-encoded body,
repeated Set-Cookie headers, a query string, a redirect and robots.txt.
"""

from __future__ import annotations

import gzip
import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

HERE = Path(__file__).parent
PAGE = "<html><body><p>Zoë’s page</p></body></html>".encode()


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif self.path == "/old":
            self.send_response(301)
            self.send_header("Location", "/page?x=1&y=%C3%A9")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path.startswith("/page?"):
            self._send_chunked_gzip()
        else:
            self._send(404, b"<html><body>Not found</body></html>", "text/html")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _send_chunked_gzip(self) -> None:
        body = gzip.compress(PAGE)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Set-Cookie", "a=1; Path=/")
        self.send_header("Set-Cookie", "b=2; Path=/")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for start in range(0, len(body), 10):
            chunk = body[start : start + 10]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        self.wfile.write(b"0\r\n\r\n")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def _crawl(urls: list[str], warc_dir: Path) -> None:
    command = [
        sys.executable, "-m", "scrapy", "runspider", str(HERE / "fetch_spider.py"),
        "-a", "urls=" + ",".join(urls), "-s", f"ARCHIVE_DIR={warc_dir}",
        "-s", "ITEM_PIPELINES={}", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0",
        "-s", "LOG_LEVEL=INFO", "-s", "SPIDER_LOADER_CLASS=scrapy.spiderloader.SpiderLoader",
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]


def _records(warc_dir: Path) -> list:
    records = []
    for path in sorted(warc_dir.glob("*.warc.gz")):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                records.append((record.rec_type, record.rec_headers, record.http_headers,
                                record.raw_stream.read()))
    return records


def test_crawl_archives_wire_bytes_redirects_robots_and_repeated_headers(
    server: str, tmp_path: Path
) -> None:
    _crawl([f"{server}/old"], tmp_path)
    records = _records(tmp_path)
    responses = {r[1].get_header("WARC-Target-URI"): r for r in records if r[0] == "response"}
    assert set(responses) == {f"{server}/robots.txt", f"{server}/old", f"{server}/page?x=1&y=%C3%A9"}
    _, warc_headers, http_headers, raw_body = responses[f"{server}/page?x=1&y=%C3%A9"]
    assert gzip.decompress(raw_body) == PAGE  # stored as received: still gzip'd, de-chunked
    assert http_headers.get_header("Content-Encoding") == "gzip"
    assert http_headers.get_header("Transfer-Encoding") is None
    assert [v for k, v in http_headers.headers if k == "Set-Cookie"] == ["a=1; Path=/", "b=2; Path=/"]
    assert http_headers.protocol == "HTTP/1.1" and http_headers.get_statuscode() == "200"
    assert warc_headers.get_header("WARC-IP-Address") == "127.0.0.1"
    assert responses[f"{server}/old"][2].get_statuscode() == "301"


def test_every_response_has_its_request_with_the_full_query(server: str, tmp_path: Path) -> None:
    _crawl([f"{server}/old"], tmp_path)
    records = _records(tmp_path)
    response_ids = {r[1].get_header("WARC-Record-ID") for r in records if r[0] == "response"}
    requests = [r for r in records if r[0] == "request"]
    assert {r[1].get_header("WARC-Concurrent-To") for r in requests} == response_ids
    lines = {r[2].statusline for r in requests}
    assert "/page?x=1&y=%C3%A9 HTTP/1.1" in lines
    assert records[0][0] == "warcinfo"


def test_warcio_check_passes_on_the_crawl(server: str, tmp_path: Path) -> None:
    _crawl([f"{server}/old"], tmp_path)
    for path in tmp_path.glob("*.warc.gz"):
        result = subprocess.run([sys.executable, "-m", "warcio.cli", "check", str(path)],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout
