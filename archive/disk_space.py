"""A full disk, said in one line: which folder, how much was free, what could not be written.

No Scrapy here. Writers call `write_all` and turn ENOSPC/EDQUOT into `DiskFull` after cutting back
what they had half-written; `SpaceReserve` keeps a little space aside so that, once the disk is
full, the run can still put its state database in order and write its report.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
_SQLITE_FULL = 13  # SQLITE_FULL: "database or disk is full"
DEFAULT_RESERVE = 1 << 20


class DiskFull(Exception):
    """The disk under `folder` is full: `needed` bytes of `what` could not be written."""

    def __init__(self, folder: Path, needed: int, what: str) -> None:
        self.folder = folder
        self.needed = needed
        self.what = what
        self.free = free_bytes(folder)
        size = f"{needed:,} bytes, " if needed else ""
        super().__init__(
            f"no space left in {folder} to write {what} ({size}{self.free:,} bytes free); "
            "free some space and run the same command again to finish"
        )


def is_disk_full(error: BaseException) -> bool:
    """True for ENOSPC / EDQUOT and SQLite's 'database or disk is full'."""
    if isinstance(error, DiskFull):
        return True
    if isinstance(error, OSError):
        return error.errno in _FULL_ERRNOS
    if isinstance(error, sqlite3.OperationalError):
        return getattr(error, "sqlite_errorcode", None) == _SQLITE_FULL or "disk is full" in str(error)
    return False


def as_disk_full(error: BaseException, folder: Path, what: str) -> DiskFull | None:
    """`error` as a DiskFull (SQLite's and the OS's own words say less), None when it is another."""
    if isinstance(error, DiskFull):
        return error
    return DiskFull(folder, 0, what) if is_disk_full(error) else None


def disk_full_line(error: BaseException) -> str | None:
    """What to tell the user when `error` is a full disk (None when it is not)."""
    if not is_disk_full(error):
        return None
    if isinstance(error, DiskFull):
        return str(error)
    where = getattr(error, "filename", None)
    folder = Path(where).parent if where else Path.cwd()
    return str(DiskFull(folder, 0, Path(where).name if where else "the output"))


def free_bytes(folder: Path) -> int:
    """Bytes free for us under `folder` (its nearest existing ancestor), 0 when unknown."""
    path = folder
    while not path.exists() and path != path.parent:
        path = path.parent
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return 0


def write_all(fd: int, data: bytes, what: str, folder: Path, append: bool = False) -> None:
    """Write all of `data` at `fd`'s position (its end when `append`: O_APPEND files); on a full
    disk cut the file back to where it was (so no torn record stays) and raise DiskFull."""
    start = os.fstat(fd).st_size if append else os.lseek(fd, 0, os.SEEK_CUR)
    view = memoryview(data)
    try:
        while view:
            view = view[os.write(fd, view):]
    except OSError as error:
        if not is_disk_full(error):
            raise
        os.ftruncate(fd, start)  # truncating needs no space
        os.lseek(fd, start, os.SEEK_SET)
        raise DiskFull(folder, len(data), what) from None


class SpaceReserve:
    """A file of `size` bytes of real blocks: given back when the disk fills, so the run can still
    close its state and write its report. Creating it fails with DiskFull when there is no room."""

    def __init__(self, path: Path, size: int = DEFAULT_RESERVE) -> None:
        self.path = path
        self.size = size

    def hold(self) -> None:
        """Create the reserve (zeros, fsync'd: a sparse file would hold nothing)."""
        if self.size <= 0:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            write_all(fd, bytes(self.size), "the space reserve", self.path.parent)
            os.fsync(fd)
        except BaseException:
            os.close(fd)
            self.release()
            raise
        os.close(fd)

    def release(self) -> None:
        self.path.unlink(missing_ok=True)
