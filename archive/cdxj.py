"""CDXJ lines of one WARC file, as `cdxj-indexer` writes them, from the tolerant reader: the index
goes on after damage (`archive.warc_scan`) instead of stopping at the first unreadable byte.

Same records (response, revisit, resource, metadata; no `application/warc-fields` ones), same key
(SURT), timestamp and fields (url, mime, status, digest, length, offset, filename) plus
`warc-record-id`, so pywb and ReplayWeb.page read the index as they read cdxj-indexer's. A record
that is damaged (digests, cut short, impossible date) is left out and reported; so is one that shares
its gzip member with the record before it (no offset opens it alone).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

import surt
from warcio.timeutils import iso_date_to_timestamp

from archive.warc_record import WarcRecord
from archive.warc_scan import Damage, Found, scan

INDEXED = ("response", "revisit", "resource", "metadata")
RECORD_ID_FIELD = "warc-record-id"  # the WARC header, added to cdxj-indexer's default fields
_MIME_END = re.compile(r"[;\s]")


def cdxj_lines(path: Path, filename: str) -> Iterator[str | Damage | Found]:
    """The index line of each indexable record of `path` (`filename`: its name in the index), a
    `Damage` for each damaged span or record, and the `Found` of each record left out because no
    offset opens it (callers count those)."""
    for item in scan(path):
        if isinstance(item, Damage):
            yield item
            continue
        record = item.record
        yield from (Damage(item.file, item.offset, item.length, problem.kind,
                           f"{record.rec_type} record {record.header('WARC-Record-ID')}: {problem.message}")
                    for problem in record.problems)
        if record.problems or not _indexable(record):
            continue
        if not item.seekable:
            yield item
            continue
        yield _line(item, filename)


def _indexable(record: WarcRecord) -> bool:
    if record.rec_type not in INDEXED:
        return False
    return not (record.rec_type in ("resource", "metadata")
                and record.header("Content-Type") == "application/warc-fields")


def _line(item: Found, filename: str) -> str:
    record = item.record
    fields: dict[str, str] = {"url": record.target_uri}
    mime = _mime(record)
    if mime is not None:
        fields["mime"] = mime
    if record.rec_type in ("response", "revisit") and record.http is not None:
        fields["status"] = record.http.get_statuscode()
    fields["digest"] = record.header("WARC-Payload-Digest") or _sha1(record.payload)
    length = item.length
    if not item.file.endswith(".gz"):  # as warcio counts it: up to the block's end, trailer left out
        length = record.header_length + len(record.block)
    fields.update(length=str(length), offset=str(item.offset), filename=filename)
    fields[RECORD_ID_FIELD] = record.header("WARC-Record-ID")
    key = surt.surt(record.target_uri)
    return f"{key} {iso_date_to_timestamp(record.header('WARC-Date'))} {json.dumps(fields)}\n"


def _mime(record: WarcRecord) -> str | None:
    if record.rec_type == "revisit":
        return "warc/revisit"
    if record.rec_type == "response":
        value = record.http.get_header("Content-Type") if record.http is not None else None
    else:
        value = record.headers.get_header("Content-Type")
    return _MIME_END.split(value, 1)[0].strip() if value else value


def _sha1(payload: bytes) -> str:
    """The digest cdxj-indexer computes for a record without WARC-Payload-Digest."""
    return "sha1:" + base64.b32encode(hashlib.sha1(payload, usedforsecurity=False).digest()).decode()
