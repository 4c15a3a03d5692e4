"""`longform export SITE|DIR --out DIR2`: the latest version of every record (spiders/export_command.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from spiders.cli.args import iso_date
from spiders.errors import UsageError


def add(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser(
        "export", help="write a consolidated dataset: the latest version of every article and comment",
        description="Runs append changed records to the JSONL files; export keeps the latest version "
        "of each (by fetched_at) in DIR2/articles.jsonl and DIR2/comments.jsonl.",
    )
    export.add_argument("source", metavar="SITE|DIR",
                        help="a site name (its dataset is DATA/<site>/) or a dataset folder")
    export.add_argument("--out", type=Path, required=True, metavar="DIR2", help="folder to write to")
    export.add_argument("--data", type=Path, default=Path("data"),
                        help="data folder a SITE is looked up in (default: ./data)")
    export.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD",
                        help="only articles published, and comments posted, on or after this UTC day")
    export.add_argument("--pseudonymize-commenters", action="store_true",
                        help="replace commenter names and URLs with salted stable hashes")
    export.add_argument("--salt-file", type=Path, metavar="F",
                        help="salt for the pseudonyms (default: DATA/<site>/pseudonym-salt, "
                        "created on first use)")
    export.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from spiders.export_command import export

    if args.salt_file and not args.pseudonymize_commenters:
        raise UsageError("--salt-file is only used with --pseudonymize-commenters; "
                         "add that option or drop --salt-file")
    return export(args.source, args.data, args.out, args.since, args.pseudonymize_commenters,
                  args.salt_file)
