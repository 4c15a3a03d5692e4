"""One crawl per site folder at a time: an OS lock on `DIR/<site>/.lock`.

`fcntl.flock` belongs to the open file, so the kernel drops it when the holder exits in any way
(SIGKILL, power loss): a killed crawl never leaves a stale lock. The file's text (pid and start
time of the holder) is only for the message the second crawl prints; it may outlive the lock.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

LOCK_FILE = ".lock"


class SiteBusy(Exception):
    """Raised by `site_lock` when another process holds the site's lock; the crawl command prints
    it as one line and exits 75 (EX_TEMPFAIL: cron and systemd may simply try again later)."""

    def __init__(self, site: str, holder: str) -> None:
        self.site, self.holder = site, holder
        super().__init__(
            f"another crawl of {site} is running ({holder}); "
            "wait for it to finish, or stop it, and run this again"
        )


@contextmanager
def site_lock(site_folder: Path, shared: bool = False) -> Iterator[Path]:
    """Hold the lock of `site_folder` (created if needed) for the duration of the block.

    Raises SiteBusy at once, without waiting, when another process holds it. `shared`: the workers
    of one Redis crawl (`spiders.redis_crawl`) hold it together; a crawl of its own excludes them.
    """
    site_folder.mkdir(parents=True, exist_ok=True)
    path = site_folder / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SiteBusy(site_folder.name, _holder(fd)) from None
        _write_holder(fd)
        yield path
    finally:
        os.close(fd)  # releases the lock


def _write_holder(fd: int) -> None:
    started = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"pid {os.getpid()}, since {started}\n".encode("ascii"), 0)


def _holder(fd: int) -> str:
    """What the holder wrote; it may not have written yet, the instant after taking the lock."""
    text = os.pread(fd, 200, 0).decode("ascii", "replace").strip()
    return text or "pid unknown"
