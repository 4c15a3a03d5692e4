"""Captures and revisits, read back from the WARC files into a fresh state. No Scrapy.

The archive is the truth: every full capture the crawl wrote (`RevisitPolicy.write`) is a
`response` record, every revisit a `revisit` record, in the order they were written. Applying them
in file order gives the `urls` table the crawl had: the latest full capture per URL (validators,
payload digest, record pointer) and the latest fetch time and status. `answers` hands each one to
the caller too (the article schedule is rebuilt from the same pass), with the body decoded for
responses and, for identical-payload revisits, read from the capture they refer to.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import attrs
from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from archive.captures import Capture, CaptureStore
from archive.reader import READ_ERRORS, NotAWarcError, ensure_whole, http_status, warcinfo_fields
from archive.records import REVISIT_IDENTICAL
from archive.writer import RecordLocation


@attrs.define(frozen=True)
class Answer:
    """One archived answer: a response, or a revisit (with the body it stands for, if identical)."""

    url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    location: RecordLocation
    """Of the record holding the body (for an identical revisit, the capture it refers to)."""
    revisit: bool
    fetched_at: str
    """WARC-Date of this answer's own record."""
    crawl_id: str
    info: dict[str, str]


def answers(path: Path, store: CaptureStore) -> Iterator[Answer]:
    """Apply the responses and revisits of the WARC at `path` to `store`, yielding each.

    Raises NotAWarcError when a record cannot be read (the caller stops: nothing half-applied
    is installed).
    """
    with open(path, "rb") as stream:
        iterator = ArchiveIterator(stream, arc2warc=True, check_digests=True)
        info: dict[str, str] = {}
        try:
            for record in iterator:
                if record.rec_type == "warcinfo":
                    info = warcinfo_fields(record)
                elif record.rec_type in ("response", "revisit") and record.http_headers is not None:
                    yield _answer(path, iterator, record, store, info)
        except NotAWarcError:
            raise
        except READ_ERRORS as error:
            raise NotAWarcError(f"{path}: not a readable WARC file ({error})") from error


def _answer(
    path: Path, iterator: ArchiveIterator, record: ArcWarcRecord, store: CaptureStore, info: dict[str, str]
) -> Answer:
    http = record.http_headers
    headers = tuple(http.headers)
    body = record.content_stream().read() if record.rec_type == "response" else None
    # After the body: warcio's get_record_offset() reads the record to its end.
    ensure_whole(record, path, iterator.get_record_offset())  # before the state learns of it
    status = http_status(record, path, iterator.get_record_offset())
    if body is not None:
        headers = _decoded_headers(headers)
    location = RecordLocation(
        str(path), iterator.get_record_offset(), iterator.get_record_length(),
        record.rec_headers.get_header("WARC-Record-ID"), record.rec_headers.get_header("WARC-Target-URI"),
        record.rec_headers.get_header("WARC-Date"), record.rec_headers.get_header("WARC-Payload-Digest"))
    crawl_id = info.get("crawl-id", "")
    url = location.target_uri
    if body is None:
        store.record_revisit(url, location.warc_date, status, crawl_id)
        if record.rec_headers.get_header("WARC-Profile") == REVISIT_IDENTICAL:
            identical = _identical(url, status, _decoded_headers(headers), store, location.warc_date,
                                   crawl_id, info)
            if identical is not None:
                return identical
        return Answer(url, status, headers, None, location, True, location.warc_date, crawl_id, info)
    store.record_capture(Capture(
        url=url, fetched_at=location.warc_date, status=status, etag=http.get_header("ETag"),
        last_modified=http.get_header("Last-Modified"), payload_digest=location.payload_digest,
        warc_record_id=location.record_id, warc_date=location.warc_date, crawl_id=crawl_id,
        warc_file=os.path.relpath(path, store.folder), warc_offset=location.offset,
        warc_length=location.length))
    return Answer(url, status, headers, body, location, False, location.warc_date, crawl_id, info)


def _identical(url: str, status: int, headers: tuple[tuple[str, str], ...], store: CaptureStore,
               fetched_at: str, crawl_id: str, info: dict[str, str]) -> Answer | None:
    """The revisit with the body of the capture it refers to (the crawl's spider saw that body)."""
    capture = store.capture(url)
    if capture is None or not capture.warc_file or capture.warc_offset is None:
        return None
    warc = store.folder / capture.warc_file
    with open(warc, "rb") as stream:
        stream.seek(capture.warc_offset)
        try:
            record = next(iter(ArchiveIterator(stream, check_digests=True)))
            body = record.content_stream().read()
            ensure_whole(record, warc, capture.warc_offset)
        except (*READ_ERRORS, StopIteration):
            return None  # the capture's own file is damaged: the revisit stands without a body
    location = RecordLocation(str(warc), capture.warc_offset, capture.warc_length or 0,
                              capture.warc_record_id or "", url, capture.warc_date or "",
                              capture.payload_digest)
    return Answer(url, status, headers, body, location, True, fetched_at, crawl_id, info)


def _decoded_headers(headers: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """The headers that go with a body whose Content-Encoding was undone (as Scrapy sees it)."""
    return tuple((k, v) for k, v in headers if k.lower() != "content-encoding")

