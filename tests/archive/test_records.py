"""WARC records of one exchange, read back with warcio: the exchange as received, linked records.

Headers kept in wire order and the renamed Transfer-Encoding are proven through the writer in
`test_warc_roundtrip.py`; this is the level below it (no file), plus revisits and warcinfo.
"""

from __future__ import annotations

import io

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord
from warcio.warcwriter import WARCWriter

from archive.records import (
    REVISIT_NOT_MODIFIED,
    WARC_VERSION,
    Exchange,
    RefersTo,
    build_exchange_records,
    build_revisit_records,
    build_warcinfo,
)

DATE = "2026-01-02T03:04:05.123456Z"
BODY = b"\x1f\x8b compressed bytes as they came off the wire"
EXCHANGE = Exchange(
    url="http://127.0.0.1:8089/2024/05/post/?replytocom=7&x=%C3%A9#respond",
    method="GET",
    request_headers=(("Accept", "text/html"), ("Cookie", "a=1")),
    request_body=b"",
    protocol="HTTP/1.1",
    status=200,
    response_headers=(("Content-Encoding", "gzip"), ("Set-Cookie", "a=1"), ("Set-Cookie", "b=2"),
                      ("Transfer-Encoding", "chunked")),
    response_body=BODY,
    ip_address="127.0.0.1",
)


def _read_back(*records: ArcWarcRecord) -> list[ArcWarcRecord]:
    """Serialize `records` with warcio as the writer does and parse them again, bodies loaded."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True, warc_version=WARC_VERSION)
    for record in records:
        writer.write_record(record)
    buffer.seek(0)
    parsed = []
    for record in ArchiveIterator(buffer, check_digests=True):
        record.raw = record.raw_stream.read()  # type: ignore[attr-defined]
        parsed.append(record)
    return parsed


def _builder() -> WARCWriter:
    return WARCWriter(None, gzip=True, warc_version=WARC_VERSION)


def test_response_keeps_the_wire_body_and_the_ip() -> None:
    response, request = _read_back(*build_exchange_records(_builder(), EXCHANGE, DATE))
    assert response.rec_type == "response" and response.rec_headers["WARC-Type"] == "response"
    assert response.rec_headers["WARC-Target-URI"] == EXCHANGE.url
    assert response.rec_headers["WARC-Date"] == DATE
    assert response.rec_headers["WARC-IP-Address"] == "127.0.0.1"
    assert response.raw == BODY  # Content-Encoding kept: not decoded, not re-encoded
    assert response.http_headers.get_statuscode() == "200"
    assert response.http_headers.statusline == "200 OK"


def test_request_has_the_full_target_the_host_and_points_at_its_response() -> None:
    response, request = _read_back(*build_exchange_records(_builder(), EXCHANGE, DATE))
    assert request.rec_type == "request"
    assert request.http_headers.protocol == "GET"
    assert request.http_headers.statusline == "/2024/05/post/?replytocom=7&x=%C3%A9 HTTP/1.1"  # no #fragment
    assert request.http_headers.headers[0] == ("Host", "127.0.0.1:8089")  # with its port
    assert request.http_headers.get_header("Cookie") == "a=1"
    assert request.rec_headers["WARC-Concurrent-To"] == response.rec_headers["WARC-Record-ID"]
    assert request.rec_headers["WARC-Date"] == DATE


def test_a_host_header_the_client_sent_is_not_added_twice() -> None:
    exchange = Exchange("http://a.example/", "GET", (("host", "a.example"),), b"", "", 404, (), b"")
    response, request = _read_back(*build_exchange_records(_builder(), exchange, DATE))
    assert [name for name, _ in request.http_headers.headers].count("host") == 1
    assert request.http_headers.get_header("Host") == "a.example"
    assert response.http_headers.statusline == "404 Not Found"
    assert response.http_headers.protocol == "HTTP/1.1"  # an unknown protocol is written as 1.1
    assert "WARC-IP-Address" not in response.rec_headers


def test_revisit_has_headers_no_body_and_names_the_capture_it_repeats() -> None:
    exchange = Exchange(EXCHANGE.url, "GET", (), b"", "HTTP/1.1", 304, (("ETag", '"v1"'),), b"")
    earlier = RefersTo("<urn:uuid:0000>", EXCHANGE.url, "2025-12-01T00:00:00Z", "sha1:ABC")
    revisit, request = _read_back(*build_revisit_records(_builder(), exchange, DATE, REVISIT_NOT_MODIFIED,
                                                         earlier))
    assert revisit.rec_type == "revisit"
    assert revisit.rec_headers["WARC-Profile"] == REVISIT_NOT_MODIFIED
    assert revisit.rec_headers["WARC-Refers-To"] == "<urn:uuid:0000>"
    assert revisit.rec_headers["WARC-Refers-To-Target-URI"] == EXCHANGE.url
    assert revisit.rec_headers["WARC-Refers-To-Date"] == "2025-12-01T00:00:00Z"
    assert revisit.rec_headers["WARC-Payload-Digest"] == "sha1:ABC"
    assert revisit.http_headers.statusline == "304 Not Modified"
    assert revisit.http_headers.get_header("ETag") == '"v1"'
    assert revisit.raw == b""
    assert request.rec_headers["WARC-Concurrent-To"] == revisit.rec_headers["WARC-Record-ID"]


def test_a_revisit_of_a_capture_without_id_or_digest_leaves_those_headers_out() -> None:
    exchange = Exchange(EXCHANGE.url, "GET", (), b"", "HTTP/1.1", 304, (), b"")
    revisit, _ = build_revisit_records(_builder(), exchange, DATE, REVISIT_NOT_MODIFIED,
                                       RefersTo(None, EXCHANGE.url, DATE, None))
    assert revisit.rec_headers.get_header("WARC-Refers-To") is None
    assert revisit.rec_headers.get_header("WARC-Payload-Digest") is None


def test_warcinfo_says_the_format_and_carries_the_crawl_fields() -> None:
    (info,) = _read_back(build_warcinfo(_builder(), "x.warc.gz", {"crawl-id": "run-1", "site": "demo"}))
    assert info.rec_type == "warcinfo" and info.rec_headers["WARC-Filename"] == "x.warc.gz"
    fields = dict(line.split(": ", 1) for line in info.raw.decode().splitlines() if line)
    assert fields["format"] == "WARC File Format 1.1"
    assert fields["crawl-id"] == "run-1" and fields["site"] == "demo"
    assert fields["conformsTo"].endswith("/warc-1.1/")
    assert info.rec_headers.protocol == "WARC/1.1"
