"""The archive's rows of the state: the latest capture of each URL, kept across runs."""

from __future__ import annotations

from pathlib import Path

from archive.captures import Capture, CaptureStore
from archive.state import StateDB

URL = "http://127.0.0.1:9/a/?p=1"
FULL = Capture(URL, "2026-01-01T00:00:00Z", 200, '"v1"', "Thu, 01 Jan 2026 00:00:00 GMT", "sha1:A",
               "<urn:uuid:1>", "2026-01-01T00:00:00Z", "run-1", "warc/s-1.warc.gz", 123, 456)


def test_a_capture_is_there_for_the_next_run(tmp_path: Path) -> None:
    state = StateDB(tmp_path / "s" / "state.sqlite")
    CaptureStore(state).record_capture(FULL)
    state.close()
    reopened = StateDB(tmp_path / "s" / "state.sqlite")
    store = CaptureStore(reopened)
    assert store.capture(URL) == FULL
    assert store.capture(URL + "&x") is None
    assert store.folder == tmp_path / "s"  # WARC paths in the rows are relative to it
    reopened.close()


def test_a_revisit_updates_the_fetch_but_keeps_the_capture_it_refers_to(tmp_path: Path) -> None:
    state = StateDB(tmp_path / "state.sqlite")
    store = CaptureStore(state)
    store.record_capture(FULL)
    store.record_revisit(URL, "2026-02-01T00:00:00Z", 304, "run-2")
    after = store.capture(URL)
    assert after is not None
    assert (after.fetched_at, after.status, after.crawl_id) == ("2026-02-01T00:00:00Z", 304, "run-2")
    assert (after.etag, after.payload_digest, after.warc_record_id, after.warc_file, after.warc_offset) == (
        FULL.etag, FULL.payload_digest, FULL.warc_record_id, FULL.warc_file, FULL.warc_offset)
    store.record_revisit("http://127.0.0.1:9/never-captured/", "2026-02-01T00:00:00Z", 304, "run-2")
    assert store.capture("http://127.0.0.1:9/never-captured/") is None
    state.close()
