"""`longform index DIR|WARC...`: write a CDXJ index beside the WARC files of each folder.

Each folder holding WARCs gets `index.cdxj` covering every WARC in it (a WARC named on the command
line selects its folder), so an index never lists only part of its folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

from archive.index import write_index
from archive.reader import NotAWarcError, check_is_warc
from spiders.cli.inputs import is_warc_name, named, warcs_in
from spiders.damage_report import DamageReport
from spiders.errors import EXIT_FAILED, EXIT_OK, UsageError


def index_paths(inputs: list[Path]) -> int:
    """Index every folder of WARCs the inputs name; print each index written."""
    folders = {folder: warcs_in(folder) for folder in warc_folders(inputs)}
    for warcs in folders.values():
        for path in warcs:  # before anything is written: bad input leaves no index behind
            _check_warc(path)
    damage = DamageReport()
    for folder, warcs in folders.items():
        try:
            written = write_index(folder, warcs)
        except OSError as error:
            raise UsageError(f"cannot write the index in {folder}: {error.strerror}; the index goes beside "
                             f"the WARCs, so their folder must be writable") from None
        for span in written.damage:
            damage.add(span)
        print(f"Indexed {written.captures} captures in {len(warcs)} WARC file(s): {written.path}")
        if written.unopenable:
            print(f"longform: {folder}: {written.unopenable} record(s) not indexed: they share a gzip member "
                  "with the record before them, so no offset opens them; `warcio recompress` writes the "
                  "file again with one member per record", file=sys.stderr)
    return EXIT_FAILED if damage.close() else EXIT_OK


def warc_folders(inputs: list[Path]) -> list[Path]:
    """The folders holding WARC files that the inputs are, contain, or are in; UsageError for others."""
    folders: dict[Path, None] = {}
    for path in inputs:
        warcs = named([path]).warcs
        if path.is_file():
            _check_warc(path)
        folders.update(dict.fromkeys(sorted({warc.parent for warc in warcs})))
    return list(folders)


def _check_warc(path: Path) -> None:
    try:
        if not is_warc_name(path):
            raise NotAWarcError(f"{path}: not named .warc or .warc.gz")
        check_is_warc(path)
    except NotAWarcError as error:
        raise UsageError(f"{error}; give WARC files (.warc or .warc.gz) or folders") from None
