"""Verify WARC files: every record whole, its digests right, every response with its request.

The records come from `archive.warc_scan`, which reads on after damage: each damaged stretch
(a damaged or torn gzip member, a wrong Content-Length, a NUL-padded tail) is one problem with
file, offset and length, and the records after it are still checked. Per record: the block as
long as its Content-Length, WARC-Block-Digest and WARC-Payload-Digest right in whatever algorithm
and encoding the writer used, revisit blocks included, mandatory headers present and a WARC-Date
that is a date (`archive.warc_record`). A record with no digest to compare is *not checkable*:
counted apart, not a problem. Across the files this project wrote: no record id used twice, every
response with its request (WARC-Concurrent-To, in either direction); other tools' files do not
promise either, so there a reused id is a note.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import attrs

from archive.reader import warcinfo_block_fields
from archive.record_check import RecordFacts, describe, facts, unchecked_reason
from archive.warc_scan import Damage, Found, scan

OUR_SOFTWARE = "longform-archiver/"
"""How our warcinfo's `software` starts: only our files promise a request for every response."""

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
    """Damage: the files are not as their writer wrote them (exit 1)."""
    records: int = 0
    files: int = 0
    unchecked: Counter[str] = attrs.field(factory=Counter)
    """Records none of whose bytes a digest could be checked against, by reason (not damage)."""
    notes: list[Problem] = attrs.field(factory=list)
    """Worth knowing, not damage: records no offset opens alone (several records in one gzip member),
    a record id another tool used twice."""


def verify_warcs(paths: Iterable[Path], progress: Progress | None = None) -> WarcReport:
    """Check every record of every file, then record ids and request/response pairs across them."""
    report = WarcReport()
    ours_files: set[str] = set()
    every: list[tuple[str, RecordFacts]] = []
    walked: dict[str, int] = {}
    done = 0
    for path in paths:
        walked[str(path)] = report.files
        report.files += 1
        ours = False
        for item in scan(path):
            if progress:
                progress(done + item.offset)
            if isinstance(item, Damage):
                report.problems.append(_damage_problem(item))
                continue
            report.records += 1
            ours = ours or _written_by_us(item)
            every.append((item.file, facts(item)))
            _check_record(item, report)
        if ours:
            ours_files.add(str(path))
        done += path.stat().st_size
    for problem in _duplicate_ids(every):  # our writer never reuses an id; wget 1.14 did
        (report.problems if problem.file in ours_files else report.notes).append(problem)
    report.problems.extend(_pairing_problems([fact for fact in every if fact[0] in ours_files]))
    # Per file in the order walked, per record by offset; sort is stable, so a record keeps its order.
    report.problems.sort(key=lambda p: (walked[p.file], p.offset or 0))
    return report


def _damage_problem(damage: Damage) -> Problem:
    return Problem(damage.file, f"{damage.message} ({damage.length} bytes damaged)", damage.offset)


def _check_record(item: Found, report: WarcReport) -> None:
    record = item.record
    for problem in record.problems:
        report.problems.append(Problem(item.file, f"{describe(record)}: {problem.message}", item.offset))
    if not record.problems and (reason := unchecked_reason(record)):
        report.unchecked[reason] += 1
    if not item.seekable:
        report.notes.append(Problem(item.file, f"{describe(record)} shares a gzip member with the record "
                                    "before it: it reads whole, but no offset opens it alone", item.offset))


def _written_by_us(item: Found) -> bool:
    if item.record.rec_type != "warcinfo":
        return False
    return warcinfo_block_fields(item.record.block).get("software", "").startswith(OUR_SOFTWARE)


def _duplicate_ids(every: list[tuple[str, RecordFacts]]) -> Iterator[Problem]:
    seen: dict[str, tuple[str, int]] = {}
    for file, fact in every:
        if fact.record_id in seen:
            first_file, first_offset = seen[fact.record_id]
            yield Problem(file, f"{_named(fact)}: its WARC-Record-ID is also used at {first_file} offset "
                          f"{first_offset}; record ids must be unique", offset=fact.offset)
        elif fact.record_id:
            seen[fact.record_id] = (file, fact.offset)


def _pairing_problems(facts_: list[tuple[str, RecordFacts]]) -> Iterator[Problem]:
    """Responses without a request and requests without a response. WARC-Concurrent-To links them
    in either direction: we and warcio put it on the request, wget, wpull and Common Crawl on the
    response."""
    responses = {fact.record_id for _, fact in facts_ if fact.rec_type in ("response", "revisit")}
    requests = {fact.record_id for _, fact in facts_ if fact.rec_type == "request"}
    linked: set[str] = set()
    for _, fact in facts_:
        for target in fact.concurrent_to:
            if (fact.record_id in requests and target in responses) or \
                    (fact.record_id in responses and target in requests):
                linked.update((fact.record_id, target))
    for file, fact in facts_:
        if fact.record_id in linked:
            continue
        if fact.rec_type in ("response", "revisit"):
            yield Problem(file, f"{_named(fact)} has no request record (none names it in "
                          "WARC-Concurrent-To, nor does it name one)", fact.offset)
        elif fact.rec_type == "request":
            yield Problem(file, f"{_named(fact)} has no response record (WARC-Concurrent-To links none in "
                          "these files, in either direction)", fact.offset)


def _named(fact: RecordFacts) -> str:
    return " ".join(part for part in (f"{fact.rec_type} record", fact.record_id, fact.target_uri) if part)
