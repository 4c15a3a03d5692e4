"""Swap a rebuilt state database in for the old one, keeping the old one aside. No Scrapy.

The rebuilt database is written to `state.sqlite.rebuilding` and renamed over `state.sqlite` only
when complete (`os.replace` is atomic), so the state file is at every moment either the old one or
the whole new one. The old file (and its `-wal`, `-shm`, `-journal`) is kept as
`state.sqlite.damaged-<UTC timestamp>` (`.replaced-` when it checked sound): an archivist can
look into it, and nothing is ever deleted. Its `-wal` goes aside first: left next to the new file,
SQLite would try to replay it into it.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

SIDE_FILES = ("-wal", "-shm", "-journal")
REBUILDING = ".rebuilding"


def rebuild_path(state: Path) -> Path:
    """The temporary file a rebuild writes, emptied of what an earlier, killed rebuild left."""
    temp = state.with_name(state.name + REBUILDING)
    for suffix in ("", *SIDE_FILES):
        temp.with_name(temp.name + suffix).unlink(missing_ok=True)
    return temp


def install_rebuilt(temp: Path, state: Path, damaged: bool) -> Path | None:
    """Rename `temp` to `state`, the old `state` kept aside; the name it was kept under."""
    _fsync(temp)
    kept = None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = state.with_name(f"{state.name}.{'damaged' if damaged else 'replaced'}-{stamp}")
    serial = 1
    while aside.exists():  # a second rebuild within the same second
        serial += 1
        aside = aside.with_name(f"{state.name}.{'damaged' if damaged else 'replaced'}-{stamp}-{serial}")
    for suffix in SIDE_FILES:
        side = state.with_name(state.name + suffix)
        if side.exists():
            os.replace(side, aside.with_name(aside.name + suffix))
    if state.exists():
        os.link(state, aside)  # the old file stays reachable under both names until the swap
        kept = aside
    os.replace(temp, state)
    _fsync(state.parent)
    return kept


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
