"""Verify WARC files: every record whole, its digests right, every response with its request.

Checks, per record: the gzip member is intact (zlib checks its CRC-32 and length; a truncated last
member is named, not skipped), the block is as long as its Content-Length and ends with the record
trailer, WARC-Block-Digest and WARC-Payload-Digest match the bytes (computed by warcio's own
digest-verifying reader, the code behind `warcio check`), one record per gzip member (so a record
can be opened by offset). Across the files: every response has a request whose WARC-Concurrent-To
names it, and no record id is used twice. Each problem is one `Problem` with file and offset.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import attrs
from warcio.recordloader import ArcWarcRecordLoader
from warcio.statusandheaders import StatusAndHeadersParser

from archive.gzip_members import Damage, iter_members
from archive.record_check import RECORD_ERRORS, RecordFacts, check_record

_GZIP_ID = b"\x1f\x8b"
_WARC_LINE_START = b"WARC/"

Progress = Callable[[int], None]
"""Called with the number of bytes verified so far (all files together)."""


@attrs.define(frozen=True)
class Problem:
    """One thing wrong, where it is: a WARC file and byte offset, or a JSONL file and its lines."""

    file: str
    message: str
    offset: int | None = None
    """Byte offset of the record (its gzip member) in a WARC file."""
    lines: tuple[int, ...] = ()
    """1-based line numbers in a JSONL file (the records of one page share one problem)."""

    def __str__(self) -> str:
        where = f"offset {self.offset}" if not self.lines else line_numbers(self.lines)
        return f"{self.file}: {where}: {self.message}"


def line_numbers(numbers: tuple[int, ...]) -> str:
    """Line numbers, runs shortened.

    >>> line_numbers((4,))
    'line 4'
    >>> line_numbers((3, 4, 5, 9, 11, 12))
    'lines 3-5, 9, 11-12'
    """
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    text = ", ".join(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)
    return f"line {text}" if len(numbers) == 1 else f"lines {text}"


@attrs.define
class WarcReport:
    """What `verify_warcs` found."""

    problems: list[Problem] = attrs.field(factory=list)
    records: int = 0
    files: int = 0


def verify_warcs(paths: Iterable[Path], progress: Progress | None = None) -> WarcReport:
    """Check every record of every file, then the request/response pairs across all of them."""
    report = WarcReport()
    facts: list[tuple[str, RecordFacts]] = []
    done = 0
    walked: dict[str, int] = {}
    for path in paths:
        walked[str(path)] = report.files
        report.files += 1
        for item in _check_file(path):
            if isinstance(item, Problem):
                report.problems.append(item)
                continue
            facts.append((str(path), item))
            report.records += 1
            if progress:
                progress(done + item.offset)
        done += path.stat().st_size
    report.problems.extend(_pairing_problems(facts))
    # Per file in the order walked, per record by offset; sort is stable, so a record keeps its order.
    report.problems.sort(key=lambda p: (walked[p.file], p.offset or 0))
    return report


def _check_file(path: Path) -> Iterator[Problem | RecordFacts]:
    with open(path, "rb") as stream:
        if stream.read(2) == _GZIP_ID:
            yield from _check_gzip_file(path, stream)
        else:
            yield from _check_plain_file(path, stream)


def _check_gzip_file(path: Path, stream: BinaryIO) -> Iterator[Problem | RecordFacts]:
    for member in iter_members(stream):
        if isinstance(member, Damage):
            yield Problem(str(path), _about(_partial_facts(member), _damage_message(member)), member.offset)
        else:
            yield from _check_records(path, io.BytesIO(member.data), member.offset)


def _check_plain_file(path: Path, stream: BinaryIO) -> Iterator[Problem | RecordFacts]:
    stream.seek(0)
    yield from _check_records(path, stream, None)


def _check_records(
    path: Path, stream: BinaryIO, member_offset: int | None
) -> Iterator[Problem | RecordFacts]:
    """The records of one gzip member (`member_offset`), or of a whole uncompressed file (None)."""
    loader = ArcWarcRecordLoader(verify_http=False)
    count = 0
    while not _at_end(stream):
        offset = stream.tell() if member_offset is None else member_offset
        if count and _peek(stream, len(_WARC_LINE_START)) != _WARC_LINE_START:
            yield Problem(str(path), _leftover_message(stream.read()), offset=offset)
            return  # where the next record starts is unknown: stop here
        if count == 1 and member_offset is not None:
            yield Problem(str(path), "more than one record in this gzip member (re-compressed?); each "
                          "record must be its own member to be opened by offset", offset=offset)
        facts, problems = check_record(loader, stream, offset)
        yield from (Problem(str(path), _about(facts, text), offset=offset) for text in problems)
        if facts is None:
            return
        yield facts
        count += 1


def _at_end(stream: BinaryIO) -> bool:
    return not _peek(stream, 1)


def _peek(stream: BinaryIO, size: int) -> bytes:
    position = stream.tell()
    data = stream.read(size)
    stream.seek(position)
    return data


def _about(facts: RecordFacts | None, text: str) -> str:
    """Prefix a problem with the record it is about, when the record could be parsed."""
    if facts is None:
        return text
    uri = f" {facts.target_uri}" if facts.target_uri else ""
    return f"{facts.rec_type} record {facts.record_id}{uri}: {text}"


def _damage_message(damage: Damage) -> str:
    if damage.to_end:
        return f"{damage.reason}; the last {damage.length} bytes of the file are unreadable"
    return f"{damage.reason}; {damage.length} bytes up to offset {damage.offset + damage.length} unreadable"


def _partial_facts(damage: Damage) -> RecordFacts | None:
    """The lost record's type, id and URI when its WARC headers decompressed before the damage."""
    try:
        headers = StatusAndHeadersParser(["WARC/1.1", "WARC/1.0"]).parse(io.BytesIO(damage.partial))
    except RECORD_ERRORS:
        return None
    if not headers.get_header("WARC-Record-ID"):
        return None
    return RecordFacts(
        offset=damage.offset,
        rec_type=headers.get_header("WARC-Type") or "",
        record_id=headers.get_header("WARC-Record-ID"),
        target_uri=headers.get_header("WARC-Target-URI") or "",
        warc_date=headers.get_header("WARC-Date") or "",
        payload_digest=headers.get_header("WARC-Payload-Digest"),
    )


def _leftover_message(rest: bytes) -> str:
    return f"{len(rest)} bytes after the record that are not a WARC record ({rest[:20]!r}...)"


def _pairing_problems(facts: list[tuple[str, RecordFacts]]) -> Iterator[Problem]:
    """Responses without a request, requests without their response, record ids used twice."""
    seen: dict[str, tuple[str, int]] = {}
    for file, fact in facts:
        if fact.record_id in seen and fact.record_id:
            first_file, first_offset = seen[fact.record_id]
            yield Problem(
                file, f"WARC-Record-ID {fact.record_id} is also used at {first_file} offset "
                f"{first_offset}; record ids must be unique", offset=fact.offset,
            )
        seen.setdefault(fact.record_id, (file, fact.offset))
    responses = {fact.record_id for _, fact in facts if fact.rec_type in ("response", "revisit")}
    answered = {target for _, fact in facts if fact.rec_type == "request" for target in fact.concurrent_to}
    for file, fact in facts:
        if fact.rec_type in ("response", "revisit") and fact.record_id not in answered:
            yield Problem(
                file, f"response record {fact.record_id} {fact.target_uri} has no request record "
                f"(no request has WARC-Concurrent-To: {fact.record_id})", offset=fact.offset,
            )
        elif fact.rec_type == "request" and not responses.intersection(fact.concurrent_to):
            named = ", ".join(fact.concurrent_to) or "no WARC-Concurrent-To header"
            yield Problem(
                file, f"request record {fact.record_id} {fact.target_uri} has no response record "
                f"(its WARC-Concurrent-To names {named}, not in these files)", offset=fact.offset,
            )
