"""A read position over a chunked byte source, and the WARC header block found there."""

from __future__ import annotations

from collections.abc import Callable

import attrs

from archive.warc_headers import VERSION_PREFIX, WarcHeaders, find_header_end

MAX_HEAD = 1 << 20  # a header block longer than this is not one (real ones are a few hundred bytes)
_BLANK = b"\r\n"


class Cursor:
    """Bytes from a source handed out in order; `position` counts the bytes taken (plus its start)."""

    def __init__(self, next_chunk: Callable[[], bytes], position: int) -> None:
        self._next = next_chunk
        self._buf = b""
        self._start = 0
        self._ended = False
        self.position = position

    def _fill(self) -> bool:
        if self._ended:
            return False
        chunk = self._next()
        if not chunk:
            self._ended = True
            return False
        self._buf = self._buf[self._start:] + chunk if self._start < len(self._buf) else chunk
        self._start = 0
        return True

    def take(self, size: int) -> bytes:
        """Up to `size` bytes (fewer when that is what the current chunk holds); b"" at the end."""
        if self._start >= len(self._buf) and not self._fill():
            return b""
        data = self._buf[self._start:self._start + size]
        self._start += len(data)
        self.position += len(data)
        return data

    def take_exact(self, size: int) -> bytes:
        """`size` bytes, or fewer only where the source ended."""
        parts = [self.take(size)]
        got = len(parts[0])
        while got < size and parts[-1]:
            parts.append(self.take(size - got))
            got += len(parts[-1])
        return b"".join(parts)

    def at_end(self) -> bool:
        """Whether the source has no more bytes (pulls a chunk to find out)."""
        return self._start >= len(self._buf) and not self._fill()

    def skip_blank_lines(self) -> None:
        """Past CR and LF bytes (some writers leave extra line ends between records)."""
        while not self.at_end():
            rest = self._buf[self._start:self._start + 64].lstrip(_BLANK)
            skipped = min(64, len(self._buf) - self._start) - len(rest)
            self._start += skipped
            self.position += skipped
            if rest:
                return

    def find_head(self) -> tuple[bytes, bool]:
        """The bytes up to and including the first blank line (the header block), and whether one
        was found (False: the source ended, or MAX_HEAD bytes went by, first)."""
        while True:
            found = find_header_end(self._buf, self._start)
            if found is not None:
                head = self._buf[self._start:found[0]]
                self.position += found[1] - self._start
                self._start = found[1]
                return head, True
            if len(self._buf) - self._start > MAX_HEAD or not self._fill():
                return self._buf[self._start:self._start + 200], False

    def peek(self, size: int) -> bytes:
        """The next `size` bytes without taking them (fewer at the end)."""
        while len(self._buf) - self._start < size and self._fill():
            pass
        return self._buf[self._start:self._start + size]


@attrs.define(frozen=True)
class Head:
    """A parsed header block: where its record starts and where its block starts."""

    headers: WarcHeaders
    offset: int
    block_start: int


@attrs.define(frozen=True)
class HeadProblem:
    """No usable header block at `offset`, and why."""

    offset: int
    reason: str
    headers: WarcHeaders | None = None


def read_head(cursor: Cursor) -> Head | HeadProblem | None:
    """The header block at the cursor (after any blank lines); None at the end of the source."""
    cursor.skip_blank_lines()
    if cursor.at_end():
        return None
    offset = cursor.position
    if not cursor.peek(len(VERSION_PREFIX)) == VERSION_PREFIX:
        start = cursor.peek(16)
        if start.count(0) == len(start):
            return HeadProblem(offset, "NUL bytes where a record should start")
        return HeadProblem(offset, f"not a WARC record here (the bytes start {start!r})")
    block, found = cursor.find_head()
    if not found:
        return HeadProblem(offset, "a record's header block is cut short (no blank line ends it)")
    try:
        headers = WarcHeaders.parse(block)
    except ValueError as error:
        return HeadProblem(offset, str(error))
    if headers.content_length is None:
        return HeadProblem(offset, f"{describe(headers)}: no usable Content-Length header "
                           f"({headers.get('Content-Length')!r}): the record's end cannot be found", headers)
    return Head(headers, offset, cursor.position)


def describe(headers: WarcHeaders) -> str:
    """'response record <urn:uuid:...> http://a/', leaving out what the record does not say."""
    parts = [f"{headers.record_type} record" if headers.record_type else "record"]
    parts += [value for value in (headers.record_id, headers.target_uri) if value]
    return " ".join(parts)
