"""CDXJ indexes of WARC files, as `cdxj-indexer` (the indexer pywb uses) writes them, and lookups.

One index per folder of WARCs, `<folder>/index.cdxj`, covering every WARC in that folder with
file names relative to it, so the folder can move as a whole and pywb or ReplayWeb.page read it.
Each line is `SURT TIMESTAMP {json}`; the JSON carries pywb's fields (url, mime, status, digest,
length, offset, filename) plus `warc-record-id`, so a record can be found by its id.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import attrs
import surt
from cdxj_indexer.main import SortingWriter

from archive.cdxj import RECORD_ID_FIELD, cdxj_lines
from archive.warc_scan import Damage

INDEX_NAME = "index.cdxj"
REVISIT_MIME = "warc/revisit"
"""The mime an index line gives a revisit record (archive/cdxj.py, as cdxj-indexer writes it)."""

_LineTest = Callable[[str], bool]


@attrs.define(frozen=True)
class Capture:
    """One line of a CDXJ index: a response record of a URL at a time, and where it is."""

    urlkey: str
    timestamp: str
    url: str
    status: str
    mime: str
    record_id: str
    warc: Path
    offset: int
    length: int

    @classmethod
    def from_line(cls, line: str, folder: Path) -> Capture:
        urlkey, timestamp, fields = line.rstrip("\n").split(" ", 2)
        data = json.loads(fields)
        return cls(
            urlkey=urlkey,
            timestamp=timestamp,
            url=data.get("url", ""),
            status=data.get("status", "-"),
            mime=data.get("mime", "-"),
            record_id=data.get(RECORD_ID_FIELD, ""),
            warc=folder / data["filename"],
            offset=int(data["offset"]),
            length=int(data["length"]),
        )


@attrs.define(frozen=True)
class IndexWritten:
    """What `write_index` did."""

    path: Path
    captures: int
    damage: list[Damage]
    """Each damaged span or record met: the index lists the intact records around them."""
    unopenable: int = 0
    """Records left out because they share a gzip member with the record before them."""


def write_index(folder: Path, warcs: Iterable[Path]) -> IndexWritten:
    """Index `warcs` (all in `folder`) into `folder/index.cdxj`, sorted (`archive.cdxj`).

    Written to a temporary file and renamed over the old index, so a failed run leaves the old one.
    """
    target = folder / INDEX_NAME
    partial = folder / f".{INDEX_NAME}.partial"
    damage: list[Damage] = []
    captures = unopenable = 0
    try:
        with open(partial, "w", encoding="utf-8") as out:
            lines = SortingWriter(out)  # cdxj-indexer's: sorts in memory, spills to temp files when large
            for path in warcs:
                for item in cdxj_lines(path, os.path.relpath(path, folder).replace(os.sep, "/")):
                    if isinstance(item, Damage):
                        damage.append(item)
                    elif isinstance(item, str):
                        lines.write(item)
                        captures += 1
                    else:
                        unopenable += 1
            lines.flush()
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return IndexWritten(target, captures, damage, unopenable)


def index_is_current(folder: Path) -> bool:
    """Whether `folder/index.cdxj` exists and is newer than every WARC in `folder` (a WARC written
    or grown after it may hold captures the index does not list)."""
    index = folder / INDEX_NAME
    if not index.is_file():
        return False
    written = index.stat().st_mtime
    return all(warc.stat().st_mtime <= written for warc in folder.glob("*.warc*"))


def url_key(url: str) -> str:
    """The SURT form pywb sorts and looks up captures by.

    >>> url_key("https://www.Example.org/archives/2024/?b=2&a=1")
    'org,example)/archives/2024?a=1&b=2'
    """
    return str(surt.surt(url))


def find_captures(indexes: Iterable[Path], url: str) -> list[Capture]:
    """Every capture of `url` (SURT-equal URLs, as pywb matches them), oldest first."""
    prefix = url_key(url) + " "
    found = list(_captures(indexes, lambda line: line.startswith(prefix)))
    return sorted(found, key=lambda capture: (capture.timestamp, str(capture.warc), capture.offset))


def latest_content(indexes: Iterable[Path], url: str) -> Capture | None:
    """The newest capture of `url` that holds its content: revisit records are skipped (each says
    the content is that of an earlier capture, and holds no body of its own)."""
    holding = [capture for capture in find_captures(indexes, url) if capture.mime != REVISIT_MIME]
    return holding[-1] if holding else None


def unindexed_folders(folder: Path) -> list[Path]:
    """The folders under `folder` (itself included) that hold WARC files but no index: `show` and
    pywb find none of their captures until `longform index` writes one."""
    warcs = {path.parent for suffix in ("*.warc", "*.warc.gz") for path in folder.rglob(suffix)}
    return sorted(warc_folder for warc_folder in warcs if not (warc_folder / INDEX_NAME).is_file())


def find_record(indexes: Iterable[Path], record_id: str) -> Capture | None:
    """The capture whose WARC-Record-ID is `record_id`, if an index lists it."""
    return find_records(indexes, [record_id]).get(record_id)


def find_records(indexes: Iterable[Path], record_ids: Iterable[str]) -> dict[str, Capture]:
    """The captures of those of `record_ids` the indexes list, by record id.

    One pass over the indexes however many ids are asked for (a whole JSONL file's worth), rather
    than one pass per id.
    """
    wanted = set(record_ids)
    needles = [json.dumps(record_id) for record_id in wanted]
    # A substring test is much cheaper than parsing each line's JSON, while the ids are few.
    few = len(needles) <= 16
    test: _LineTest = (lambda line: any(n in line for n in needles)) if few else (lambda _: True)
    found: dict[str, Capture] = {}
    for capture in _captures(indexes, test):
        if capture.record_id in wanted:
            found.setdefault(capture.record_id, capture)
    return found


def _captures(indexes: Iterable[Path], wanted: _LineTest) -> Iterator[Capture]:
    for index in indexes:
        with open(index, encoding="utf-8") as lines:
            for line in lines:
                if wanted(line) and not line.startswith("!"):
                    yield Capture.from_line(line, index.parent)
