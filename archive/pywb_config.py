"""pywb's configuration for replaying our datasets: one collection per folder of WARCs.

pywb reads a YAML file (`PYWB_CONFIG_FILE`) naming, per collection, the CDXJ index to look
captures up in and the folder the index's file names are relative to (`longform index` writes
`index.cdxj` beside the WARCs, so both are the WARC folder). The collection is the dataset folder's
name (archive/replay_url.py), so the replay URLs `longform show --replay-url` prints resolve.

Replay is unframed (`framed_replay: false`): a replay URL answers with the archived page itself
(rewritten, with pywb's banner), not with a frame around it, so a plain HTTP client sees the page.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import attrs

from archive.index import INDEX_NAME
from archive.replay_url import collection_name


@attrs.define(frozen=True)
class Collection:
    """A folder of WARCs (with its `index.cdxj`) published under `name`."""

    name: str
    warc_folder: Path

    @classmethod
    def of(cls, warc_folder: Path) -> Collection:
        """The collection of a WARC folder, named as replay URLs name it (the dataset folder)."""
        folder = warc_folder.resolve()
        return cls(collection_name(folder), folder)

    @property
    def index(self) -> Path:
        """The CDXJ index pywb looks captures up in."""
        return self.warc_folder / INDEX_NAME


def config_yaml(collections: Iterable[Collection]) -> str:
    """The text of a pywb config file publishing `collections`.

    Strings are written as JSON strings, which YAML reads as double-quoted scalars, so a path
    with spaces, colons or non-ASCII letters needs no further quoting rules.

    >>> print(config_yaml([Collection("demo", Path("/data/demo/warc"))]), end="")
    collections:
      "demo":
        index_paths: "/data/demo/warc/index.cdxj"
        archive_paths: "/data/demo/warc/"
    framed_replay: false
    """
    lines = ["collections:"]
    for collection in collections:
        lines += [
            f"  {json.dumps(collection.name)}:",
            f"    index_paths: {json.dumps(str(collection.index))}",
            # A prefix the index's file names are appended to: it must end with the separator.
            f"    archive_paths: {json.dumps(str(collection.warc_folder) + '/')}",
        ]
    lines.append("framed_replay: false")
    return "\n".join(lines) + "\n"
