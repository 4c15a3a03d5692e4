"""Walk a WARC file record by record, naming damage and going on after it.

`scan_warc` yields each record (`ScannedRecord`: its offset, headers and a stream of its block) and,
for each stretch of bytes that is not a whole record, a `DamagedSpan` (file, offset, length, what
is wrong), then resumes at the next readable record: the next gzip member that inflates whole in a
`.warc.gz`, the next `WARC/1.` that starts a header block that parses in a `.warc`. Damage it
names: a damaged or truncated gzip member, a record whose block is shorter or longer than its
Content-Length, a missing Content-Length, bytes that are no record (a NUL-padded tail, what a
crash or a preallocating writer leaves). Digests are the caller's business (`archive.verify`).

ISA-L's inflate, hashlib and plain file reads do the byte work in C; docs/design-notes.md says why
this is not FastWARC.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import BinaryIO

import attrs

from archive.warc_bytes import (
    GZIP_MAGIC,
    READ_SIZE,
    MemberSource,
    PlainSource,
    find_forward,
    member_is_whole,
    salvage,
)
from archive.warc_cursor import Cursor, HeadProblem, read_head
from archive.warc_headers import WarcHeaders, find_header_end

_TRAILER = b"\r\n\r\n"  # every WARC record block is followed by two CRLFs
_RECORD_START = b"WARC/1."


@attrs.define(frozen=True)
class DamagedSpan:
    """`length` bytes of `file` from `offset` that are not a whole record, and why."""

    file: str
    offset: int
    length: int
    reason: str
    to_end: bool = False
    """The damage runs to the end of the file."""
    headers: WarcHeaders | None = None
    """The damaged record's headers, when they could be read (to name what was lost)."""


class ScannedRecord:
    """One record: where it starts, its headers, its block as a stream (valid until the scan goes on).

    In a `.warc.gz`, `offset` and `length` are those of its gzip member (what a reader seeks to);
    in a `.warc`, of the record from its version line to the end of its trailer. `length` is known
    once `finish()` ran (the scan runs it before going on).
    """

    def __init__(self, file: str, offset: int, headers: WarcHeaders, cursor: Cursor,
                 length: Callable[[], int], locate: Callable[[ScannedRecord, str], DamagedSpan]) -> None:
        self.file = file
        self.offset = offset
        self.headers = headers
        self.content_length: int = headers.content_length or 0
        self.length = 0
        self.shares_member = False
        """In a `.warc.gz`: not the first record of its gzip member (it cannot be opened by offset)."""
        self._cursor = cursor
        self._length = length
        self._locate = locate
        self._left = self.content_length
        self._damage: DamagedSpan | None = None
        self._finished = False

    def read(self, size: int = READ_SIZE) -> bytes:
        """Up to `size` bytes more of the block; b"" at its end (or where the bytes ran out)."""
        if self._left <= 0:
            return b""
        data = self._cursor.take(min(size, self._left))
        self._left -= len(data)
        return data

    @property
    def missing(self) -> int:
        """Block bytes not there (the file or gzip member ended before Content-Length did)."""
        return self._left if self._finished else 0

    def finish(self) -> DamagedSpan | None:
        """Read what is left of the block and its trailer; the damage found, if any.

        The scan yields the same `DamagedSpan` next, so a caller may ask early or just listen.
        """
        if not self._finished:
            while self.read(READ_SIZE * 4):
                pass
            self._finished = True
            reason = self._check_end()
            if reason is None:
                self.length = self._length()
            else:
                self._damage = self._locate(self, reason)
        return self._damage

    def _check_end(self) -> str | None:
        if self._left:
            return (f"record block cut short: {self._left} of the {self.content_length} bytes "
                    f"Content-Length {self.content_length} announces are missing")
        trailer = self._cursor.take_exact(len(_TRAILER))
        if trailer != _TRAILER:
            return (f"the block does not end where Content-Length {self.content_length} says "
                    f"(found {trailer[:8]!r} instead of the record trailer)")
        return None


_Found = ScannedRecord | DamagedSpan


def scan_warc(path: Path) -> Iterator[ScannedRecord | DamagedSpan]:
    """Every record of the WARC at `path` in order, and a `DamagedSpan` for each damaged stretch.

    Gzip or not is decided by the first bytes (a `.warc.gz` whose first member is damaged still
    starts with the gzip magic bytes). Raises OSError only if the file cannot be read at all.
    """
    with open(path, "rb") as file:
        start = file.read(len(GZIP_MAGIC))
        if start[:2] == GZIP_MAGIC[:2] or (path.name.endswith(".gz") and start):
            yield from _scan_gzip(str(path), file)
        else:
            yield from _scan_plain(str(path), file)


def _scan_gzip(name: str, file: BinaryIO) -> Iterator[ScannedRecord | DamagedSpan]:
    offset, leftover = 0, b""
    while True:
        if len(leftover) < len(GZIP_MAGIC):
            file.seek(offset)
            leftover = file.read(READ_SIZE)
            if not leftover:
                return
        if not leftover.startswith(GZIP_MAGIC):
            span = _gzip_damage(name, file, offset, "not a gzip member (the bytes here are no WARC record)")
            yield span
            if span.to_end:
                return
            offset, leftover = offset + span.length, b""
            continue
        source = MemberSource(file, offset, leftover)
        damage = yield from _member_records(name, source)
        if damage is None and source.error:
            damage = source.error
        if damage is None:
            offset, leftover = offset + source.length, source.leftover
            continue
        if isinstance(damage, str):  # else: a record's damage, already yielded
            damage = _gzip_damage(name, file, offset, damage)
            yield damage
        if damage.to_end:
            return
        offset, leftover = offset + damage.length, b""


def _member_records(name: str, source: MemberSource) -> Generator[_Found, None, str | DamagedSpan | None]:
    """The records of one gzip member; returns what is wrong with the member (None: nothing), as
    a reason, or as the span already yielded for a damaged record."""
    cursor = Cursor(source.next_chunk, 0)
    count = 0
    while True:
        head = read_head(cursor)
        if head is None:
            return None
        if isinstance(head, HeadProblem):
            return head.reason if not source.error else f"{source.error}; {head.reason}"
        length = _member_length(source, cursor, count)
        record = ScannedRecord(name, source.offset, head.headers, cursor, length, _member_damage(source))
        record.shares_member = count > 0
        yield record
        damage = record.finish()
        if damage is not None:
            yield damage
            return damage
        count += 1


def _member_length(source: MemberSource, cursor: Cursor, count: int) -> Callable[[], int]:
    """The member's length, for its only record (0 when it holds more than one: no offset opens
    the later ones, and the first one's member is longer than the record)."""
    return lambda: source.length if count == 0 and cursor.at_end() and source.error is None else 0


def _member_damage(source: MemberSource) -> Callable[[ScannedRecord, str], DamagedSpan]:
    def locate(record: ScannedRecord, reason: str) -> DamagedSpan:
        reason = f"{source.error}; {reason}" if source.error else reason
        return _gzip_damage(record.file, source.file, source.offset, reason, record.headers)
    return locate


def _gzip_damage(name: str, file: BinaryIO, offset: int, reason: str,
                 headers: WarcHeaders | None = None) -> DamagedSpan:
    """The span from `offset` to the next gzip member that inflates whole (or to the end)."""
    headers = headers or salvage_headers(file, offset)
    candidate = offset + 1
    while (found := find_forward(file, candidate, GZIP_MAGIC)) is not None:
        if member_is_whole(file, found):
            return DamagedSpan(name, offset, found - offset, str(reason), headers=headers)
        candidate = found + 1  # the magic bytes occurred by chance inside compressed data
    end = file.seek(0, 2)
    return _tail_span(name, file, offset, end, str(reason), headers)


def salvage_headers(file: BinaryIO, offset: int) -> WarcHeaders | None:
    """The headers of the record in the damaged member at `offset`, when they inflate."""
    data = salvage(file, offset).lstrip(b"\r\n")
    end = find_header_end(data, 0)
    head = data[:end[0]] if end else data[:data.rfind(b"\n")]  # a cut block: its whole lines
    if not head.startswith(b"WARC/"):
        return None
    try:
        return WarcHeaders.parse(head)
    except ValueError:
        return None


def _tail_span(name: str, file: BinaryIO, offset: int, end: int, reason: str,
               headers: WarcHeaders | None) -> DamagedSpan:
    if _all_nul(file, offset, end):
        reason = f"{end - offset} NUL bytes at the end of the file (what a crash or a preallocating " \
                 "writer leaves)"
    return DamagedSpan(name, offset, end - offset, reason, to_end=True, headers=headers)


def _all_nul(file: BinaryIO, start: int, end: int) -> bool:
    file.seek(start)
    while start < end:
        chunk = file.read(min(READ_SIZE * 16, end - start))
        if not chunk or chunk.count(0) != len(chunk):
            return False
        start += len(chunk)
    return True


def _scan_plain(name: str, file: BinaryIO) -> Iterator[ScannedRecord | DamagedSpan]:
    position = 0
    while True:
        cursor = Cursor(PlainSource(file, position).next_chunk, position)
        resume = yield from _plain_records(name, file, cursor)
        if resume is None:
            return
        position = resume


def _plain_records(name: str, file: BinaryIO, cursor: Cursor) -> Generator[_Found, None, int | None]:
    """Records from the cursor on; returns where to resume after damage (None: the file ended)."""
    while True:
        head = read_head(cursor)
        if head is None:
            return None
        if isinstance(head, HeadProblem):
            span = _plain_damage(name, file, head.offset, head.offset + 1, head.reason, head.headers)
            yield span
            return None if span.to_end else span.offset + span.length
        record = ScannedRecord(name, head.offset, head.headers, cursor, _plain_length(cursor, head.offset),
                               _plain_locate(file, head.block_start))
        yield record
        damage = record.finish()
        if damage is not None:
            yield damage
            return None if damage.to_end else damage.offset + damage.length


def _plain_length(cursor: Cursor, start: int) -> Callable[[], int]:
    return lambda: cursor.position - start - len(_TRAILER)  # as warcio and cdxj-indexer count it


def _plain_locate(file: BinaryIO, block_start: int) -> Callable[[ScannedRecord, str], DamagedSpan]:
    def locate(record: ScannedRecord, reason: str) -> DamagedSpan:
        return _plain_damage(record.file, file, record.offset, block_start, reason, record.headers)
    return locate


def _plain_damage(name: str, file: BinaryIO, offset: int, search_from: int, reason: str,
                  headers: WarcHeaders | None) -> DamagedSpan:
    """The span from `offset` to the next `WARC/1.` starting a header block that parses
    (searched from `search_from`: a wrong Content-Length may have swallowed the next record)."""
    candidate = search_from
    while (found := find_forward(file, candidate, _RECORD_START)) is not None:
        if _starts_record(file, found):
            return DamagedSpan(name, offset, found - offset, reason, headers=headers)
        candidate = found + 1
    end = file.seek(0, 2)
    return _tail_span(name, file, offset, end, reason, headers)


def _starts_record(file: BinaryIO, offset: int) -> bool:
    # Not only after a line end: a writer restarted after a crash appends right after torn bytes.
    head = read_head(Cursor(PlainSource(file, offset).next_chunk, offset))
    return head is not None and not isinstance(head, HeadProblem)
