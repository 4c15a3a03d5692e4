"""`longform verify DIR|WARC...`: are the WARCs whole and does every record point into them
(spiders/verify_command.py)."""

from __future__ import annotations

import argparse
from pathlib import Path


def add(commands: argparse._SubParsersAction) -> None:
    verify = commands.add_parser(
        "verify", help="check WARC digests and records, and that every JSONL record points into them",
        description="Check every WARC record, ours or another tool's (gzip member intact, Content-Length, "
        "block and payload digests in any algorithm and encoding, revisits too; in our own files a request "
        "for every response) and, for a dataset folder, that every JSONL record's provenance opens its "
        "WARC record. Reads on after damage; one line per damaged span or problem; records without "
        "digests are counted as not checkable. Exit 0 when nothing is damaged, 1 when something is.",
    )
    verify.add_argument("paths", nargs="+", type=Path, metavar="DIR|WARC",
                        help="dataset folders (DIR/<site>/ or DIR), WARC files or JSONL files")
    verify.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from spiders.verify_command import verify_paths

    return verify_paths(args.paths)
