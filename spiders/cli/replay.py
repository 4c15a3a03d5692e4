"""`longform replay WARC... --out DIR`: the dataset again from WARC files (spiders/replay_command.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from spiders.cli.args import positive_int, writable_folder


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
    replay.add_argument("--workers", type=positive_int, default=None, metavar="N",
                        help="worker processes deriving the pages (default: one per core from 4 MB of "
                        "WARC on, else 1: in this process); the output is the same whatever N")
    replay.add_argument("--dask", metavar="tcp://HOST:PORT",
                        help="derive the pages on this dask.distributed scheduler's workers (they read "
                        "the WARC files by the same path; install longform-archiver[dask])")
    replay.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from spiders.replay_command import replay_warcs

    return replay_warcs(args.warcs, writable_folder(args.out), args.workers, args.dask)
