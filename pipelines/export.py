"""A consolidated dataset from the JSONL files that crawl runs append to.

Runs append a new line when a record changes, so a record id may appear several times. The export
keeps the latest version of each (greatest `fetched_at`; on a tie, the later line), in the order
the records first appeared, optionally only those on or after a date, optionally with commenters
pseudonymized, and writes each file atomically (temp file + rename), as JSONL or as Parquet
(typed: pipelines/parquet.py).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from archive.disk_space import DiskFull, is_disk_full
from pipelines.jsonl import part_files, read_jsonl

Record = dict[str, Any]
_EARLIEST = datetime.min.replace(tzinfo=UTC)
FORMATS = ("jsonl", "parquet")
"""What `longform export --format` writes: `articles.<format>` and `comments.<format>`."""


class RecordFormatError(ValueError):
    """A record's date is not ISO 8601, so Parquet cannot type it: raised by
    `pipelines.parquet.typed_row`, reported by `longform export` as one line."""


def latest_versions(records: Iterable[Record], key: Callable[[Record], str]) -> list[Record]:
    """One record per key: the greatest `fetched_at`, the later one on a tie.

    >>> rows = [{"id": "a", "fetched_at": "2024-05-02T10:00:00Z", "v": 2},
    ...         {"id": "a", "fetched_at": "2024-05-01T10:00:00.5Z", "v": 1},
    ...         {"id": "b", "fetched_at": "2024-05-01T10:00:00Z", "v": 1},
    ...         {"id": "b", "fetched_at": "2024-05-01T10:00:00Z", "v": 2}]
    >>> [(r["id"], r["v"]) for r in latest_versions(rows, lambda r: r["id"])]
    [('a', 2), ('b', 2)]
    """
    best: dict[str, tuple[datetime, Record]] = {}
    for record in records:
        moment, name = _fetched(record), key(record)
        if name not in best or moment >= best[name][0]:
            best[name] = (moment, record)
    return [record for _, record in best.values()]


def article_key(record: Record) -> str:
    return str(record["id"])


def comment_key(record: Record) -> str:
    """Comment ids are the site's own, unique within an article."""
    return f"{record['article_id']}\0{record['id']}"


def on_or_after(records: Iterable[Record], since: str) -> Iterator[Record]:
    """Records whose own `published` date (UTC day, YYYY-MM-DD) is `since` or later; records
    without a published date are left out.

    >>> rows = [{"published": "2024-01-31"}, {"published": "2024-01-30T23:59:59Z"}, {"published": None}]
    >>> list(on_or_after(rows, "2024-01-31"))
    [{'published': '2024-01-31'}]
    """
    return (r for r in records if r.get("published") and str(r["published"])[:10] >= since)


def rebase_provenance(record: Record, source: Path, out: Path) -> Record:
    """`provenance.warc_file` made relative to `out`, so it still opens the WARC record."""
    provenance = record.get("provenance")
    if not provenance or not provenance.get("warc_file"):
        return record
    moved = os.path.relpath(source / provenance["warc_file"], out)
    return {**record, "provenance": {**provenance, "warc_file": moved}}


def read_records(folder: Path, name: str) -> list[Record]:
    """The records of `name` in `folder` and of its Redis workers' parts (`articles.<worker>.jsonl`)."""
    return [record for path in part_files(folder, name) for record in read_jsonl(path)]


def write_export(out: Path, articles: list[Record], comments: list[Record], source: Path,
                 fmt: str = "jsonl", pseudonymized: bool = False) -> tuple[int, int]:
    """Write `articles.<fmt>` and `comments.<fmt>` into `out` with provenance rebased from the
    dataset folder `source`; (articles, comments) written. Both files are staged before either is
    renamed: a full disk leaves the old pair, not one new file beside an old one."""
    files = {"articles": articles, "comments": comments}
    staged: dict[str, tuple[Path, int]] = {}
    try:
        for name, records in files.items():
            rebased = (rebase_provenance(r, source, out) for r in records)
            staged[name] = _stage(out / f"{name}.{fmt}", rebased, fmt, name, pseudonymized)
    except BaseException:
        for temp, _ in staged.values():
            temp.unlink(missing_ok=True)
        raise
    for name, (temp, _) in staged.items():
        os.replace(temp, out / f"{name}.{fmt}")
    return staged["articles"][1], staged["comments"][1]


def _stage(path: Path, records: Iterable[Record], fmt: str, name: str,
           pseudonymized: bool) -> tuple[Path, int]:
    if fmt == "jsonl":
        return stage_jsonl(path, records)
    from pipelines.arrow_schema import all_arrow_schemas  # pyarrow only when asked for
    from pipelines.parquet import stage_parquet

    stem = "article" if name == "articles" else "comment.pseudonymized" if pseudonymized else "comment"
    return stage_parquet(path, records, all_arrow_schemas()[stem])


def stage_jsonl(path: Path, records: Iterable[Record]) -> tuple[Path, int]:
    """Write `records` as JSONL to a temp file beside `path` (`stage_file`); (temp file, records)."""

    def write(stream: BinaryIO) -> int:
        count = 0
        for record in records:
            line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
            stream.write(line.encode("utf-8"))
            count += 1
        return count

    return stage_file(path, write)


def stage_file(path: Path, write: Callable[[BinaryIO], int]) -> tuple[Path, int]:
    """Run `write` over a temp file beside `path` (fsync'd, mode 0644) for the caller to rename
    over it; (temp file, the record count `write` returns). Nothing is left behind on failure; a
    full disk is DiskFull."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as stream:
            count = write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o644)
    except BaseException as error:
        Path(temp).unlink(missing_ok=True)
        if is_disk_full(error):
            raise DiskFull(path.parent, 0, path.name) from None
        raise
    return Path(temp), count


def _fetched(record: Record) -> datetime:
    """`fetched_at` as a time (strings compare wrongly: '...00.5Z' < '...00Z')."""
    try:
        moment = datetime.fromisoformat(str(record.get("fetched_at")))
    except ValueError:
        return _EARLIEST
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)

