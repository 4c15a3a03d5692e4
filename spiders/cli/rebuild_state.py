"""`longform rebuild-state SITE|DIR`: the state database rebuilt from the archive
(spiders/rebuild_command.py)."""

from __future__ import annotations

import argparse
from pathlib import Path


def add(commands: argparse._SubParsersAction) -> None:
    rebuild = commands.add_parser(
        "rebuild-state", help="rebuild a damaged or lost state.sqlite from the site's WARC and JSONL files",
        description="Rebuild DIR/<site>/state.sqlite (captures and validators, the article and comment-page "
        "schedule, the record ledger, the runs) from the WARC files and JSONL files, into a new file "
        "swapped in when complete; the old file is kept as state.sqlite.damaged-<timestamp>.",
    )
    rebuild.add_argument("source", metavar="SITE|DIR",
                         help="the site folder (DIR/<site>/) or a site name (its folder is DATA/<site>/)")
    rebuild.add_argument("--data", type=Path, default=Path("data"),
                         help="data folder a SITE is looked up in (default: ./data)")
    rebuild.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from spiders.rebuild_command import rebuild

    return rebuild(args.source, args.data)
