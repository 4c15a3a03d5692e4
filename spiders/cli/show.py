"""`longform show RECORD_ID|URL|-`: an archived response or a URL's captures (spiders/show_command.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from archive.replay_url import DEFAULT_BASE
from spiders.cli.args import http_base


def add(commands: argparse._SubParsersAction) -> None:
    show = commands.add_parser(
        "show", help="print an archived HTTP response by record id, or list the captures of a URL",
        description="Look up the CDXJ indexes under --dir (run `longform index` first).",
    )
    show.add_argument("target", metavar="RECORD_ID|URL|-",
                      help="a WARC-Record-ID (<urn:uuid:...>, as in a record's provenance), a URL, "
                      "or - to read JSONL records (lines of articles.jsonl, comments.jsonl) from stdin")
    show.add_argument("--dir", type=Path, default=Path("data"),
                      help="folder holding the indexed WARCs (default: ./data)")
    what = show.add_mutually_exclusive_group()
    what.add_argument("--body", action="store_true",
                      help="print only the body (Content-Encoding undone), e.g. to save the page; "
                      "for a URL, the body of its latest capture (revisit records skipped)")
    what.add_argument("--replay-url", action="store_true",
                      help="print the pywb replay URL of each record or capture instead "
                      "(BASE/COLLECTION/TIMESTAMP/URL; the collection is the dataset folder's name)")
    show.add_argument("--base", type=http_base, default=DEFAULT_BASE, metavar="URL",
                      help=f"the pywb the replay URLs point at (default: {DEFAULT_BASE})")
    show.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from spiders.show_command import show

    return show(args.target, args.dir, args.body, args.base if args.replay_url else None)
