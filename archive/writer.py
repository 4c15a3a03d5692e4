"""Rolling WARC file writer: records are written as they arrive, one gzip member each.

Each record is serialized into memory first and reaches the file in one `write`, then the file is
flushed: a crawl killed at any moment leaves every earlier record whole, so warcio reads the file
up to the last complete record. On a full disk the file is cut back to its last whole exchange and
`DiskFull` is raised (`archive.disk_space`).
"""

from __future__ import annotations

import io
import logging
import os
from datetime import UTC, datetime
from pathlib import Path

import attrs
from warcio.recordloader import ArcWarcRecord
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

from archive.disk_space import DiskFull, write_all
from archive.records import (
    WARC_VERSION,
    Exchange,
    RefersTo,
    build_exchange_records,
    build_revisit_records,
    build_warcinfo,
)

logger = logging.getLogger(__name__)

DEFAULT_MAX_FILE_SIZE = 1_000_000_000  # the WARC spec's suggested 1 GB ceiling


@attrs.define(frozen=True)
class RecordLocation:
    """Where one record lives: enough to open it with `ArchiveIterator` after a seek."""

    warc_file: str
    """Absolute path of the WARC file."""
    offset: int
    """Offset of the record's gzip member."""
    length: int
    """Length of the record's gzip member in bytes."""
    record_id: str
    target_uri: str
    warc_date: str
    payload_digest: str | None


class RollingWarcWriter:
    """Writes exchanges to `<prefix>-<timestamp>-<serial>.warc.gz` files under a folder."""

    def __init__(
        self,
        directory: Path,
        prefix: str,
        info: dict[str, str],
        max_file_size: int = DEFAULT_MAX_FILE_SIZE,
    ) -> None:
        self.directory = directory
        self.prefix = prefix
        self.info = info
        self.max_file_size = max_file_size
        self._builder = WARCWriter(None, gzip=True, warc_version=WARC_VERSION)
        self._file: io.FileIO | None = None
        self._path: Path | None = None
        self._serial = 0
        self._stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
        self.files: list[Path] = []

    def write_exchange(self, exchange: Exchange, when: datetime | None = None) -> RecordLocation:
        """Write the response and request records of `exchange`; return the response's location."""
        warc_date = _warc_date(when)
        response, request = build_exchange_records(self._builder, exchange, warc_date)
        return self._write_pair(response, request)

    def write_revisit(
        self, exchange: Exchange, profile: str, refers_to: RefersTo, when: datetime | None = None
    ) -> RecordLocation:
        """Write a revisit (headers only) + request pair; return the revisit's location."""
        revisit, request = build_revisit_records(
            self._builder, exchange, _warc_date(when), profile, refers_to
        )
        return self._write_pair(revisit, request)

    def _write_pair(self, response: ArcWarcRecord, request: ArcWarcRecord) -> RecordLocation:
        # Roll over between exchanges only: a request and its response share one file.
        self._roll_over_if_full()
        location = self._write(response)
        try:
            self._write(request)
        except DiskFull:
            self._cut_back(location.offset)  # a response without its request is no exchange
            raise
        return location

    def close(self) -> None:
        """Close the current file; the next write opens a new one."""
        if self._file is not None and self._path is not None:
            self._file.close()
            logger.info("Closed WARC %s (%d bytes)", self._path, self._path.stat().st_size)
            self._file = None

    def _write(self, record: ArcWarcRecord) -> RecordLocation:
        output = self._current_file()
        data = _serialize(self._builder, record)
        offset = output.tell()
        assert self._path is not None
        write_all(output.fileno(), data, f"a WARC record to {self._path.name}", self.directory)
        headers = record.rec_headers
        return RecordLocation(
            warc_file=str(self._path),
            offset=offset,
            length=len(data),
            record_id=headers.get_header("WARC-Record-ID"),
            target_uri=headers.get_header("WARC-Target-URI"),
            warc_date=headers.get_header("WARC-Date"),
            payload_digest=headers.get_header("WARC-Payload-Digest"),
        )

    def _roll_over_if_full(self) -> None:
        if self._file is not None and self._file.tell() >= self.max_file_size:
            self.close()

    def _cut_back(self, offset: int) -> None:
        assert self._file is not None
        os.ftruncate(self._file.fileno(), offset)
        self._file.seek(offset)

    def _current_file(self) -> io.FileIO:
        if self._file is None:
            self._open_next()
        assert self._file is not None
        return self._file

    def _open_next(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        name = f"{self.prefix}-{self._stamp}-{self._serial:05d}.warc.gz"
        self._serial += 1
        self._path = self.directory / name
        # "xb": never overwrite an existing archive, whatever the clock says. Unbuffered: every
        # record reaches the file in our own write, never later from a buffer (not on a full disk).
        self._file = open(self._path, "xb", buffering=0)  # noqa: SIM115 - kept open across writes
        info = _serialize(self._builder, build_warcinfo(self._builder, name, self.info))
        try:
            write_all(self._file.fileno(), info, f"the warcinfo record of {name}", self.directory)
            os.fsync(self._file.fileno())
        except DiskFull:  # a file with no whole record is no WARC: none is left behind
            self._file.close()
            self._file = None
            self._path.unlink()
            raise
        self.files.append(self._path)
        logger.info("Opened WARC %s", self._path)


def _warc_date(when: datetime | None) -> str:
    return datetime_to_iso_date((when or datetime.now(UTC)).replace(tzinfo=None), True)


def _serialize(builder: WARCWriter, record: ArcWarcRecord) -> bytes:
    buffer = io.BytesIO()
    builder.out = buffer
    builder.write_record(record)
    return buffer.getvalue()
