"""`longform index DIR|WARC...`: CDXJ indexes beside the WARC files (spiders/index_command.py)."""

from __future__ import annotations

import argparse
from pathlib import Path


def add(commands: argparse._SubParsersAction) -> None:
    index = commands.add_parser(
        "index", help="write CDXJ indexes (cdxj-indexer, as pywb uses) beside the WARC files",
        description="Write index.cdxj in each folder of WARC files, covering every WARC in it.",
    )
    index.add_argument("paths", nargs="+", type=Path, metavar="DIR|WARC",
                       help="data or dataset folders, or WARC files (their folder is indexed)")
    index.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from spiders.index_command import index_paths

    return index_paths(args.paths)
