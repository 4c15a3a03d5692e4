"""The writers on a disk that fills: the WARC writer and the JSONL appender cut back what they had
half-written and raise DiskFull; what is in the files stays readable to its last whole record."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tmpfs import small_disk
from warcio.archiveiterator import ArchiveIterator

from archive.disk_space import DiskFull, SpaceReserve
from archive.records import Exchange
from archive.writer import RollingWarcWriter
from pipelines.jsonl import JsonlAppender


def _exchange(number: int) -> Exchange:
    # Random bytes: gzip cannot shrink them, so the disk fills after a known few records.
    return Exchange(
        url=f"http://127.0.0.1/page-{number}", method="GET", request_headers=(("Accept", "*/*"),),
        request_body=b"", protocol="HTTP/1.1", status=200,
        response_headers=(("Content-Type", "application/octet-stream"),), response_body=os.urandom(9000),
    )


def test_the_warc_writer_cuts_back_to_the_last_whole_exchange(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "64k") as disk:
        writer = RollingWarcWriter(disk / "warc", "t", {"crawl-id": "c"})
        written = 0
        with pytest.raises(DiskFull) as raised:
            for number in range(100):
                writer.write_exchange(_exchange(number))
                written += 1
        writer.close()
        (path,) = writer.files
        assert f"no space left in {disk / 'warc'}" in str(raised.value)
        assert raised.value.needed > 9000 and "bytes free" in str(raised.value)
        with open(path, "rb") as stream:
            kinds = [record.rec_type for record in ArchiveIterator(stream)]
        assert 3 <= written < 100
        assert kinds == ["warcinfo"] + ["response", "request"] * written
        check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", str(path)],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr


def test_the_jsonl_appender_never_leaves_a_torn_line(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "32k") as disk:
        appender = JsonlAppender(disk / "comments.jsonl")
        written = 0
        with pytest.raises(DiskFull):
            for number in range(1000):
                appender.write({"id": str(number), "text": os.urandom(700).hex()})
                written += 1
        appender.close()
        data = (disk / "comments.jsonl").read_bytes()
        assert data.endswith(b"\n")
        assert [json.loads(line)["id"] for line in data.splitlines()] == [str(n) for n in range(written)]


def test_the_space_reserve_is_not_left_behind_when_it_does_not_fit(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "64k") as disk:
        with pytest.raises(DiskFull, match="the space reserve"):
            SpaceReserve(disk / ".space-reserve", 1 << 20).hold()
        assert not (disk / ".space-reserve").exists()
        reserve = SpaceReserve(disk / ".space-reserve", 16 << 10)
        reserve.hold()
        assert (disk / ".space-reserve").stat().st_blocks * 512 >= 16 << 10  # real blocks, not sparse
        reserve.release()
        assert not (disk / ".space-reserve").exists()
