"""`longform rebuild-state SITE|DIR`: a damaged or lost state database, rebuilt from the archive."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from archive.state import STATE_FILE
from archive.state_check import state_problem
from spiders.errors import EXIT_OK, EXIT_TEMPFAIL, UsageError
from spiders.progress import ProgressLine
from spiders.site_lock import SiteBusy, site_lock
from spiders.state_rebuild import archive_files, has_archive, rebuild_state


def rebuild(source: str, data: Path) -> int:
    """Rebuild the state of `source` (a site folder, or a site name in `data`)."""
    folder = site_folder(source, data)
    try:
        with site_lock(folder):
            return _rebuild_locked(folder)
    except SiteBusy as busy:
        print(f"longform: {busy}", file=sys.stderr)
        return EXIT_TEMPFAIL


def site_folder(source: str, data: Path) -> Path:
    """DIR/<site>/ holding warc/ and the JSONL files: `source` itself, or DATA/<site>."""
    path = Path(source)
    if not path.is_dir():
        path = data / source
    if not path.is_dir() or not has_archive(path):
        raise UsageError(f"no archive of {source!r} (no warc/*.warc.gz or JSONL files in {path}); "
                         "give the site folder (DIR/<site>/) or a site name with --data DIR")
    return path


def _rebuild_locked(folder: Path) -> int:
    state = folder / STATE_FILE
    problem = state_problem(state, archive_exists=True)
    print(f"{state} {problem}; rebuilding it" if problem else f"{state} checks sound; rebuilding it anyway",
          file=sys.stderr)
    total = sum(path.stat().st_size for path in archive_files(folder))
    progress = ProgressLine("rebuilding state", total) if sys.stderr.isatty() else None
    started = time.monotonic()
    try:
        result = rebuild_state(folder, damaged=problem is not None,
                               progress=progress.update if progress else None)
    finally:
        if progress:
            progress.close()
    aside = f"; the old one is kept as {result.kept_aside}" if result.kept_aside else ""
    print(f"Rebuilt {result.state} in {time.monotonic() - started:.1f}s from {result.warc_files} WARC "
          f"file(s) ({result.answers:,} answers, {len(result.runs)} runs) and {result.records:,} JSONL "
          f"records{aside}")
    for damage in result.unreadable:
        print(f"longform: warning: {damage}; read up to the damage (check with `longform verify "
              f"{folder}`); what follows it will be fetched again", file=sys.stderr)
    return EXIT_OK
