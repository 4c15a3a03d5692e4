"""The archive's rows of the state database: the latest capture of every URL fetched. No Scrapy.

A capture is what conditional requests and revisit records need: the URL's validators (ETag,
Last-Modified), its payload digest and the WARC record of its latest full capture (not a revisit),
with the last fetch time and status. Table `urls` of `archive.state`; written by
`archive.revisits` during a crawl and by `archive.state_captures` when the state is rebuilt.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from archive.state import StateDB


@attrs.define(frozen=True)
class Capture:
    """What the state knows of a URL: validators and its latest full capture (not a revisit)."""

    url: str
    fetched_at: str
    status: int
    etag: str | None
    last_modified: str | None
    payload_digest: str | None
    warc_record_id: str | None
    warc_date: str | None
    crawl_id: str
    warc_file: str | None = None
    """The WARC file, relative to the state database's folder."""
    warc_offset: int | None = None
    warc_length: int | None = None


class CaptureStore:
    """Table `urls` over a run's state connection; every method commits its own write."""

    def __init__(self, state: StateDB) -> None:
        self.state = state
        self.db = state.db

    @property
    def folder(self) -> Path:
        """The folder WARC paths are stored relative to (the state file's)."""
        return self.state.folder

    def capture(self, url: str) -> Capture | None:
        row = self.db.execute(
            "SELECT url, fetched_at, status, etag, last_modified, payload_digest, warc_record_id, "
            "warc_date, crawl_id, warc_file, warc_offset, warc_length FROM urls WHERE url = ?",
            (url,)).fetchone()
        return Capture(*row) if row else None

    def record_capture(self, capture: Capture) -> None:
        """A full capture: validators and WARC pointers replace the previous ones."""
        self.db.execute(
            "INSERT OR REPLACE INTO urls VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (capture.url, capture.fetched_at, capture.status, capture.etag, capture.last_modified,
             capture.payload_digest, capture.warc_file, capture.warc_offset, capture.warc_length,
             capture.warc_record_id, capture.warc_date, capture.crawl_id))

    def record_revisit(self, url: str, fetched_at: str, status: int, crawl_id: str) -> None:
        """A revisit: the URL was seen again, but the latest full capture stays the one referred to."""
        self.db.execute("UPDATE urls SET fetched_at = ?, status = ?, crawl_id = ? WHERE url = ?",
                        (fetched_at, status, crawl_id, url))
