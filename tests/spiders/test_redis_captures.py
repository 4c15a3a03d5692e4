"""The captures shared by Redis workers (`spiders.redis_captures`) on a real private redis-server
(tests/redis_server.py), real SQLite state files and real WARC files, one set per worker: a worker
revisits what another captured, and its revisit refers to the other's WARC record."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from archive.captures import CaptureStore
from archive.records import REVISIT_IDENTICAL, REVISIT_NOT_MODIFIED, Exchange
from archive.revisits import RevisitPolicy
from archive.state import StateDB
from archive.writer import RollingWarcWriter
from spiders.redis_captures import RedisCaptureStore
from spiders.redis_keys import SiteKeys

URL = "http://127.0.0.1:9/a-post/"




@pytest.fixture
def opened() -> Iterator[list[Any]]:
    """Writers and state files a test opens, closed after it."""
    things: list[Any] = []
    yield things
    for thing in things:
        thing.close()


def _worker(client: Any, key: str, site: Path, name: str,
            opened: list[Any]) -> tuple[RevisitPolicy, RollingWarcWriter]:
    state = StateDB(site / f"state.{name}.sqlite")
    writer = RollingWarcWriter(site / "warc", f"s-{name}", {})
    opened += [state, writer]
    return RevisitPolicy(RedisCaptureStore(CaptureStore(state), client, key), f"crawl-{name}"), writer


def _answer(status: int, body: bytes = b"<p>v1</p>") -> Exchange:
    headers = (("ETag", '"v1"'), ("Last-Modified", "Tue, 01 Dec 2026 10:00:00 GMT"))
    return Exchange(URL, "GET", (), b"", "HTTP/1.1", status, headers, body)


def _local_urls(site: Path, name: str) -> list[tuple[str, int]]:
    with sqlite3.connect(site / f"state.{name}.sqlite") as db:
        return list(db.execute("SELECT url, status FROM urls"))


def test_a_worker_revisits_what_another_captured(client: Any, tmp_path: Path, opened: list[Any]) -> None:
    key = SiteKeys("captures-unit").captures
    (policy_a, writer_a), (policy_b, writer_b) = (_worker(client, key, tmp_path, name, opened)
                                                       for name in "ab")
    assert policy_b.conditional_headers(URL) == []
    first, revisit = policy_a.write(writer_a, _answer(200))
    assert not revisit
    # b never fetched the URL, yet asks conditionally with a's validators...
    assert policy_b.conditional_headers(URL) == [("If-None-Match", '"v1"'),
                                                 ("If-Modified-Since", "Tue, 01 Dec 2026 10:00:00 GMT")]
    # ...and writes the 304, then an identical 200, as revisits of a's record, in its own file.
    not_modified, revisit = policy_b.write(writer_b, _answer(304, b""))
    assert revisit and not_modified.warc_file != first.warc_file
    same, revisit = policy_b.write(writer_b, _answer(200))
    assert revisit and same == first  # the records derived from it point at a's full capture
    writer_a.close()  # written through to disk (closing twice is harmless)
    writer_b.close()
    revisits = []
    for path in (tmp_path / "warc").glob("s-b-*.warc.gz"):
        with path.open("rb") as stream:
            revisits += [record.rec_headers for record in ArchiveIterator(stream)
                         if record.rec_type == "revisit"]
    assert [headers.get_header("WARC-Profile") for headers in revisits] == [
        REVISIT_NOT_MODIFIED, REVISIT_IDENTICAL]
    for headers in revisits:
        assert headers.get_header("WARC-Refers-To") == first.record_id
        assert headers.get_header("WARC-Refers-To-Target-URI") == URL
        assert headers.get_header("WARC-Refers-To-Date") == first.warc_date
    # The shared capture is still a's; each worker's own state has what it wrote itself.
    capture = policy_a.store.capture(URL)
    assert capture is not None and capture.warc_record_id == first.record_id
    assert capture.crawl_id == "crawl-b" and capture.status == 200
    assert capture.warc_file == str(Path(first.warc_file).relative_to(tmp_path))
    assert _local_urls(tmp_path, "a") == [(URL, 200)] and _local_urls(tmp_path, "b") == []


def test_a_changed_page_is_a_new_capture_for_every_worker(
    client: Any, tmp_path: Path, opened: list[Any]
) -> None:
    key = SiteKeys("captures-changed").captures
    (policy_a, writer_a), (policy_b, writer_b) = (_worker(client, key, tmp_path, name, opened)
                                                       for name in "ab")
    policy_a.write(writer_a, _answer(200))
    second, revisit = policy_b.write(writer_b, _answer(200, b"<p>v2</p>"))
    assert not revisit
    capture = policy_a.store.capture(URL)
    assert capture is not None and capture.warc_record_id == second.record_id
    assert _local_urls(tmp_path, "b") == [(URL, 200)]


def test_what_is_not_a_capture_in_redis_is_no_capture(client: Any, tmp_path: Path, opened: list[Any]) -> None:
    key = SiteKeys("captures-bad").captures
    client.hset(key, mapping={URL: b"[1, 2]", "u2": b"\xff", "u3": b'{"url": "u3", "bogus": 1}'})
    policy, _ = _worker(client, key, tmp_path, "a", opened)
    assert [policy.store.capture(url) for url in (URL, "u2", "u3")] == [None, None, None]
    assert policy.conditional_headers(URL) == []
