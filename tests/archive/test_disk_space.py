"""A full disk said in one line, whole writes, and the space reserve.

Writers meeting a real full disk (a small tmpfs) are in `tests/faults/`; this is the level below.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest

from archive.disk_space import (
    DiskFull,
    SpaceReserve,
    as_disk_full,
    disk_full_line,
    free_bytes,
    is_disk_full,
    write_all,
)


@pytest.mark.parametrize(
    ("error", "full"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), True),
        (OSError(errno.EDQUOT, "Disk quota exceeded"), True),
        (OSError(errno.EACCES, "Permission denied"), False),
        (sqlite3.OperationalError("database or disk is full"), True),
        (sqlite3.OperationalError("database is locked"), False),
        (ValueError("disk is full"), False),
    ],
)
def test_which_errors_are_a_full_disk(error: BaseException, full: bool) -> None:
    assert is_disk_full(error) is full
    assert (as_disk_full(error, Path("/x"), "y") is not None) is full


def test_the_message_names_folder_size_free_space_and_what_to_do(tmp_path: Path) -> None:
    error = DiskFull(tmp_path, 12_345, "a line of articles.jsonl")
    text = str(error)
    assert text.startswith(f"no space left in {tmp_path} to write a line of articles.jsonl (12,345 bytes, ")
    assert f"{error.free:,} bytes free" in text and "run the same command again" in text
    assert "\n" not in text
    assert "0 bytes," not in str(DiskFull(tmp_path, 0, "x"))  # an unknown size is left out


def test_the_os_error_becomes_one_line_naming_its_file(tmp_path: Path) -> None:
    error = OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "index.cdxj"))
    line = disk_full_line(error)
    assert line is not None and line.startswith(f"no space left in {tmp_path} to write index.cdxj (")
    assert disk_full_line(OSError(errno.ENOENT, "gone")) is None
    same = DiskFull(tmp_path, 1, "x")
    assert as_disk_full(same, tmp_path, "y") is same


def test_free_bytes_looks_at_the_nearest_existing_folder(tmp_path: Path) -> None:
    assert free_bytes(tmp_path / "not" / "yet" / "made") == free_bytes(tmp_path) > 0


def test_write_all_writes_everything_at_the_position_or_at_the_end(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"0123456789")
    fd = os.open(path, os.O_WRONLY)
    try:
        os.lseek(fd, 4, os.SEEK_SET)
        write_all(fd, b"ab", "x", tmp_path)
    finally:
        os.close(fd)
    assert path.read_bytes() == b"0123ab6789"
    fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    try:
        write_all(fd, b"!" * 100_000, "x", tmp_path, append=True)
    finally:
        os.close(fd)
    assert path.read_bytes() == b"0123ab6789" + b"!" * 100_000


def test_the_reserve_holds_real_blocks_and_gives_them_back(tmp_path: Path) -> None:
    reserve = SpaceReserve(tmp_path / "run" / ".reserve", size=64 * 1024)
    reserve.hold()
    assert reserve.path.stat().st_size == 64 * 1024
    assert reserve.path.stat().st_blocks * 512 >= 64 * 1024  # not a sparse file
    reserve.release()
    assert not reserve.path.exists()
    reserve.release()  # twice is harmless: the run releases it on every way out
    SpaceReserve(tmp_path / "none", size=0).hold()
    assert not (tmp_path / "none").exists()
