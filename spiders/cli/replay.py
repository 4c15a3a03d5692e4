"""`longform replay WARC... --out DIR`: the dataset again from WARC files (spiders/replay_command.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from spiders.cli.args import writable_folder


def add(commands: argparse._SubParsersAction) -> None:
    replay = commands.add_parser(
        "replay", help="re-derive the JSONL dataset from WARC files",
        description="Re-derive articles.jsonl and comments.jsonl from WARC files alone and print the "
        "field coverage of the records; exit 1 when a field is filled less often than its threshold "
        "(the site profile's [coverage]), as a crawl does.",
    )
    replay.add_argument("warcs", nargs="+", type=Path, metavar="WARC",
                        help="WARC files, or folders holding *.warc.gz")
    replay.add_argument("--out", type=Path, required=True, help="folder for the JSONL files")
    replay.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from spiders.replay_command import replay_warcs

    return replay_warcs(args.warcs, writable_folder(args.out))
