"""`longform index DIR|WARC...`: write a CDXJ index beside the WARC files of each folder.

Each folder holding WARCs gets `index.cdxj` covering every WARC in it (a WARC named on the command
line selects its folder), so an index never lists only part of its folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

from warcio.exceptions import ArchiveLoadFailed

from archive.index import write_index
from archive.reader import NotAWarcError, check_is_warc
from spiders.errors import EXIT_FAILED, EXIT_OK, UsageError

WARC_SUFFIXES = (".warc", ".warc.gz")


def index_paths(inputs: list[Path]) -> int:
    """Index every folder of WARCs the inputs name; print each index written."""
    folders = {folder: _warcs_in(folder) for folder in warc_folders(inputs)}
    for warcs in folders.values():
        for path in warcs:  # before anything is written: bad input leaves no index behind
            _check_warc(path)
    status = EXIT_OK
    for folder, warcs in folders.items():
        try:
            written = write_index(folder, warcs)
        except ArchiveLoadFailed as error:
            reason = str(error).splitlines()[0][:80]  # warcio quotes the unreadable bytes: keep it short
            print(f"longform: cannot index {folder}: warcio stopped at damage ({reason}...); no index "
                  f"written; `longform verify {folder}` names the damage", file=sys.stderr)
            return EXIT_FAILED
        except OSError as error:
            raise UsageError(f"cannot write the index in {folder}: {error.strerror}; the index goes beside "
                             f"the WARCs, so their folder must be writable") from None
        print(f"Indexed {written.captures} captures in {len(warcs)} WARC file(s): {written.path}")
        if written.complaints:
            print(f"longform: {folder}: warcio stopped at damage ({written.complaints[0]}); the index lists "
                  f"the records before it; `longform verify {folder}` names the damage", file=sys.stderr)
            status = EXIT_FAILED
    return status


def warc_folders(inputs: list[Path]) -> list[Path]:
    """The folders holding WARC files that the inputs are, contain, or are in; UsageError for others."""
    folders: dict[Path, None] = {}
    for path in inputs:
        if path.is_dir():
            found = sorted({warc.parent for warc in path.rglob("*") if _is_warc_name(warc)})
            if not found:
                raise UsageError(f"no .warc.gz files in folder {path}; give a dataset folder or WARC files")
            folders.update(dict.fromkeys(found))
        elif path.is_file():
            _check_warc(path)
            folders[path.parent] = None
        else:
            raise UsageError(f"{path}: no such file or folder; give WARC files or a dataset folder")
    return list(folders)


def _warcs_in(folder: Path) -> list[Path]:
    return sorted(path for path in folder.iterdir() if _is_warc_name(path))


def _is_warc_name(path: Path) -> bool:
    return path.is_file() and path.name.endswith(WARC_SUFFIXES)


def _check_warc(path: Path) -> None:
    try:
        if not path.name.endswith(WARC_SUFFIXES):
            raise NotAWarcError(f"{path}: not named .warc or .warc.gz")
        check_is_warc(path)
    except NotAWarcError as error:
        raise UsageError(f"{error}; give WARC files (.warc or .warc.gz) or folders") from None
