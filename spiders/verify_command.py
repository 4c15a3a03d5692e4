"""`longform verify DIR|WARC...`: are the WARCs whole and does every dataset record point into them?

Prints one line per problem (file, offset or line, what is wrong) on stdout and a summary; exit
status 0 only when nothing is wrong, 1 when something is, 2 for bad arguments.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from archive.reader import NotAWarcError, check_is_warc
from archive.verify import Problem, verify_warcs
from archive.verify_provenance import check_jsonl
from pipelines.dataset import ARTICLES_FILE, COMMENTS_FILE
from spiders.errors import EXIT_FAILED, EXIT_OK, UsageError

_WARC_SUFFIXES = (".warc", ".warc.gz")


def verify_paths(inputs: list[Path]) -> int:
    """Verify the WARC files, dataset folders and JSONL files named; print the problems found."""
    warcs, jsonl_files = _expand(inputs)
    progress = _ProgressLine(sum(path.stat().st_size for path in warcs)) if sys.stderr.isatty() else None
    report = verify_warcs(warcs, progress.show if progress else None)
    if progress:
        progress.close()
    problems: list[Problem] = list(report.problems)
    records = 0
    for path in jsonl_files:
        records += sum(1 for line in path.open("rb") if line.strip())
        problems.extend(check_jsonl(path))
    for problem in problems:
        print(problem)
    verdict = f"{len(problems)} problem(s) found" if problems else "all clean"
    print(
        f"Verified {report.records} records in {report.files} WARC file(s) and the provenance of "
        f"{records} records in {len(jsonl_files)} JSONL file(s): {verdict}"
    )
    return EXIT_FAILED if problems else EXIT_OK


def _expand(inputs: list[Path]) -> tuple[list[Path], list[Path]]:
    """(WARC files, JSONL files) named by the inputs; UsageError for anything else."""
    warcs: list[Path] = []
    jsonl_files: list[Path] = []
    for path in inputs:
        if path.is_dir():
            found_warcs, found_jsonl = _dataset_files(path)
            if not found_warcs and not found_jsonl:
                raise UsageError(
                    f"no WARC files or {ARTICLES_FILE}/{COMMENTS_FILE} in folder {path}; give a "
                    f"dataset folder as `longform crawl` writes it (DIR/<site>/) or WARC files"
                )
            warcs.extend(found_warcs)
            jsonl_files.extend(found_jsonl)
        elif path.is_file() and path.suffix == ".jsonl":
            jsonl_files.append(path)
        elif path.is_file():
            _check_named_warc(path)
            warcs.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder; give WARC files or a dataset folder")
    return _unique(warcs), _unique(jsonl_files)


def _dataset_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """The WARCs under a folder, and the JSONL datasets in it or in its <site> subfolders."""
    warcs = sorted(p for p in folder.rglob("*") if p.is_file() and p.name.endswith(_WARC_SUFFIXES))
    jsonl_files = sorted(
        p for pattern in (ARTICLES_FILE, COMMENTS_FILE, f"*/{ARTICLES_FILE}", f"*/{COMMENTS_FILE}")
        for p in folder.glob(pattern)
    )
    return warcs, jsonl_files


def _check_named_warc(path: Path) -> None:
    # A damaged WARC is a finding (exit 1), not bad input: trust the name, sniff only other files.
    if path.name.endswith(_WARC_SUFFIXES):
        return
    try:
        check_is_warc(path)
    except NotAWarcError as error:
        raise UsageError(f"{error}; give WARC files (.warc or .warc.gz) or a dataset folder") from None


def _unique(paths: list[Path]) -> list[Path]:
    """Each file once (a folder and a file in it may both be named), in the order first named."""
    seen: dict[Path, Path] = {}
    for path in paths:
        seen.setdefault(path.resolve(), path)
    return list(seen.values())


class _ProgressLine:
    """On a terminal, one self-overwriting line saying how far verification is (after 0.2 s)."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.started = self.shown = time.monotonic()
        self.visible = False

    def show(self, done: int) -> None:
        now = time.monotonic()
        if now - self.shown < 0.2:
            return
        self.shown, self.visible = now, True
        rate = done / max(now - self.started, 1e-6) / 1e6
        print(f"\rverifying: {done / 1e6:.1f} of {self.total / 1e6:.1f} MB, {rate:.1f} MB/s",
              end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.visible:
            print("\r\033[K", end="", file=sys.stderr, flush=True)
