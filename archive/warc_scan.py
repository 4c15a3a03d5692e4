"""Walk every readable record of a WARC file, going on after damage, and name each damaged span.

A `.warc.gz` is walked member by member (`archive.gzip_members`: zlib checks each member, and after a
damaged or torn one the walk resumes at the next member that decompresses whole). An uncompressed
WARC is walked record by record by Content-Length; where the record trailer is not where that says
(a record cut short, a wrong length, NUL bytes), the walk resumes at the next line that starts a
parseable WARC record. Each stretch that is not a whole record is one `Damage`.
"""

from __future__ import annotations

import mmap
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import attrs

from archive.gzip_members import GZIP_MAGIC, Member, iter_members
from archive.gzip_members import Damage as MemberDamage
from archive.warc_record import WarcRecord, parse_record

_RECORD_START = re.compile(rb"WARC/\d\.\d+\r*\n")  # not only at a line start: after a cut, anywhere


@attrs.frozen
class Damage:
    """`length` bytes from `offset` of `file` that hold no whole, intact record; `kind` says what
    (the corpus manifest's vocabulary), `message` says it in a sentence."""

    file: str
    offset: int
    length: int
    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: offset {self.offset} ({self.length} bytes): {self.message}"


@attrs.frozen
class Found:
    """A record and where it is: its gzip member (`.warc.gz`) or its bytes (`.warc`)."""

    file: str
    offset: int
    length: int
    record: WarcRecord
    seekable: bool = True
    """False for the second and later records of one gzip member: no offset opens them alone."""


def scan(path: Path, start: int = 0) -> Iterator[Found | Damage]:
    """Every record of the WARC at `path` in file order, and a `Damage` for each unreadable stretch.
    Damage inside a record that parses (digests, cut short, bad date) is in `Found.record.problems`.

    `start` (a `.warc.gz` only) begins the walk at that gzip member: a record-aligned part of a big
    file (`pipelines.replay_tasks`)."""
    with open(path, "rb") as stream:
        if stream.read(len(GZIP_MAGIC)) == GZIP_MAGIC:
            stream.seek(0)
            yield from _scan_gzip(str(path), stream, start)
        elif start:
            raise ValueError(f"{path}: only a .warc.gz is read from an offset")
        elif stream.seek(0, 2):
            with mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as data:
                yield from _scan_plain(str(path), data)


def _scan_gzip(file: str, stream: BinaryIO, start: int = 0) -> Iterator[Found | Damage]:
    for member in iter_members(stream, start):
        if isinstance(member, MemberDamage):
            nul = member.reason.startswith("no gzip member") and _all_nul(stream, member.offset,
                                                                          member.length)
            yield _nul_padding(file, member.offset, member.length) if nul else _member_damage(file, member)
        else:
            yield from _member_records(file, member)


def _all_nul(stream: BinaryIO, offset: int, length: int) -> bool:
    stream.seek(offset)
    while length > 0:
        chunk = stream.read(min(length, 1 << 16))
        if not chunk or chunk.strip(b"\0"):
            return False
        length -= len(chunk)
    return True


def _member_records(file: str, member: Member) -> Iterator[Found | Damage]:
    position = 0
    first = True
    while position < len(member.data):
        parsed = parse_record(member.data, position)
        if parsed is None:
            rest = member.data[position:]
            if not rest.strip(b"\r\n\0"):
                return  # a stray line end after the trailer: tolerated, as warcio does
            yield Damage(file, member.offset, member.length, "not-a-record",
                         f"{len(rest)} bytes in this gzip member are not a WARC record ({rest[:16]!r}...)")
            return
        record, position = parsed
        yield Found(file, member.offset, member.length, record, seekable=first)
        first = False


def _member_damage(file: str, damage: MemberDamage) -> Damage:
    if damage.reason.startswith("no gzip member"):
        kind, what = "not-gzip", "bytes that are not a gzip member"
    elif "truncated" in damage.reason:
        kind, what = "gzip-member-truncated", damage.reason
    else:
        kind, what = "gzip-member-damaged", damage.reason
    lost = _lost_record(damage.partial)
    return Damage(file, damage.offset, damage.length, kind, f"{what}{lost}")


def _lost_record(partial: bytes) -> str:
    """'; the response record <id> of URL is lost' when the headers decompressed before the damage."""
    parsed = parse_record(partial + b"\r\n\r\n", 0) if partial.startswith(b"WARC/") else None
    if parsed is None:
        return ""
    record = parsed[0]
    return f"; the {record.rec_type or 'unknown'} record {record.header('WARC-Record-ID')} " \
           f"{record.target_uri} in it is lost".replace("  ", " ")


def _scan_plain(file: str, data: mmap.mmap) -> Iterator[Found | Damage]:
    position, size = 0, len(data)
    while position < size:
        parsed = parse_record(data, position)
        if parsed is None:
            following = _next_record(data, position + 1)
            yield _junk(file, data, position, following)
            position = following
            continue
        record, end = parsed
        after = _skip_line_ends(data, end)  # extra line ends between records: tolerated, as warcio does
        if record.cut_short or after == size or data[after: after + 5] == b"WARC/":
            yield Found(file, position, after - position, record)
            position = after
            continue
        following = _next_record(data, position + 1)
        if following < end:  # the next record starts inside this one's claimed block: it was cut short
            cut = _reparse_cut(data, position, following) or record
            yield Found(file, position, following - position, cut)
        else:
            yield Found(file, position, end - position, record)
            yield _junk(file, data, end, following)
        position = following


def _skip_line_ends(data: mmap.mmap, position: int) -> int:
    while data[position: position + 1] in (b"\r", b"\n"):
        position += 1
    return position


def _next_record(data: mmap.mmap, start: int) -> int:
    """Where the next parseable WARC record after `start` begins (the file's size when none does)."""
    for match in _RECORD_START.finditer(data, start):  # type: ignore[call-overload]
        candidate = match.start()
        parsed = parse_record(data, candidate)
        if parsed is not None and parsed[0].header("WARC-Record-ID"):
            return candidate
    return len(data)


def _reparse_cut(data: mmap.mmap, start: int, end: int) -> WarcRecord | None:
    """The record at `start` with its block ending at `end` (trailing line ends dropped)."""
    parsed = parse_record(data[start:end].rstrip(b"\r\n") if end < len(data) else data[start:end], 0)
    return parsed[0] if parsed else None


def _junk(file: str, data: mmap.mmap, start: int, end: int) -> Damage:
    stretch = data[start:end]
    if not stretch.strip(b"\0"):
        return _nul_padding(file, start, end - start)
    if start and end < len(data):
        return Damage(file, start, end - start, "content-length-off",
                      f"{end - start} bytes between two records that are not a record ({stretch[:16]!r}...): "
                      "the Content-Length before them is wrong, or they were damaged")
    return Damage(file, start, end - start, "not-a-record",
                  f"{end - start} bytes that are not a WARC record ({stretch[:16]!r}...)")


def _nul_padding(file: str, offset: int, length: int) -> Damage:
    return Damage(file, offset, length, "nul-padding",
                  f"{length} NUL bytes where a record should start (what a crash leaves)")
