"""A WARC record's header block, parsed tolerantly: names case-insensitive, WARC/1.0 and 1.1,
continuation lines, `<uri>` targets (WARC/1.0's bracketed form, as some tools write it)."""

from __future__ import annotations

import attrs

VERSION_PREFIX = b"WARC/"


@attrs.define(frozen=True)
class WarcHeaders:
    """The version line and the `name: value` fields of one record, in order."""

    version: str
    fields: tuple[tuple[str, str], ...]
    _by_name: dict[str, list[str]] = attrs.field(eq=False, repr=False)

    @classmethod
    def parse(cls, block: bytes) -> WarcHeaders:
        """Parse a header block (version line to the last field, without the blank line).

        Raises ValueError when the first line is not `WARC/<version>`.
        """
        lines = block.splitlines()  # bytes: only CR, LF and CRLF end a line
        version = lines[0].strip().decode("utf-8", "replace") if lines else ""
        if not version.startswith("WARC/"):
            raise ValueError(f"not a WARC record here (starts {version[:20]!r})")
        fields: list[tuple[str, str]] = []
        for line in map(_text, lines[1:]):
            if line[:1] in (" ", "\t") and fields:  # a folded line continues the previous field
                name, value = fields[-1]
                fields[-1] = (name, f"{value} {line.strip()}")
            elif ":" in line:
                name, _, value = line.partition(":")
                fields.append((name.strip(), value.strip()))
        by_name: dict[str, list[str]] = {}
        for name, value in fields:
            by_name.setdefault(name.lower(), []).append(value)
        return cls(version, tuple(fields), by_name)

    def get(self, name: str) -> str | None:
        """The first value of a field (any case of its name), None when absent."""
        values = self._by_name.get(name.lower())
        return values[0] if values else None

    def get_all(self, name: str) -> list[str]:
        """Every value of a field that may repeat (WARC-Concurrent-To)."""
        return list(self._by_name.get(name.lower(), ()))

    @property
    def record_type(self) -> str:
        return (self.get("WARC-Type") or "").lower()

    @property
    def record_id(self) -> str:
        return self.get("WARC-Record-ID") or ""

    @property
    def target_uri(self) -> str:
        return unbracket(self.get("WARC-Target-URI") or "")

    @property
    def content_length(self) -> int | None:
        """Content-Length as a byte count; None when absent or not a non-negative integer."""
        value = self.get("Content-Length")
        if value is None or not value.isdigit():
            return None
        return int(value)


def _text(line: bytes) -> str:
    return line.decode("utf-8", "replace")


def unbracket(uri: str) -> str:
    """`http://a/` from `<http://a/>` (WARC/1.0's grammar put URIs in angle brackets).

    >>> unbracket("<http://example.org/>")
    'http://example.org/'
    """
    return uri[1:-1] if uri.startswith("<") and uri.endswith(">") else uri


def find_header_end(data: bytes, start: int) -> tuple[int, int] | None:
    """(end of the header block, start of the block) after `start`: the first blank line."""
    crlf = data.find(b"\r\n\r\n", start)
    lf = data.find(b"\n\n", start, crlf + 1 if crlf != -1 else len(data))  # a bare-LF writer
    if lf != -1 and (crlf == -1 or lf < crlf):
        return lf, lf + 2
    if crlf != -1:
        return crlf, crlf + 4
    return None
