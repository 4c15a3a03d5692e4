"""Which exchanges become revisit records, and which requests become conditional. No Scrapy.

Over the site's captures (`archive.captures`): a URL with a full 200 capture is requested again
with its validators (If-None-Match / If-Modified-Since); a 304 answer is written as a
`server-not-modified` revisit and a 200 whose payload digest equals the last capture's as an
`identical-payload-digest` revisit, both pointing at that last full capture. Everything else is
a new full capture, remembered as the latest.
"""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path
from typing import TypeGuard

from warcio.statusandheaders import StatusAndHeaders

from archive.captures import Capture, CaptureStore
from archive.records import REVISIT_IDENTICAL, REVISIT_NOT_MODIFIED, Exchange, RefersTo
from archive.writer import RecordLocation, RollingWarcWriter


def payload_digest(body: bytes) -> str:
    """The WARC-Payload-Digest warcio writes for `body`: 'sha1:' + base32.

    >>> payload_digest(b"")
    'sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ'
    """
    return "sha1:" + base64.b32encode(hashlib.sha1(body, usedforsecurity=False).digest()).decode()


class RevisitPolicy:
    """Conditional headers before a request, revisit-or-capture after its answer."""

    def __init__(self, store: CaptureStore, crawl_id: str, conditional: bool = True) -> None:
        self.store = store
        self.crawl_id = crawl_id
        self.conditional = conditional

    def conditional_headers(self, url: str) -> list[tuple[str, str]]:
        """Validators of the last full 200 capture of `url` (none when there is none)."""
        if not self.conditional:
            return []
        capture = self.store.capture(url)
        if not _has_full_200(capture):
            return []
        headers = []
        # A weak ETag is the one a gzipping proxy (nginx) made of the application's strong one.
        # WordPress compares If-None-Match with its own ETag as a plain string and, given both
        # validators, wants both to match: with a weak ETag, send the date alone, which it honours.
        weak = capture.etag.startswith("W/") if capture.etag else False
        if capture.etag and not (weak and capture.last_modified):
            headers.append(("If-None-Match", capture.etag))
        if capture.last_modified:
            headers.append(("If-Modified-Since", capture.last_modified))
        return headers

    def write(self, writer: RollingWarcWriter, exchange: Exchange) -> tuple[RecordLocation, bool]:
        """Write `exchange` as a revisit or a full capture; (the location of the record holding its
        body, whether a revisit). For an identical 200 that is the earlier capture the revisit
        refers to, so records derived from the body point at a record that has it."""
        previous = self.store.capture(exchange.url)
        digest = payload_digest(exchange.response_body)
        profile = _revisit_profile(exchange, digest, previous)
        if profile and previous is not None and previous.warc_date:
            refers_to = RefersTo(previous.warc_record_id, previous.url, previous.warc_date,
                                 previous.payload_digest)
            location = writer.write_revisit(exchange, profile, refers_to)
            self.store.record_revisit(exchange.url, location.warc_date, exchange.status,
                                      self.crawl_id)
            original = _location(previous, self.store.folder)
            return (original if original and profile == REVISIT_IDENTICAL else location), True
        location = writer.write_exchange(exchange)
        # warcio's case-insensitive lookup (archive/ does not import scrapers.http.header_value).
        headers = StatusAndHeaders("", list(exchange.response_headers))
        self.store.record_capture(
            Capture(
                url=exchange.url, fetched_at=location.warc_date, status=exchange.status,
                etag=headers.get_header("etag"), last_modified=headers.get_header("last-modified"),
                payload_digest=location.payload_digest, warc_record_id=location.record_id,
                warc_date=location.warc_date, crawl_id=self.crawl_id,
                # Relative to the state's folder: a cron job may run from another working folder.
                warc_file=os.path.relpath(location.warc_file, self.store.folder),
                warc_offset=location.offset, warc_length=location.length,
            )
        )
        return location, False


def _has_full_200(capture: Capture | None) -> TypeGuard[Capture]:
    """The URL's latest full capture is a 200. The row's status is the latest fetch's: a 304 there
    was written as a revisit of that 200 (`record_revisit` keeps its record and validators), so it
    still stands; reading 304 as 'no capture' made every run after a 304 fetch the page whole."""
    return capture is not None and capture.status in (200, 304) and capture.warc_record_id is not None


def _revisit_profile(exchange: Exchange, digest: str, previous: Capture | None) -> str | None:
    if not _has_full_200(previous):
        return None
    if exchange.status == 304:
        return REVISIT_NOT_MODIFIED
    if exchange.status == 200 and previous.payload_digest == digest:
        return REVISIT_IDENTICAL
    return None


def _location(capture: Capture, folder: Path) -> RecordLocation | None:
    if not (capture.warc_file and capture.warc_offset is not None and capture.warc_length
            and capture.warc_record_id and capture.warc_date):
        return None
    return RecordLocation(str(folder / capture.warc_file), capture.warc_offset, capture.warc_length,
                          capture.warc_record_id, capture.url, capture.warc_date,
                          capture.payload_digest)

