"""`longform verify DIR|WARC...`: are the WARCs whole and does every dataset record point into them?

Prints one line per problem (file, offset or line, what is wrong) on stdout and a summary; exit
status 0 only when nothing is wrong, 1 when something is, 2 for bad arguments.
"""

from __future__ import annotations

import itertools
import sys
from collections import Counter
from pathlib import Path

from archive.reader import NotAWarcError, check_is_warc
from archive.verify import Problem, WarcReport, verify_warcs
from archive.verify_provenance import check_jsonl
from spiders.cli.inputs import is_warc_name, named
from spiders.errors import EXIT_FAILED, EXIT_OK, UsageError
from spiders.progress import ProgressLine


def verify_paths(inputs: list[Path]) -> int:
    """Verify the WARC files, dataset folders and JSONL files named; print the problems found."""
    warcs, jsonl_files = _expand(inputs)
    progress = ProgressLine("verifying", sum(path.stat().st_size for path in warcs)) \
        if sys.stderr.isatty() else None
    checked = itertools.count(1)  # verify_warcs reports once per record checked
    report = verify_warcs(warcs, (lambda done: progress.update(next(checked), done)) if progress else None)
    if progress:
        progress.close()
    problems: list[Problem] = list(report.problems)
    records = 0
    for path in jsonl_files:
        records += sum(1 for line in path.open("rb") if line.strip())
        problems.extend(check_jsonl(path))
    for problem in problems:
        print(problem)
    for line in _note_lines(report):
        print(line)
    verdict = f"{len(problems)} problem(s) found" if problems else "all clean"
    print(
        f"Verified {report.records} records in {report.files} WARC file(s) and the provenance of "
        f"{records} records in {len(jsonl_files)} JSONL file(s): {verdict}{_unchecked(report)}"
    )
    return EXIT_FAILED if problems else EXIT_OK


def _note_lines(report: WarcReport) -> list[str]:
    """Notes (not damage): one line per file for records sharing gzip members, one per reused id."""
    shared = Counter(note.file for note in report.notes if "shares a gzip member" in note.message)
    lines = [f"note: {file}: {count} record(s) share a gzip member with the record before them "
             "(compressed as one stream?): they read whole, but no offset opens them alone"
             for file, count in shared.items()]
    return lines + [f"note: {note}" for note in report.notes if "shares a gzip member" not in note.message]


def _unchecked(report: WarcReport) -> str:
    """'; 343 record(s) not checkable (343: no WARC-Block-Digest or ...)' or ''."""
    if not report.unchecked:
        return ""
    reasons = "; ".join(f"{count}: {reason}" for reason, count in report.unchecked.most_common())
    return f"; {sum(report.unchecked.values())} record(s) not checkable, not damaged ({reasons})"


def _expand(inputs: list[Path]) -> tuple[list[Path], list[Path]]:
    """(WARC files, JSONL files) named by the inputs; UsageError for anything else."""
    found = named(inputs, datasets=True)
    for path in found.warcs:
        _check_named_warc(path)
    return found.warcs, found.jsonl


def _check_named_warc(path: Path) -> None:
    # A damaged WARC is a finding (exit 1), not bad input: trust the name, sniff only other files.
    if is_warc_name(path):
        return
    try:
        check_is_warc(path)
    except NotAWarcError as error:
        raise UsageError(f"{error}; give WARC files (.warc or .warc.gz) or a dataset folder") from None
