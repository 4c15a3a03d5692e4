"""WARC records for one HTTP exchange, built with warcio (no Scrapy here).

The exchange is kept as received: full request line with its query, every header value in wire
order (repeated headers too), the body exactly as it came off the wire (Content-Encoding kept).
"""

from __future__ import annotations

import io
from http import HTTPStatus
from urllib.parse import urlsplit

import attrs
from warcio.recordbuilder import RecordBuilder
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders

WARC_VERSION = "1.1"

# A body that was de-chunked by the HTTP client must not claim to be chunked any more, or replay
# tools would try to de-chunk it again; the original value stays visible under the usual prefix.
_HOP_BY_HOP_RENAMED = {"transfer-encoding": "X-Archive-Orig-Transfer-Encoding"}

Headers = tuple[tuple[str, str], ...]


@attrs.define(frozen=True)
class Exchange:
    """One HTTP request and its response, as the client saw them."""

    url: str
    method: str
    request_headers: Headers
    request_body: bytes
    protocol: str
    status: int
    response_headers: Headers
    response_body: bytes
    ip_address: str | None = None


def status_line(status: int) -> str:
    """'404 Not Found' for 404; clients don't keep the reason phrase, so use the standard one.

    >>> status_line(404)
    '404 Not Found'
    >>> status_line(599)
    '599 Unknown'
    """
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} Unknown"


def request_line(method: str, url: str, protocol: str) -> str:
    """The request line with the full path and query, as sent.

    >>> request_line("GET", "http://a.example/p?x=1&y=2#frag", "HTTP/1.1")
    'GET /p?x=1&y=2 HTTP/1.1'
    """
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return f"{method} {target} {protocol}"


def _with_host(url: str, headers: Headers) -> list[tuple[str, str]]:
    """Request headers plus the Host header the HTTP client adds itself."""
    result = list(headers)
    if not any(name.lower() == "host" for name, _ in result):
        result.insert(0, ("Host", urlsplit(url).netloc))
    return result


def _live_response_headers(headers: Headers) -> list[tuple[str, str]]:
    return [(_HOP_BY_HOP_RENAMED.get(name.lower(), name), value) for name, value in headers]


def build_exchange_records(
    builder: RecordBuilder, exchange: Exchange, warc_date: str
) -> tuple[ArcWarcRecord, ArcWarcRecord]:
    """The (response, request) records of one exchange, linked by WARC-Concurrent-To."""
    protocol = exchange.protocol or "HTTP/1.1"
    response_http = StatusAndHeaders(
        status_line(exchange.status), _live_response_headers(exchange.response_headers), protocol
    )
    response_warc = {"WARC-Date": warc_date}
    if exchange.ip_address:
        response_warc["WARC-IP-Address"] = exchange.ip_address
    response = builder.create_warc_record(
        exchange.url,
        "response",
        payload=io.BytesIO(exchange.response_body),
        length=len(exchange.response_body),
        http_headers=response_http,
        warc_headers_dict=response_warc,
    )
    return response, _request_record(builder, exchange, warc_date, response)


def _request_record(
    builder: RecordBuilder, exchange: Exchange, warc_date: str, answer: ArcWarcRecord
) -> ArcWarcRecord:
    """The request record, linked to its answer (response or revisit) by WARC-Concurrent-To."""
    protocol = exchange.protocol or "HTTP/1.1"
    request_http = StatusAndHeaders(
        request_line(exchange.method, exchange.url, protocol),
        _with_host(exchange.url, exchange.request_headers),
        is_http_request=True,
    )
    return builder.create_warc_record(
        exchange.url,
        "request",
        payload=io.BytesIO(exchange.request_body),
        length=len(exchange.request_body),
        http_headers=request_http,
        warc_headers_dict={
            "WARC-Date": warc_date,
            "WARC-Concurrent-To": answer.rec_headers.get_header("WARC-Record-ID"),
        },
    )


REVISIT_NOT_MODIFIED = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
"""WARC 1.1 revisit profile of a 304 answer to a conditional request."""
REVISIT_IDENTICAL = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
"""WARC 1.1 revisit profile of a 200 whose body equals the last capture's (not stored again)."""


@attrs.define(frozen=True)
class RefersTo:
    """The earlier full capture a revisit record points at."""

    record_id: str | None
    target_uri: str
    warc_date: str
    payload_digest: str | None


def build_revisit_records(
    builder: RecordBuilder, exchange: Exchange, warc_date: str, profile: str, refers_to: RefersTo
) -> tuple[ArcWarcRecord, ArcWarcRecord]:
    """The (revisit, request) records of an exchange whose body is already archived.

    The revisit keeps the status line and every header of the answer, never the body: a 304 has
    none, and an identical 200 body lives in the record `refers_to` names.
    """
    protocol = exchange.protocol or "HTTP/1.1"
    http = StatusAndHeaders(
        status_line(exchange.status), _live_response_headers(exchange.response_headers), protocol
    )
    warc = {"WARC-Date": warc_date, "WARC-Profile": profile,
            "WARC-Refers-To-Target-URI": refers_to.target_uri,
            "WARC-Refers-To-Date": refers_to.warc_date}
    if refers_to.record_id:
        warc["WARC-Refers-To"] = refers_to.record_id
    if refers_to.payload_digest:
        warc["WARC-Payload-Digest"] = refers_to.payload_digest
    if exchange.ip_address:
        warc["WARC-IP-Address"] = exchange.ip_address
    revisit = builder.create_warc_record(exchange.url, "revisit", http_headers=http,
                                         warc_headers_dict=warc)
    return revisit, _request_record(builder, exchange, warc_date, revisit)


def build_warcinfo(builder: RecordBuilder, filename: str, info: dict[str, str]) -> ArcWarcRecord:
    """The warcinfo record that opens every file: software, crawl id, site, key settings."""
    fields = {"format": "WARC File Format 1.1", "conformsTo": _WARC_1_1_SPEC, **info}
    return builder.create_warcinfo_record(filename, fields)


_WARC_1_1_SPEC = "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"
