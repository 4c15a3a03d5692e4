"""One WARC record parsed from bytes, tolerant where the spec and real tools are, strict on damage.

Tolerant: header names in any case (warcio's lookups ignore case), WARC/0.17 to 1.1, `<uri>`
targets, digests in any algorithm and encoding (`archive.digests`), a payload digest taken over the
body with or without its chunked transfer encoding (tools differ), revisits with or without HTTP
headers. Strict: a block shorter than its Content-Length, a digest that does not match, an
impossible WARC-Date, a missing mandatory header are each a `Problem`, never passed over.
"""

from __future__ import annotations

import io
import mmap
import re
from datetime import datetime

import attrs
from warcio.statusandheaders import StatusAndHeaders, StatusAndHeadersParser, StatusAndHeadersParserException

from archive.digests import digest_matches
from archive.http_body import dechunk, decoded_body

WARC_VERSIONS = ["WARC/1.1", "WARC/1.0", "WARC/0.18", "WARC/0.17"]
HEAD_END = b"\r\n\r\n"
MAX_HEADER = 1 << 20  # a WARC header block longer than this is not one
_FIRST_WINDOW = 1 << 14  # most header blocks end well within this: copy no more of the file
WITH_TARGET = ("response", "request", "revisit", "resource", "metadata", "conversion", "continuation")
_BLANK_LINE = re.compile(rb"\n\r*\n")  # the header block's end: CRLF CRLF, or LF LF from lax writers
_DATE = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d)(?:\.\d{1,9})?)?Z)?)?)?$")


@attrs.frozen
class Problem:
    """Something wrong with a record: a `kind` (the corpus manifest's vocabulary) and a sentence."""

    kind: str
    message: str


@attrs.frozen
class WarcRecord:
    """A parsed record: its WARC headers, its block, and for HTTP records the parsed message."""

    headers: StatusAndHeaders
    header_length: int
    """Bytes of the WARC header block, its blank line included: the block starts there."""
    block: bytes
    """The block as found (shorter than Content-Length when the record is cut short)."""
    content_length: int
    http: StatusAndHeaders | None
    payload: bytes
    """The HTTP payload as archived (transfer and content encodings kept); the block for others."""
    problems: tuple[Problem, ...]
    fields: dict[str, str] = attrs.field(factory=dict, eq=False, repr=False)
    """The WARC headers by lower-case name (the first of a repeated one), for quick lookups."""

    @property
    def rec_type(self) -> str:
        return self.header("WARC-Type").lower()

    def header(self, name: str) -> str:
        """A WARC header's value, '' when absent (names in any case)."""
        return self.fields.get(name.lower(), "")

    @property
    def target_uri(self) -> str:
        """WARC-Target-URI without the `<...>` WARC/1.0 drafts (and wget) put around it."""
        uri = self.header("WARC-Target-URI")
        return uri[1:-1] if uri.startswith("<") and uri.endswith(">") else uri

    @property
    def cut_short(self) -> int:
        """Bytes of the block missing (0 when whole)."""
        return self.content_length - len(self.block)

    def body(self) -> tuple[bytes, str | None]:
        """The HTTP body as a browser sees it (transfer and content encodings undone) and, when it is
        not all there, why (None when whole)."""
        reasons = []
        if self.header("WARC-Truncated"):
            reasons.append(f"the crawler truncated it (WARC-Truncated: {self.header('WARC-Truncated')})")
        if self.cut_short:
            reasons.append(f"the WARC record is cut short ({self.cut_short} of its {self.content_length} "
                           "bytes missing)")
        body, why = decoded_body(self.payload, self.http) if self.http is not None else (self.payload, None)
        if why and not reasons:
            reasons.append(why)
        return body, "; ".join(reasons) or None


def parse_record(buffer: bytes | mmap.mmap, start: int) -> tuple[WarcRecord, int] | None:
    """The record whose header starts at `start` in `buffer` and the position after its block (and
    trailer, when there); None when no WARC header block starts there."""
    window = bytes(buffer[start: start + _FIRST_WINDOW])
    blank = _BLANK_LINE.search(window)
    if blank is None and len(window) == _FIRST_WINDOW:  # a long header block: look further
        window = bytes(buffer[start: start + MAX_HEADER])
        blank = _BLANK_LINE.search(window)
    if not window.startswith(b"WARC/") or blank is None:
        return None
    try:
        headers = StatusAndHeadersParser(WARC_VERSIONS, verify=False).parse(io.BytesIO(window[: blank.end()]))
    except (StatusAndHeadersParserException, ValueError, EOFError):
        return None
    problems: list[Problem] = []
    length = _content_length(headers, problems)
    block_start = start + blank.end()
    block = bytes(buffer[block_start: block_start + length])
    end = block_start + len(block)
    if bytes(buffer[end: end + len(HEAD_END)]) == HEAD_END:
        end += len(HEAD_END)
    record = _build(headers, blank.end(), block, length, problems)
    return record, end


def _content_length(headers: StatusAndHeaders, problems: list[Problem]) -> int:
    value = (headers.get_header("Content-Length") or "").strip()
    if value.isdigit():
        return int(value)
    problems.append(Problem("no-content-length", f"no readable Content-Length ({value!r}): the record's "
                            "end cannot be known"))
    return 0


def _build(headers: StatusAndHeaders, header_length: int, block: bytes, length: int,
           problems: list[Problem]) -> WarcRecord:
    rec_type = (headers.get_header("WARC-Type") or "").strip().lower()
    http, payload = _http_part(headers, rec_type, block)
    fields: dict[str, str] = {}
    for name, value in headers.headers:
        fields.setdefault(name.lower(), value.strip())
    record = WarcRecord(headers, header_length, block, length, http, payload, (), fields)
    problems.extend(_header_problems(record))
    if record.cut_short:
        problems.append(Problem("record-cut-short", f"the record is cut short: {record.cut_short} of the "
                                f"{length} bytes its Content-Length says are missing"))
    else:
        problems.extend(_digest_problems(record))
    return attrs.evolve(record, problems=tuple(problems))


def _http_part(headers: StatusAndHeaders, rec_type: str,
               block: bytes) -> tuple[StatusAndHeaders | None, bytes]:
    content_type = (headers.get_header("Content-Type") or "").lower()
    is_http = content_type.startswith("application/http") or (
        rec_type in ("response", "revisit") and block.startswith(b"HTTP/"))
    if not is_http or rec_type not in ("response", "revisit", "request") or not block:
        return None, block
    stream = io.BytesIO(block)
    try:
        http = StatusAndHeadersParser([], verify=False).parse(stream)
    except (StatusAndHeadersParserException, ValueError, EOFError):
        return None, block
    return http, block[stream.tell():]


def _header_problems(record: WarcRecord) -> list[Problem]:
    problems = []
    required = ["WARC-Record-ID", "WARC-Type", "WARC-Date"]
    if record.rec_type in WITH_TARGET and record.rec_type not in ("metadata", "conversion"):
        required.append("WARC-Target-URI")
    for name in required:
        if not record.header(name):
            problems.append(Problem("missing-header", f"no {name} header"))
    date = record.header("WARC-Date")
    if date and not valid_warc_date(date):
        problems.append(Problem("bad-warc-date", f"WARC-Date {date!r} is not a date"))
    if record.rec_type == "response" and record.http is not None and not _status_ok(record.http):
        problems.append(Problem("bad-http", f"no HTTP status line ({record.http.protocol} "
                                f"{record.http.statusline!r})"))
    return problems


def _status_ok(http: StatusAndHeaders) -> bool:
    code = http.get_statuscode() or ""
    return code.isdigit() and 100 <= int(code) <= 599


def valid_warc_date(value: str) -> bool:
    """W3C-DTF as WARC uses it (UTC, 'Z'), to the second or finer, or coarser as WARC/1.1 allows.

    >>> valid_warc_date("2024-02-29T23:59:59Z"), valid_warc_date("2024-13-45T25:61:61Z")
    (True, False)
    """
    match = _DATE.match(value)
    if not match:
        return False
    year, month, day, hour, minute, second = (int(part) if part else None for part in match.groups())
    try:
        datetime(year or 1, month or 1, day or 1, hour or 0, minute or 0, second or 0)
    except ValueError:
        return False
    return True


def _digest_problems(record: WarcRecord) -> list[Problem]:
    problems = []
    block_digest = record.header("WARC-Block-Digest")
    if record.rec_type == "revisit" and digest_matches(block_digest, [b""]):
        block_digest = ""  # wget's revisits say the digest of an empty block: a habit, not damage
    if digest_matches(block_digest, [record.block]) is False:
        problems.append(Problem("block-digest-mismatch", f"the block no longer matches WARC-Block-Digest "
                                f"{record.header('WARC-Block-Digest')}"))
    if record.rec_type in ("response", "resource", "request"):
        variants = [record.payload]
        coding = (record.http.get_header("Transfer-Encoding") or "") if record.http is not None else ""
        if "chunked" in coding.lower():
            variants.append(dechunk(record.payload)[0])  # the spec's entity body (warcprox digests this)
        if digest_matches(record.header("WARC-Payload-Digest"), variants) is False:
            problems.append(Problem("payload-digest-mismatch", f"the payload no longer matches "
                                    f"WARC-Payload-Digest {record.header('WARC-Payload-Digest')}"))
    return problems
