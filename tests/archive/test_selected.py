"""Reading only the captures of chosen URLs: responses, and identical revisits naming their body."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from archive.reader import NotAWarcError
from archive.records import REVISIT_IDENTICAL, REVISIT_NOT_MODIFIED, Exchange, RefersTo
from archive.selected import iter_captures
from archive.writer import RollingWarcWriter

API = "http://127.0.0.1:9/wp-json/wp/v2/comments?post=6"
PAGE = "http://127.0.0.1:9/2024/05/post/"
JSON = b'[{"id": 7}]'


def _exchange(url: str, status: int = 200, body: bytes = JSON) -> Exchange:
    headers = (("Content-Type", "application/json"), ("Content-Encoding", "gzip"))
    return Exchange(url, "GET", (), b"", "HTTP/1.1", status, headers, gzip.compress(body) if body else b"")


def _warc(folder: Path) -> Path:
    writer = RollingWarcWriter(folder, "site", {"crawl-id": "run-2"})
    first = writer.write_exchange(_exchange(API))
    writer.write_exchange(_exchange(PAGE, body=b"<html></html>"))
    refers = RefersTo(first.record_id, API, first.warc_date, first.payload_digest)
    writer.write_revisit(_exchange(API), REVISIT_IDENTICAL, refers)
    writer.write_revisit(_exchange(API, 304, b""), REVISIT_NOT_MODIFIED, refers)
    writer.close()
    return writer.files[0]


def test_only_wanted_urls_decoded_and_identical_revisits_point_at_their_body(tmp_path: Path) -> None:
    full, identical = iter_captures(_warc(tmp_path), lambda url: "/wp-json/" in url)
    assert (full.url, full.status, full.body, full.crawl_id) == (API, 200, JSON, "run-2")
    assert (full.body_uri, full.body_date) == (API, full.body_date) and full.body_date
    assert identical.body is None  # a 304 revisit holds no answer: it is left out
    assert (identical.body_uri, identical.body_date) == (API, full.body_date)
    assert dict(identical.headers)["Content-Type"] == "application/json"


def test_a_file_that_is_not_a_warc_is_a_named_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc.gz"
    path.write_bytes(gzip.compress(b"hello, not a WARC\n"))
    with pytest.raises(NotAWarcError, match="notes.warc.gz: not a readable WARC file"):
        list(iter_captures(path, lambda url: True))
