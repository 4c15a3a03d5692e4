"""Read archived responses back out of WARC files (warcio only, no Scrapy, no network)."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

import attrs
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from archive.record_check import RECORD_ERRORS
from archive.writer import RecordLocation

READ_ERRORS = (*RECORD_ERRORS, zlib.error)
"""What warcio raises on bytes that are not (or no longer) a WARC record."""


class NotAWarcError(ValueError):
    """Raised by `iter_responses` / `http_response_at` when a file (or offset) is not a readable WARC
    record, or a record there is damaged (cut short, digests not matching); the CLI reports it."""


@attrs.define(frozen=True)
class ArchivedResponse:
    """One response record: the HTTP response with its body content-decoded, and where it is."""

    url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    location: RecordLocation
    info: dict[str, str] = attrs.field(factory=dict)
    """Fields of the file's warcinfo record (software, crawl-id, site, profile...)."""
    content_encoding: str = ""
    """The Content-Encoding the body was archived with, lower case ('' for none); `body` is decoded."""

    @property
    def crawl_id(self) -> str:
        """`crawl-id` of the file's warcinfo record ('' when absent)."""
        return self.info.get("crawl-id", "")


def iter_responses(path: Path) -> Iterator[ArchivedResponse]:
    """Every response record of the WARC at `path`, in file order.

    Raises NotAWarcError when the file is not a WARC (or is damaged before its first record).
    """
    with open(path, "rb") as stream:
        iterator = ArchiveIterator(stream, no_record_parse=False, arc2warc=True, check_digests=True)
        info: dict[str, str] = {}
        try:
            for record in iterator:
                if record.rec_type == "warcinfo":
                    info = warcinfo_fields(record)
                    continue
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                encoding = (record.http_headers.get_header("Content-Encoding") or "").strip().lower()
                body, headers = decoded_body(record)  # first: get_record_offset() reads to the record's end
                ensure_whole(record, path, iterator.get_record_offset())
                location = _location(path, iterator, record)
                yield ArchivedResponse(
                    url=record.rec_headers.get_header("WARC-Target-URI"),
                    status=http_status(record, path, location.offset),
                    headers=headers,
                    body=body,
                    location=location,
                    info=info,
                    content_encoding=encoding,
                )
        except NotAWarcError:
            raise
        except READ_ERRORS as error:
            raise NotAWarcError(f"{path}: not a readable WARC file ({error})") from error


def check_is_warc(path: Path) -> None:
    """Raise NotAWarcError unless the file starts with a readable WARC record (cheap: one record)."""
    try:
        with open(path, "rb") as stream:
            next(iter(ArchiveIterator(stream)), None)
    except ArchiveLoadFailed as error:
        raise NotAWarcError(f"{path}: not a readable WARC file ({error})") from error


def http_response_at(path: Path, offset: int) -> tuple[bytes, bytes]:
    """(status line and headers as archived, body with Content-Encoding undone) of the response
    record at `offset`: what `warcio extract --payload` and a browser would show.

    Raises NotAWarcError when no readable record starts there.
    """
    with open(path, "rb") as stream:
        stream.seek(offset)
        try:
            record = next(iter(ArchiveIterator(stream, check_digests=True)))
            if record.http_headers is None:
                kind = record.rec_type
                raise NotAWarcError(f"{path}: the {kind} record at offset {offset} has no HTTP part")
            body = record.content_stream().read()
            ensure_whole(record, path, offset)
            return record.http_headers.to_bytes(), body
        except (*READ_ERRORS, StopIteration) as error:
            if isinstance(error, NotAWarcError):
                raise
            raise NotAWarcError(f"{path}: no readable WARC record at offset {offset} ({error})") from error


REQUIRED = ("WARC-Record-ID", "WARC-Date", "WARC-Target-URI")
"""Headers every response and revisit record has (WARC 1.1); without one, it is damaged."""


def http_status(record: ArcWarcRecord, path: Path, offset: int) -> int:
    """The status code of a response or revisit record; NotAWarcError when its status line is not
    HTTP's or a REQUIRED header is missing (a damaged header block)."""
    for name in REQUIRED:
        if not record.rec_headers.get_header(name):
            raise NotAWarcError(f"{path}: the record at offset {offset} is damaged (no {name})")
    code = record.http_headers.get_statuscode() if record.http_headers is not None else None
    if not (code and code.isdigit() and 100 <= int(code) <= 599):
        raise NotAWarcError(f"{path}: the record at offset {offset} is damaged (no HTTP status line)")
    return int(code)


def ensure_whole(record: ArcWarcRecord, path: Path, offset: int) -> None:
    """Raise NotAWarcError unless the record's block was all there and matches its digests (read
    with `ArchiveIterator(..., check_digests=True)`; call after reading what you need of it).

    warcio hands out what it could read: a record cut short (a torn file, a truncated gzip member)
    comes with part of its body and no error, and digests are only compared at the block's end.
    """
    if record.length is None:  # then warcio reads on to the end of the file (damaged header)
        raise NotAWarcError(f"{path}: the record at offset {offset} is damaged (no Content-Length)")
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass  # the rest of the block (decoding may stop early): the digests need all of it
    missing = getattr(raw, "limit", 0)
    if missing:
        raise NotAWarcError(f"{path}: the record at offset {offset} is cut short ({missing} bytes "
                            "of its block missing)")
    checker = getattr(record, "digest_checker", None)
    if checker is not None and checker.passed is False:
        raise NotAWarcError(f"{path}: the record at offset {offset} is damaged "
                            f"({'; '.join(checker.problems)})")


def decoded_body(record: ArcWarcRecord) -> tuple[bytes, tuple[tuple[str, str], ...]]:
    """Body with Content-Encoding undone (as a browser or Scrapy sees it) and matching headers."""
    body = record.content_stream().read()
    headers = tuple(record.http_headers.headers)
    if record.http_headers.get_header("Content-Encoding"):
        headers = tuple((k, v) for k, v in headers if k.lower() != "content-encoding")
    return body, headers


def _location(path: Path, iterator: ArchiveIterator, record: ArcWarcRecord) -> RecordLocation:
    # Reading to the end of the record is what lets warcio report the member's length.
    offset = iterator.get_record_offset()
    length = iterator.get_record_length()
    return RecordLocation(
        warc_file=str(path),
        offset=offset,
        length=length,
        record_id=record.rec_headers.get_header("WARC-Record-ID"),
        target_uri=record.rec_headers.get_header("WARC-Target-URI"),
        warc_date=record.rec_headers.get_header("WARC-Date"),
        payload_digest=record.rec_headers.get_header("WARC-Payload-Digest"),
    )


def warcinfo_fields(record: ArcWarcRecord) -> dict[str, str]:
    """The `name: value` lines of a warcinfo record's block."""
    fields: dict[str, str] = {}
    for line in record.content_stream().read().decode("utf-8", "replace").splitlines():
        name, sep, value = line.partition(":")
        if sep:
            fields[name.strip()] = value.strip()
    return fields
