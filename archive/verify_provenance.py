"""Verify a JSONL dataset's provenance: every record must open the WARC record it names.

A record's `provenance` holds `warc_file` (relative to the JSONL file's folder), `warc_offset` and
`warc_length`; those bytes must be one whole gzip member holding a record with the same
WARC-Record-ID, WARC-Target-URI, WARC-Date and WARC-Payload-Digest as the provenance says. This is
exactly what a reader with plain warcio does (seek, read, iterate), so passing here means that
works. Digests of the record's bytes are `archive.verify`'s job; this checks the pointers.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

from archive.gzip_members import UnreadableMember, read_member
from archive.record_check import RecordFacts, read_record_facts
from archive.verify import Problem

# provenance key -> (RecordFacts attribute, the WARC header it mirrors)
_COMPARED = {
    "warc_record_id": ("record_id", "WARC-Record-ID"),
    "target_uri": ("target_uri", "WARC-Target-URI"),
    "warc_date": ("warc_date", "WARC-Date"),
    "payload_digest": ("payload_digest", "WARC-Payload-Digest"),
}

_Pointer = tuple[Path, int, int]
_Opened = tuple[RecordFacts, int] | str
"""The record found at a pointer and its length in the file, or what is wrong there."""
_TRAILER_LENGTH = 4  # CRLF CRLF after each record; not part of its length in an uncompressed WARC
_GZIP_ID = b"\x1f\x8b"


def check_jsonl(path: Path) -> Iterator[Problem]:
    """Every problem with the provenance of the records in one JSONL file.

    Records that share a WARC record (the comments of one page) share its problem: one line each.
    """
    opened: dict[tuple[Path, int], _Opened] = {}  # many comments share the record of their page
    found: dict[str, list[int]] = {}  # message -> line numbers, in the order first found
    with open(path, "rb") as lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                for message in _line_problems(path.parent, line, opened):
                    found.setdefault(message, []).append(number)
    for message, numbers in found.items():
        yield Problem(str(path), message, lines=tuple(numbers))


def _line_problems(folder: Path, line: bytes, opened: dict[tuple[Path, int], _Opened]) -> Iterator[str]:
    provenance = _provenance(line)
    if isinstance(provenance, str):
        yield provenance
        return
    pointer = _pointer(folder, provenance)
    if isinstance(pointer, str):
        yield pointer
        return
    warc, offset, length = pointer
    if (warc, offset) not in opened:
        opened[warc, offset] = open_record(warc, offset)
    yield from _mismatches(provenance, pointer, opened[warc, offset])


def open_record(warc: Path, offset: int) -> _Opened:
    """The record at `offset` of `warc` and its length in the file, else what is wrong there."""
    where = f"{warc} offset {offset}"
    try:
        with open(warc, "rb") as stream:
            if stream.read(2) == _GZIP_ID:
                member = read_member(stream, offset)
                facts, problems = read_record_facts(io.BytesIO(member.data))
                length = member.length
            else:
                stream.seek(offset)
                facts, problems = read_record_facts(stream)
                length = stream.tell() - offset - _TRAILER_LENGTH
    except FileNotFoundError:
        return f"{warc}: no such WARC file (provenance warc_file is relative to the JSONL file's folder)"
    except UnreadableMember as error:
        return f"{where}: {error.reason}"
    if facts is None:
        return f"{where}: {problems[0]}"
    return facts, length


def _provenance(line: bytes) -> dict | str:
    try:
        record = json.loads(line)
    except ValueError as error:
        return f"not a JSON line ({error})"
    provenance = record.get("provenance") if isinstance(record, dict) else None
    if not isinstance(provenance, dict):
        return "no provenance object: the record cannot be traced to a WARC record"
    return provenance


def _pointer(folder: Path, provenance: dict) -> _Pointer | str:
    warc_file, offset, length = (provenance.get(key) for key in ("warc_file", "warc_offset", "warc_length"))
    if not isinstance(warc_file, str) or not warc_file:
        return "provenance has no warc_file"
    if not isinstance(offset, int) or not isinstance(length, int) or offset < 0 or length <= 0:
        return f"provenance warc_offset {offset!r} / warc_length {length!r} are not byte counts"
    return folder / warc_file, offset, length


def _mismatches(provenance: dict, pointer: _Pointer, opened: _Opened) -> Iterator[str]:
    if isinstance(opened, str):
        yield f"provenance points at {opened}"
        return
    facts, found_length = opened
    warc, offset, length = pointer
    where = f"{warc} offset {offset}"
    if provenance.get("warc_record_id") not in (None, facts.record_id):
        # Another record altogether: its other fields differ too, one line says it all.
        yield (
            f"provenance warc_record_id {provenance['warc_record_id']} but {where} holds "
            f"{facts.rec_type} record {facts.record_id} {facts.target_uri}"
        )
        return
    if found_length != length:
        yield f"provenance warc_length {length} but the gzip member at {where} is {found_length} bytes long"
    for key, (attribute, header) in _COMPARED.items():
        found = getattr(facts, attribute)
        if key in provenance and provenance[key] != found:
            yield f"provenance {key} {provenance[key]} but the record at {where} has {header} {found}"
