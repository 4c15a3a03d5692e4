"""The run's disk queue folder (Scrapy's `JOBDIR`), and the removal of those dead runs left behind.

A run removes its own queue folder when it ends (`spiders.run_lifecycle`); a run killed with
SIGKILL (the OOM killer, a power loss, `kill -9`) cannot. So the folder's name says whose it is,
`longform-queue-<site>@<pid>.<start>-<random>` (`<start>`: the process's start time in clock ticks
since boot, so a pid used again by another process does not keep a dead run's folder), and every
run first removes the folders of runs whose process is gone: crawls of other sites and Redis
workers running at the same time on this machine keep theirs. Only folders of this user, named
so, are touched: a `JOBDIR` given with `-s` is never one, and neither are folders of older
versions (`longform-queue-<site>-<random>`, no owner in the name: their run may still be going).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import stat
import tempfile
from pathlib import Path

logger = logging.getLogger(__name__)

QUEUE_PREFIX = "longform-queue-"
OWNED = re.compile(rf"{re.escape(QUEUE_PREFIX)}[^@/]+@(?P<pid>\d+)\.(?P<start>\d+)-[^@/]+")
"""'@' is in no site name (`scrapers.profile_keys.plain_name`) nor in mkdtemp's random part."""


def new_queue_folder(site: str, parent: Path | None = None) -> Path:
    """A fresh queue folder for a run of `site` by this process, after removing dead runs' ones."""
    parent = Path(parent or tempfile.gettempdir())
    remove_dead_queues(parent)
    owner = f"{os.getpid()}.{start_time(os.getpid()) or 0}"
    return Path(tempfile.mkdtemp(prefix=f"{QUEUE_PREFIX}{site}@{owner}-", dir=parent))


def remove_dead_queues(parent: Path) -> list[Path]:
    """Remove the queue folders in `parent` whose run's process is gone; those removed."""
    removed: list[Path] = []
    try:
        names = os.listdir(parent)
    except OSError:
        return removed
    for name in names:
        owner = OWNED.fullmatch(name)
        if owner is None or _alive(int(owner["pid"]), int(owner["start"])):
            continue
        path = parent / name
        if _mine(path):
            shutil.rmtree(path, ignore_errors=True)
            if not path.exists():
                logger.info("Removed %s, the disk queue of a run that was killed", path)
                removed.append(path)
    return removed


def start_time(pid: int) -> int | None:
    """When process `pid` started (clock ticks since boot, /proc); None when unknown or gone (a
    zombie, killed and not yet waited for, is gone)."""
    try:
        stat_line = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # Fields 3 (state) and 22; the command name (field 2, in parentheses) may hold spaces and ')'.
    fields = stat_line.rsplit(")", 1)[-1].split()
    if len(fields) < 20 or fields[0] == "Z" or not fields[19].isdigit():
        return None
    return int(fields[19])


def _alive(pid: int, start: int) -> bool:
    if Path("/proc/self/stat").exists():
        return start_time(pid) == start if start else start_time(pid) is not None
    try:  # no /proc (macOS): the pid alone
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _mine(path: Path) -> bool:
    """A real folder (not a link someone put in the shared /tmp) of this user."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()
