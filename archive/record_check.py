"""Check one WARC record: parse it with warcio, read its block, compare its digests and length.

Digests are computed by warcio's digest-verifying reader (the code behind `warcio check`), which
hashes the block and the HTTP payload as they are read; this module adds what it leaves out: a block
shorter than its Content-Length, a missing trailer, missing digest headers.
"""

from __future__ import annotations

import io
from typing import BinaryIO

import attrs
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord, ArcWarcRecordLoader
from warcio.statusandheaders import StatusAndHeadersParserException

_TRAILER = b"\r\n\r\n"  # every WARC record block is followed by two CRLFs
RECORD_ERRORS = (ArchiveLoadFailed, StatusAndHeadersParserException, EOFError, ValueError,
                 # warcio's loader on a damaged header block: a record without WARC-Target-URI
                 # (AttributeError), a digest header without an algorithm name (TypeError)
                 AttributeError, TypeError)
"""What warcio raises for bytes that are not a WARC record (binascii.Error, for a digest header
that is not base32/16/64, is a ValueError)."""


@attrs.define(frozen=True)
class RecordFacts:
    """What other checks need to know about one record."""

    offset: int
    rec_type: str
    record_id: str
    target_uri: str
    warc_date: str
    payload_digest: str | None
    concurrent_to: tuple[str, ...] = ()


def read_record_facts(stream: BinaryIO) -> tuple[RecordFacts | None, list[str]]:
    """Facts about the next record of an uncompressed stream, and what is wrong with it.

    Leaves the stream after the record's trailer.
    """
    return check_record(ArcWarcRecordLoader(verify_http=False), stream, stream.tell())


def check_record(
    loader: ArcWarcRecordLoader, stream: BinaryIO, offset: int
) -> tuple[RecordFacts | None, list[str]]:
    """Parse and read one record from `stream`, leaving it just after the record's trailer.

    Returns its facts (None when it cannot be parsed) and what is wrong with it, as sentences.
    """
    try:
        record = loader.parse_record_stream(stream, check_digests=True)
    except RECORD_ERRORS as error:
        return None, [f"not a WARC record here ({error or type(error).__name__})"]
    unreadable = []
    try:
        while record.raw_stream.read(io.DEFAULT_BUFFER_SIZE):
            pass  # the digests are computed as the block is read
    except ValueError as error:  # compared at the block's end: the stream is past the block
        unreadable = [f"a digest header cannot be read ({error}): the record's bytes cannot be checked"]
    problems = _length_problems(record) + _digest_problems(record) + unreadable
    trailer = stream.read(len(_TRAILER))
    if trailer != _TRAILER and not problems:
        problems.append(
            f"the block does not end where Content-Length {record.length} says "
            f"(found {trailer!r} instead of the record trailer)"
        )
    return _facts(record, offset), problems


def _length_problems(record: ArcWarcRecord) -> list[str]:
    if record.length is None:
        return ["no Content-Length header: the record's end cannot be found"]
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        return [f"record block truncated: {missing} of its {record.length} bytes (Content-Length) missing"]
    return []


def _digest_problems(record: ArcWarcRecord) -> list[str]:
    headers = record.rec_headers
    problems: list[str] = []
    if record.length and not headers.get_header("WARC-Block-Digest"):
        problems.append("no WARC-Block-Digest header: nothing to check the record's bytes against")
    if record.rec_type == "response" and not headers.get_header("WARC-Payload-Digest"):
        problems.append("no WARC-Payload-Digest header: nothing to check the HTTP body against")
    for text in record.digest_checker.problems:
        if text.startswith("block digest failed"):
            problems.append(
                f"block digest mismatch: the record's bytes no longer match WARC-Block-Digest "
                f"{headers.get_header('WARC-Block-Digest')}"
            )
        elif text.startswith("payload digest failed"):
            problems.append(
                f"payload digest mismatch: the HTTP body no longer matches WARC-Payload-Digest "
                f"{headers.get_header('WARC-Payload-Digest')}"
            )
        else:
            problems.append(text)
    return problems


def _facts(record: ArcWarcRecord, offset: int) -> RecordFacts:
    headers = record.rec_headers
    return RecordFacts(
        offset=offset,
        rec_type=record.rec_type or "",
        record_id=headers.get_header("WARC-Record-ID") or "",
        target_uri=headers.get_header("WARC-Target-URI") or "",
        warc_date=headers.get_header("WARC-Date") or "",
        payload_digest=headers.get_header("WARC-Payload-Digest"),
        concurrent_to=tuple(value for name, value in headers.headers if name == "WARC-Concurrent-To"),
    )
