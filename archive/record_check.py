"""What verify says about one scanned record: its problems, whether any digest could be compared,
and the facts the checks across records need (ids, Concurrent-To, for the request/response pairs).

The record was parsed and its digests compared by `archive.warc_record` (every algorithm and
encoding tools write, payload digests over the body with or without chunking, revisit blocks too).
This module adds the verdict: a record whose digests are absent or unreadable is *not checkable*,
counted apart from damage; it is not a problem (both digests are optional in WARC 1.1).
"""

from __future__ import annotations

from typing import BinaryIO

import attrs
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecordLoader
from warcio.statusandheaders import StatusAndHeadersParserException

from archive.digests import digest_matches, parse_digest
from archive.warc_record import WarcRecord
from archive.warc_scan import Found

RECORD_ERRORS = (ArchiveLoadFailed, StatusAndHeadersParserException, EOFError, ValueError,
                 # warcio's loader on a damaged header block: a record without WARC-Target-URI
                 # (AttributeError), a digest header without an algorithm name (TypeError)
                 AttributeError, TypeError)
"""What warcio raises for bytes that are not a WARC record (binascii.Error, for a digest header
that is not base32/16/64, is a ValueError)."""

PAYLOAD_CHECKED = ("response", "resource", "request")
"""Record types whose WARC-Payload-Digest is that of their own payload (a revisit's names the
payload of the capture it revisits, so its own bytes cannot be checked against it)."""


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


def facts(found: Found) -> RecordFacts:
    """The facts of a scanned record (header names in any case)."""
    record = found.record
    return RecordFacts(
        offset=found.offset,
        rec_type=record.rec_type,
        record_id=record.header("WARC-Record-ID"),
        target_uri=record.target_uri,
        warc_date=record.header("WARC-Date"),
        payload_digest=record.header("WARC-Payload-Digest") or None,
        concurrent_to=tuple(value.strip() for name, value in record.headers.headers
                            if name.strip().lower() == "warc-concurrent-to" and value.strip()),
    )


def describe(record: WarcRecord) -> str:
    """'response record <urn:uuid:...> http://a/', leaving out what the record does not say."""
    parts = (f"{record.rec_type} record" if record.rec_type else "record", record.header("WARC-Record-ID"),
             record.target_uri)
    return " ".join(part for part in parts if part)


def unchecked_reason(record: WarcRecord) -> str | None:
    """Why none of the record's bytes could be compared with a digest, None when some were."""
    block = record.header("WARC-Block-Digest")
    payload = record.header("WARC-Payload-Digest") if record.rec_type in PAYLOAD_CHECKED else ""
    if record.rec_type == "revisit" and digest_matches(block, [b""]):
        block = ""  # wget's revisits name an empty block's digest: archive.warc_record skips it too
    if parse_digest(block) or parse_digest(payload):
        return None
    if block or payload:
        return "a digest header names an algorithm or encoding that cannot be read"
    if record.rec_type == "revisit" and record.header("WARC-Payload-Digest"):
        return "revisit without WARC-Block-Digest (its payload digest is the revisited capture's)"
    return "no WARC-Block-Digest or WARC-Payload-Digest"


def read_record_facts(stream: BinaryIO) -> tuple[RecordFacts | None, list[str]]:
    """Facts about the next record of an uncompressed stream (warcio parses it), or why not.

    Leaves the stream after the record's trailer; the provenance check uses it to open one record.
    """
    offset = stream.tell()
    try:
        record = ArcWarcRecordLoader(verify_http=False).parse_record_stream(stream)
        while record.raw_stream.read(1 << 16):
            pass
    except RECORD_ERRORS as error:
        return None, [f"not a WARC record here ({error or type(error).__name__})"]
    stream.read(4)  # the record trailer
    headers = record.rec_headers
    uri = headers.get_header("WARC-Target-URI") or ""
    return RecordFacts(
        offset=offset,
        rec_type=record.rec_type or "",
        record_id=headers.get_header("WARC-Record-ID") or "",
        target_uri=uri[1:-1] if uri.startswith("<") and uri.endswith(">") else uri,
        warc_date=headers.get_header("WARC-Date") or "",
        payload_digest=headers.get_header("WARC-Payload-Digest"),
    ), []
