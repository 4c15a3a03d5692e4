"""The demo server replays a WARC from another origin: statuses, headers and bodies as recorded, the
recorded origin rewritten to its own (bodies, Location, Link), the transfer recomputed (gzip when
recorded and accepted, Content-Length, no chunking), unknown URLs 404, sitemaps listing only what
it can answer. The WARC here is written with warcio, as a crawl writes one."""

from __future__ import annotations

import gzip
import http.client
import io
from collections.abc import Iterator
from email.message import Message
from pathlib import Path
from urllib.parse import urlsplit

import attrs
import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from spiders.recorded_site import RECORDED_WARC, Recording, serve_recording

ORIGIN = "http://127.0.0.1:8089"
PAGE = (
    '<html><head><link rel="alternate" href="http://127.0.0.1:8089/feed/">'
    '<link rel="alternate" type="application/json+oembed" '
    'href="http://127.0.0.1:8089/wp-json/oembed/1.0/embed?url=http%3A%2F%2F127.0.0.1%3A8089%2Fa%2F">'
    '<script type="application/ld+json">{"url":"http:\\/\\/127.0.0.1:8089\\/a\\/"}</script></head>'
    "<body><p>Zoë Müller: <a href='http://127.0.0.1:8089/a/'>a</a></p></body></html>"
).encode()
SITEMAP = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    b"<url><loc>http://127.0.0.1:8089/</loc></url>"
    b"<url><loc>http://127.0.0.1:8089/never-recorded/</loc><lastmod>2024-01-01</lastmod></url>"
    b"<url><loc>http://127.0.0.1:8089/q?x=1&amp;y=2</loc></url></urlset>\n"
)


def _chunked(body: bytes) -> bytes:
    half = len(body) // 2
    return b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (body[:half], body[half:])) + b"0\r\n\r\n"


def _write(
    writer: WARCWriter, path: str, status: str, headers: list[tuple[str, str]], payload: bytes
) -> None:
    http_headers = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    record = writer.create_warc_record(ORIGIN + path, "response", payload=io.BytesIO(payload),
                                       length=len(payload), http_headers=http_headers)
    writer.write_record(record)


@pytest.fixture(scope="module")
def warc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("recording") / "site.warc.gz"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True, warc_version="WARC/1.1")
        _write(writer, "/", "200 OK", [
            ("Server", "nginx"), ("Content-Type", "text/html; charset=UTF-8"),
            ("Transfer-Encoding", "chunked"), ("Connection", "keep-alive"), ("Content-Encoding", "gzip"),
            ("Link", '<http://127.0.0.1:8089/wp-json/>; rel="https://api.w.org/"'),
            ("Link", '<http://127.0.0.1:8089/?p=1>; rel=shortlink'),
        ], _chunked(gzip.compress(PAGE)))
        _write(writer, "/old", "301 Moved Permanently", [
            ("Location", "http://127.0.0.1:8089/a/"), ("Content-Length", "0")], b"")
        _write(writer, "/wp-sitemap.xml", "200 OK", [
            ("Content-Type", "application/xml; charset=UTF-8"), ("Content-Length", str(len(SITEMAP)))],
            SITEMAP)
        _write(writer, "/q?x=1&y=2", "200 OK", [("Content-Type", "text/plain")], b"query page")
    return path


@pytest.fixture(scope="module")
def served(warc: Path) -> Iterator[str]:
    with serve_recording(Recording.load(warc)) as base:
        yield base


@attrs.frozen
class Answer:
    status: int
    headers: Message
    body: bytes


def _get(base: str, target: str, method: str = "GET", headers: dict[str, str] | None = None) -> Answer:
    """One request on a fresh connection; redirects are not followed."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    try:
        connection.request(method, target, headers=headers or {})
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        connection.close()


def test_page_is_replayed_with_the_served_origin_everywhere(served: str) -> None:
    response = _get(served, "/")
    host = urlsplit(served).netloc
    body = response.body
    assert response.status == 200
    assert body == PAGE.replace(b"127.0.0.1:8089", host.encode()).replace(
        b"127.0.0.1%3A8089", host.replace(":", "%3A").encode())
    assert b"8089" not in body
    assert response.headers.get_all("Link") == [f'<{served}wp-json/>; rel="https://api.w.org/"',
                                                f"<{served}?p=1>; rel=shortlink"]
    assert response.headers["Server"] == "nginx" and response.headers["Content-Length"] == str(len(body))
    assert response.headers["Transfer-Encoding"] is None and response.headers["Content-Encoding"] is None


def test_gzip_when_recorded_so_and_accepted(served: str) -> None:
    response = _get(served, "/", headers={"Accept-Encoding": "gzip, deflate"})
    body = response.body
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers["Content-Length"] == str(len(body))
    assert gzip.decompress(body) == _get(served, "/").body
    plain = _get(served, "/wp-sitemap.xml", headers={"Accept-Encoding": "gzip"})
    assert plain.headers["Content-Encoding"] is None  # recorded without: served without


def test_redirect_location_points_at_the_server(served: str) -> None:
    response = _get(served, "/old")
    assert response.status == 301
    assert response.headers["Location"] == f"{served}a/"


def test_sitemap_lists_only_recorded_pages(served: str) -> None:
    body = _get(served, "/wp-sitemap.xml").body
    assert body.count(b"<url>") == 2
    assert f"<loc>{served}</loc>".encode() in body and b"never-recorded" not in body
    assert f"<loc>{served}q?x=1&amp;y=2</loc>".encode() in body


def test_query_is_part_of_the_key_and_unknown_urls_are_404(served: str) -> None:
    assert _get(served, "/q?x=1&y=2").body == b"query page"
    assert _get(served, "/q?x=1").status == 404
    assert _get(served, "/a/").status == 404


def test_head_sends_headers_only(served: str) -> None:
    response = _get(served, "/", method="HEAD")
    assert response.status == 200 and response.body == b""
    assert int(response.headers["Content-Length"]) == len(_get(served, "/").body)


def test_bundled_recording_answers_every_page_on_its_own_origin() -> None:
    with RECORDED_WARC.open("rb") as stream:
        targets = [urlsplit(r.rec_headers.get_header("WARC-Target-URI")) for r in ArchiveIterator(stream)
                   if r.rec_type == "response"]
    assert len(targets) >= 12
    with serve_recording(Recording.load(RECORDED_WARC)) as base:
        for target in targets:
            response = _get(base, target.path + (f"?{target.query}" if target.query else ""))
            assert response.status == 200, target.path
            assert b"127.0.0.1:8089" not in response.body, target.path
