"""JSONL records -> Parquet with the Arrow schema of pipelines/arrow_schema.py.

Dates and WARC times become UTC timestamps (a day-only date: 00:00 UTC of that day, its
`<field>_precision` 'day'); everything else goes in as the JSONL has it, so ids stay strings.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from pipelines.arrow_schema import DAY, PRECISION_SUFFIX, SECOND
from pipelines.export import RecordFormatError, stage_file
from pipelines.schema import DATE_FIELDS, INSTANT_FIELDS

Record = dict[str, Any]
ROWS_PER_GROUP = 10_000
"""Records per Parquet row group: what is held in memory as Arrow at a time."""


def typed_row(record: Record) -> Record:
    """`record` with its dates and WARC times as aware datetimes and each date's precision.

    >>> row = typed_row({"published": "2024-01-31", "modified": "2024-02-01T09:30:00Z",
    ...                  "fetched_at": "2024-02-02T10:00:00.5Z", "provenance": None})
    >>> row["published"], row["published_precision"], row["modified_precision"]
    (datetime.datetime(2024, 1, 31, 0, 0, tzinfo=datetime.timezone.utc), 'day', 'second')
    >>> row["fetched_at"].isoformat()
    '2024-02-02T10:00:00.500000+00:00'
    """
    row = dict(record)
    for name in DATE_FIELDS:
        if name in row:
            value = row[name]
            row[name + PRECISION_SUFFIX] = None if value is None else (DAY if len(value) == 10 else SECOND)
            row[name] = _instant(name, value)
    for name in INSTANT_FIELDS:
        if name in row:
            row[name] = _instant(name, row[name])
    provenance = row.get("provenance")
    if provenance:
        row["provenance"] = {**provenance, "warc_date": _instant("warc_date", provenance.get("warc_date"))}
    return row


def _instant(name: str, value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise RecordFormatError(f"{name} {value!r} is not an ISO 8601 date or time") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def stage_parquet(path: Path, records: Iterable[Record], schema: pa.Schema) -> tuple[Path, int]:
    """Write `records` as Parquet to a temp file beside `path` (fsync'd, mode 0644) for the caller
    to rename over it; (temp file, records). Nothing is left behind on failure; a full disk is
    DiskFull; a record with an unreadable date is RecordFormatError."""

    def write(stream: BinaryIO) -> int:
        count = 0
        with pq.ParquetWriter(stream, schema) as writer:
            for rows in _batches(records):
                writer.write_table(pa.Table.from_pylist([typed_row(r) for r in rows], schema=schema))
                count += len(rows)
        return count

    return stage_file(path, write)


def _batches(records: Iterable[Record]) -> Iterator[list[Record]]:
    iterator = iter(records)
    while rows := list(islice(iterator, ROWS_PER_GROUP)):
        yield rows
