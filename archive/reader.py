"""Read archived responses back out of WARC files, whoever wrote them (no Scrapy, no network).

`read_archive` goes on after damage and yields it; `iter_responses` is its strict form.
"""

from __future__ import annotations

import zlib
from collections.abc import Generator, Iterable, Iterator
from pathlib import Path

import attrs
from warcio.recordloader import ArcWarcRecord

from archive.gzip_members import GZIP_MAGIC, UnreadableMember, read_member
from archive.record_check import RECORD_ERRORS
from archive.warc_record import MAX_HEADER, WarcRecord, parse_record
from archive.warc_scan import Damage, Found, scan
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
    truncated: str | None = None
    """Why the body is not all there (WARC-Truncated, a record cut short...), None when whole."""

    @property
    def crawl_id(self) -> str:
        """`crawl-id` of the file's warcinfo record ('' when absent)."""
        return self.info.get("crawl-id", "")


def read_archive(path: Path, start: int = 0, info: dict[str, str] | None = None
                 ) -> Iterator[ArchivedResponse | Damage]:
    """Every response record of the WARC at `path` in file order, and a `Damage` for each damaged
    span, going on after it at the next readable record (`archive.warc_scan`).

    `start` and `info` read a `.warc.gz` from the gzip member at `start`, with `info` the fields
    of the warcinfo record in force there (`pipelines.replay_tasks` splits big files so).

    A response whose block is cut short is yielded with `truncated` saying so (and its damage
    reported); one whose bytes fail their digests, or with an impossible header, is reported and
    left out. Resource records of web pages (what warcit and browser tools write) count as 200s.
    """
    yield from read_found(scan(path, start), info or {})


def read_found(items: Iterable[Found | Damage], info: dict[str, str]
               ) -> Generator[ArchivedResponse | Damage, None, dict[str, str]]:
    """`read_archive` over items of `archive.warc_scan.scan` (maybe a part of them); returns the
    warcinfo fields in force after the last item."""
    for item in items:
        if isinstance(item, Damage):
            yield item
            continue
        record = item.record
        yield from (Damage(item.file, item.offset, item.length, problem.kind, f"{_describe(record)}: "
                           f"{problem.message}") for problem in record.problems)
        if record.rec_type == "warcinfo" and not record.problems:
            info = warcinfo_block_fields(record.block)
        elif {problem.kind for problem in record.problems} <= USABLE_DAMAGE:
            response = _response(item, info)
            if response is not None:
                yield response
    return info


USABLE_DAMAGE = {"record-cut-short"}
"""Damage after which a record is still used: it is marked truncated, never passed as whole."""
PAGE_TYPES = ("text/html", "application/xhtml+xml")


def _response(item: Found, info: dict[str, str]) -> ArchivedResponse | None:
    record = item.record
    if record.rec_type == "response" and record.http is not None:
        status = int(record.http.get_statuscode() or 0)
        encoding = (record.http.get_header("Content-Encoding") or "").strip().lower()
        body, truncated = record.body()
        headers = tuple((k, v) for k, v in record.http.headers
                        if k.lower() not in ("content-encoding", "transfer-encoding"))
    elif record.rec_type == "resource" and record.target_uri.startswith(("http://", "https://")) \
            and record.header("Content-Type").split(";")[0].strip().lower() in PAGE_TYPES:
        status, (body, truncated), encoding = 200, record.body(), ""
        headers = (("Content-Type", record.header("Content-Type")),)
    else:
        return None
    location = RecordLocation(
        warc_file=item.file, offset=item.offset, length=item.length,
        record_id=record.header("WARC-Record-ID"), target_uri=record.target_uri,
        warc_date=record.header("WARC-Date"), payload_digest=record.header("WARC-Payload-Digest") or None,
    )
    return ArchivedResponse(url=record.target_uri, status=status, headers=headers, body=body,
                            location=location, info=info, content_encoding=encoding,
                            truncated=truncated)


def _describe(record: WarcRecord) -> str:
    """'response record <urn:...> http://...' for a damage message."""
    return " ".join(part for part in (f"{record.rec_type or 'unknown'} record",
                                      record.header("WARC-Record-ID"), record.target_uri) if part)


def iter_responses(path: Path) -> Iterator[ArchivedResponse]:
    """Every response record of the WARC at `path`, strictly: NotAWarcError at the first damage
    (for callers that must not go on: a crawl's own files, the state rebuild)."""
    check_is_warc(path)
    for item in read_archive(path):
        if isinstance(item, Damage):
            raise NotAWarcError(f"{path}: {item.message} (offset {item.offset})")
        yield item


def check_is_warc(path: Path) -> None:
    """Raise NotAWarcError unless the file holds WARC records (damaged ones too): it starts with a
    WARC record, or with a gzip member that decompresses (even in part) to one."""
    with open(path, "rb") as stream:
        start = stream.read(len(GZIP_MAGIC))
        if not start or start.startswith(b"WARC/"[:len(start)]):
            return
        if start == GZIP_MAGIC:
            stream.seek(0)
            try:
                head = read_member(stream, 0).data[:5]
            except UnreadableMember as error:
                head = error.partial[:5] or b"WARC/"  # damaged at once: judged by what follows
            if head == b"WARC/":
                return
    raise NotAWarcError(f"{path}: not a readable WARC file (it does not start with a WARC record)")


def http_response_at(path: Path, offset: int) -> tuple[bytes, bytes, str | None]:
    """(status line and headers as archived, body with Content-Encoding undone, why the body is not
    whole or None) of the response record at `offset`: what `warcio extract --payload` and a
    browser would show.

    Raises NotAWarcError when no readable, intact response record starts there.
    """
    record, length = record_at(path, offset)
    bad = [problem for problem in record.problems if problem.kind not in USABLE_DAMAGE]
    if bad:
        raise NotAWarcError(f"{path}: the record at offset {offset} is damaged ({bad[0].message})")
    if record.http is None:
        raise NotAWarcError(f"{path}: the {record.rec_type} record at offset {offset} has no HTTP part")
    body, truncated = record.body()
    return record.http.to_bytes(), body, truncated


def record_at(path: Path, offset: int) -> tuple[WarcRecord, int]:
    """The record whose gzip member (or, uncompressed, whose bytes) starts at `offset`, and its
    length; NotAWarcError when none does."""
    with open(path, "rb") as stream:
        stream.seek(offset)
        gzipped = stream.read(len(GZIP_MAGIC)) == GZIP_MAGIC
        try:
            if gzipped:
                member = read_member(stream, offset)
                data, length = member.data, member.length
            else:
                stream.seek(offset)
                data = stream.read(MAX_HEADER)
                length = 0
        except UnreadableMember as error:
            reason = error.reason
            raise NotAWarcError(f"{path}: no readable WARC record at offset {offset} ({reason})") from None
        parsed = parse_record(data, 0)
        if parsed is not None and not gzipped and parsed[0].cut_short:
            stream.seek(offset)  # a long block: read all of it
            parsed = parse_record(stream.read(parsed[1] + parsed[0].cut_short + 4), 0)
    if parsed is None:
        raise NotAWarcError(f"{path}: no WARC record starts at offset {offset}")
    return parsed[0], length or parsed[1]


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


def warcinfo_fields(record: ArcWarcRecord) -> dict[str, str]:
    """The `name: value` lines of a warcinfo record's block."""
    return warcinfo_block_fields(record.content_stream().read())


def warcinfo_block_fields(block: bytes) -> dict[str, str]:
    """The `name: value` lines of a warcinfo block."""
    fields: dict[str, str] = {}
    for line in block.decode("utf-8", "replace").splitlines():
        name, sep, value = line.partition(":")
        if sep:
            fields[name.strip()] = value.strip()
    return fields
