"""Walk the gzip members of a `.warc.gz` file one by one, naming damaged and truncated ones.

warcio's `ArchiveIterator` is lenient on purpose (a replay tool should show what it can): it stops
quietly at a truncated last member and cannot go on after a damaged one. Verification wants the
opposite, so this walks the members itself with ISA-L's inflate (zlib's interface), which checks
each member's CRC-32 and length trailer, and after damage resynchronizes at the next member that
decompresses whole.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from typing import BinaryIO, cast

import attrs
from isal import isal_zlib  # ISA-L's inflate: zlib's interface at twice its speed (design-notes)

GZIP_MAGIC = b"\x1f\x8b\x08"  # ID1, ID2 and CM=deflate: how every gzip member starts
_GZIP_WBITS = 16 + zlib.MAX_WBITS  # zlib: expect a gzip header and trailer, check them
_CHUNK = 1 << 16
_INFLATE_ERRORS: tuple[type[Exception], ...] = (zlib.error, cast(type[Exception], isal_zlib.error))
_SALVAGE_STEP = 256  # bytes fed at a time when salvaging what precedes damage


@attrs.define(frozen=True)
class Member:
    """One whole gzip member: where it starts, its compressed length, its decompressed bytes."""

    offset: int
    length: int
    data: bytes


@attrs.define(frozen=True)
class Damage:
    """Bytes that are not a whole gzip member: `length` bytes from `offset`, and why."""

    offset: int
    length: int
    reason: str
    to_end: bool = False
    """The damage runs to the end of the file (a truncated last member, typically)."""
    partial: bytes = b""
    """What decompressed before the damage: often enough to name the record that was lost."""


class UnreadableMember(Exception):
    """Raised by `read_member` when no whole gzip member starts at the offset; `reason` says why.

    `iter_members` turns it into a `Damage`; the provenance check reports it for one JSONL record.
    """

    def __init__(self, reason: str, partial: bytes = b"") -> None:
        super().__init__(reason)
        self.reason = reason
        self.partial = partial


def iter_members(stream: BinaryIO, start: int = 0) -> Iterator[Member | Damage]:
    """Every member of a seekable gzip stream in order from `start` (a member's offset), with a
    `Damage` for each unreadable stretch.

    Holds one member's decompressed bytes at a time (one WARC record, as the WARC writer makes them).
    """
    offset, size = start, stream.seek(0, 2)
    while offset < size:
        try:
            member = read_member(stream, offset)
        except UnreadableMember as error:
            following = next_whole_member(stream, offset + 1)
            if following is None:
                stream.seek(0, 2)
                yield Damage(offset, stream.tell() - offset, error.reason, True, error.partial)
                return
            yield Damage(offset, following.offset - offset, error.reason, False, error.partial)
            member = following
        yield member
        offset = member.offset + member.length


def read_member(stream: BinaryIO, offset: int) -> Member:
    """The gzip member starting at `offset`.

    Raises UnreadableMember when the bytes there are not one whole, intact member.
    """
    stream.seek(offset)
    chunk = stream.read(_CHUNK)
    if not chunk.startswith(GZIP_MAGIC):
        raise UnreadableMember("no gzip member starts here")
    decompressor = isal_zlib.decompressobj(_GZIP_WBITS)
    parts: list[bytes] = []
    consumed = 0
    while not decompressor.eof:
        if consumed:  # the first chunk was read above, with the magic bytes
            chunk = stream.read(_CHUNK)
        if not chunk:
            reason = f"gzip member truncated: the file ends {consumed} bytes into it"
            raise UnreadableMember(reason, b"".join(parts))
        try:
            parts.append(decompressor.decompress(chunk))
        except _INFLATE_ERRORS as error:
            reason = f"gzip member damaged ({_zlib_reason(error)})"
            raise UnreadableMember(reason, _salvage(stream, offset, consumed + len(chunk))) from None
        consumed += len(chunk)
    length = consumed - len(decompressor.unused_data)
    return Member(offset, length, b"".join(parts))


def _salvage(stream: BinaryIO, offset: int, size: int) -> bytes:
    """What decompresses of `size` bytes from `offset` before the damage (zlib drops a failing
    call's whole output, so feed it little at a time)."""
    stream.seek(offset)
    data = stream.read(size)
    decompressor = zlib.decompressobj(_GZIP_WBITS)
    parts: list[bytes] = []
    for start in range(0, len(data), _SALVAGE_STEP):
        try:
            parts.append(decompressor.decompress(data[start:start + _SALVAGE_STEP]))
        except zlib.error:
            break
    return b"".join(parts)


def next_whole_member(stream: BinaryIO, start: int) -> Member | None:
    """The first member after `start` that decompresses whole (a damaged member has no end marker)."""
    for candidate in _magic_positions(stream, start):
        try:
            return read_member(stream, candidate)
        except UnreadableMember:
            continue  # the magic bytes occurred by chance inside compressed data
    return None


def _magic_positions(stream: BinaryIO, start: int) -> Iterator[int]:
    position = start
    while True:
        stream.seek(position)
        window = stream.read(_CHUNK + len(GZIP_MAGIC) - 1)
        if len(window) < len(GZIP_MAGIC):
            return
        found = window.find(GZIP_MAGIC)
        while found != -1:
            yield position + found
            found = window.find(GZIP_MAGIC, found + 1)
        position += _CHUNK


def _zlib_reason(error: Exception) -> str:
    """'incorrect checksum found' from ISA-L's 'Error -6 Incorrect checksum found' (or zlib's
    'Error -3 while decompressing data: incorrect data check')."""
    text = str(error).rpartition(": ")[2] or str(error)
    return re.sub(r"^Error -?\d+ ", "", text).lower()
