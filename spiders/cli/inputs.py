"""The WARC files and datasets the paths on a command line name: the one place that knows a WARC by
its name and a dataset by its JSONL files, for verify, index, pack, replay and serve.

A folder stands for every WARC file in it and below (sorted) and, where the command reads datasets,
the JSONL files in it or in its <site> subfolders; a file stands for itself. Missing paths and
folders holding nothing of the kind are a UsageError.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from pipelines.jsonl import ARTICLES_FILE, COMMENTS_FILE, part_name
from spiders.errors import UsageError

WARC_SUFFIXES = (".warc", ".warc.gz")
_OUR_NAME = re.compile(r"-(\d{20})-(\d{5})\.warc(\.gz)?$")
"""The end of a WARC file name our writer gives (`<prefix>-<UTC time to the µs>-<serial>`)."""
DATASET_FILES = (ARTICLES_FILE, COMMENTS_FILE)


@attrs.frozen
class Named:
    """What the paths named, each file once, in the order first named."""

    warcs: list[Path]
    jsonl: list[Path]  # always empty unless datasets were asked for

    @property
    def warc_folders(self) -> list[Path]:
        """The folders holding the WARC files, in order."""
        return list(dict.fromkeys(warc.parent for warc in self.warcs))


def is_warc_name(path: Path) -> bool:
    """Named as a WARC file is (.warc, .warc.gz)."""
    return path.name.endswith(WARC_SUFFIXES)


def warcs_under(folder: Path) -> list[Path]:
    """The WARC files in `folder` and its subfolders, sorted (`in_time_order`)."""
    return sorted((path for path in folder.rglob("*") if path.is_file() and is_warc_name(path)),
                  key=in_time_order)


def warcs_in(folder: Path) -> list[Path]:
    """The WARC files directly in `folder`, sorted (`in_time_order`)."""
    return sorted((path for path in folder.iterdir() if path.is_file() and is_warc_name(path)),
                  key=in_time_order)


def in_time_order(path: Path) -> tuple[str, str, str]:
    """Sort key: per folder, our files by the time in their name, then the others by name. The
    Redis workers' files of one folder (`<site>-<worker>-<time>-...`) then come crawl after crawl,
    not worker after worker: replay appends a record version once, as the crawls did.

    >>> names = ["s-w-b-20261201000000000001-00000.warc.gz", "s-w-a-20261202000000000000-00000.warc.gz",
    ...          "s-w-a-20261201000000000000-00000.warc.gz"]
    >>> [name[2:5] + " " + name[6:14] for name in sorted(names, key=lambda n: in_time_order(Path(n)))]
    ['w-a 20261201', 'w-b 20261201', 'w-a 20261202']
    """
    ours = _OUR_NAME.search(path.name)
    return str(path.parent), ours.group(1) + ours.group(2) if ours else "", path.name


def datasets_in(folder: Path) -> list[Path]:
    """The JSONL dataset files in `folder` or in its <site> subfolders, sorted (with the parts
    Redis workers write, `articles.<worker>.jsonl`)."""
    patterns = [pattern for name in DATASET_FILES for pattern in (name, part_name(name, "*"))]
    return sorted(path for pattern in patterns
                  for path in (*folder.glob(pattern), *folder.glob(f"*/{pattern}")))


def named(paths: list[Path], *, datasets: bool = False) -> Named:
    """The WARC files (and with `datasets`, the JSONL files) that `paths` name; UsageError for a
    missing path or a folder holding none. Files are not opened: callers check them."""
    warcs: list[Path] = []
    jsonl: list[Path] = []
    for path in paths:
        if path.is_dir():
            found_warcs, found_jsonl = warcs_under(path), datasets_in(path) if datasets else []
            if not found_warcs and not found_jsonl:
                also = f" or {ARTICLES_FILE}/{COMMENTS_FILE}" if datasets else ""
                raise UsageError(f"no .warc.gz files{also} in folder {path}; give a dataset folder as "
                                 f"`longform crawl` writes it (DIR/<site>/) or WARC files")
            warcs.extend(found_warcs)
            jsonl.extend(found_jsonl)
        elif path.is_file() and datasets and path.suffix == ".jsonl":
            jsonl.append(path)
        elif path.is_file():
            warcs.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder; give WARC files or a dataset folder")
    return Named(_unique(warcs), _unique(jsonl))


def _unique(paths: list[Path]) -> list[Path]:
    """Each file once (a folder and a file in it may both be named), in the order first named."""
    seen: dict[Path, Path] = {}
    for path in paths:
        seen.setdefault(path.resolve(), path)
    return list(seen.values())
