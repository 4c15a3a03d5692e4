"""Byte sources for `archive.warc_scan`: one gzip member inflated on demand, or a plain file.

Both hand out chunks (`next_chunk`, b"" at the end) so the scanner can stream a record's block
through its consumer without holding it whole. ISA-L (`isal`, zlib's interface) inflates in C and
checks each member's CRC-32 and length; Python only moves chunks.
"""

from __future__ import annotations

import zlib
from typing import BinaryIO

from isal import isal_zlib  # ISA-L's inflate: twice zlib's speed, same interface (design-notes)

GZIP_MAGIC = b"\x1f\x8b\x08"  # ID1, ID2 and CM=deflate: how every gzip member starts
_GZIP_WBITS = 16 + zlib.MAX_WBITS  # zlib: expect a gzip header and trailer, check them
READ_SIZE = 1 << 16
_MAX_OUT = 1 << 20  # inflate at most this much at once: a 1 GB member never sits in memory
_SALVAGE_STEP = 256  # bytes fed at a time when salvaging what precedes damage


class MemberSource:
    """The decompressed bytes of the gzip member at `offset`, chunk by chunk.

    `leftover` are file bytes from `offset` already read (what followed the previous member);
    the file is positioned just after them. After the last chunk, `error` says why the member did
    not end properly (None when it ended whole) and `length` is its compressed length.
    """

    def __init__(self, file: BinaryIO, offset: int, leftover: bytes = b"") -> None:
        self.file = file
        self.offset = offset
        self._input = leftover
        self._fed = 0  # compressed bytes handed to zlib
        self._inflater = isal_zlib.decompressobj(_GZIP_WBITS)
        self.error: str | None = None
        self.length = 0
        self.leftover = b""
        """File bytes after the member, already read (the start of the next member)."""
        self.done = False

    def next_chunk(self) -> bytes:
        """The next decompressed bytes of the member; b"" once it ended or broke."""
        while not self.done:
            data = self._inflater.unconsumed_tail
            if not data:
                data = self._input or self._read()
                self._input = b""
                if not data:
                    return self._stop(f"gzip member truncated: the file ends {self._fed} bytes into it")
                self._fed += len(data)
            try:
                out = self._inflater.decompress(data, _MAX_OUT)
            except (zlib.error, isal_zlib.error) as error:
                return self._stop(f"gzip member damaged ({_zlib_reason(error)})")
            if self._inflater.eof:
                self.leftover = self._inflater.unused_data
                self.length = self._fed - len(self.leftover)
                self.done = True
            if out:
                return out
        return b""

    def _read(self) -> bytes:
        return self.file.read(READ_SIZE)

    def _stop(self, reason: str) -> bytes:
        self.error = reason
        self.done = True
        return b""


class PlainSource:
    """The bytes of an uncompressed file from `offset` on, chunk by chunk."""

    def __init__(self, file: BinaryIO, offset: int) -> None:
        file.seek(offset)
        self.file = file
        self.error: str | None = None

    def next_chunk(self) -> bytes:
        return self.file.read(READ_SIZE)


def _zlib_reason(error: Exception) -> str:
    """'incorrect data check' from 'Error -3 while decompressing data: incorrect data check'."""
    return str(error).rpartition(": ")[2] or str(error)


def member_is_whole(file: BinaryIO, offset: int) -> bool:
    """Whether a whole, intact gzip member starts at `offset` (decompresses to its end marker)."""
    file.seek(offset)
    if file.read(len(GZIP_MAGIC)) != GZIP_MAGIC:
        return False
    file.seek(offset)
    source = MemberSource(file, offset)
    while source.next_chunk():
        pass
    return source.error is None


def find_forward(file: BinaryIO, start: int, needle: bytes) -> int | None:
    """The file offset of the first `needle` at or after `start`, reading in chunks."""
    position = start
    overlap = len(needle) - 1
    while True:
        file.seek(position)
        window = file.read(READ_SIZE * 16 + overlap)
        found = window.find(needle)
        if found != -1:
            return position + found
        if len(window) <= overlap:
            return None
        position += len(window) - overlap


def salvage(file: BinaryIO, offset: int, limit: int = READ_SIZE) -> bytes:
    """What inflates of the (damaged) member at `offset` before the damage: zlib drops a failing
    call's whole output, so feed it a little at a time."""
    file.seek(offset)
    data = file.read(limit)
    inflater = zlib.decompressobj(_GZIP_WBITS)
    parts: list[bytes] = []
    for start in range(0, len(data), _SALVAGE_STEP):
        try:
            parts.append(inflater.decompress(data[start:start + _SALVAGE_STEP]))
        except zlib.error:
            break
        if inflater.eof:
            break
    return b"".join(parts)
