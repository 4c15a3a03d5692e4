"""`longform crawl SITE`: crawl a site into WARC + JSONL (the crawl itself: spiders/crawl_command.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from spiders.cli.args import iso_date, positive_int, writable_folder


def add(commands: argparse._SubParsersAction) -> None:
    crawl = commands.add_parser("crawl", help="crawl a site into WARC + JSONL")
    crawl.add_argument("site", help="bundled profile name (see `longform sites`), "
                       "a profile .toml file, or a WordPress site URL")
    crawl.add_argument("--out", type=Path, default=Path("data"),
                       help="data folder; the site writes to OUT/<site>/ (default: ./data)")
    crawl.add_argument("--max-articles", type=positive_int, metavar="N",
                       help="stop discovering after N article pages")
    crawl.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD",
                       help="only articles published on or after this date")
    crawl.add_argument("--full", action="store_true",
                       help="fetch every article and comment page again, as if there were no state "
                       "(default: incremental once OUT/<site>/state.sqlite exists)")
    crawl.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from spiders.crawl_command import crawl_site

    return crawl_site(args.site, writable_folder(args.out), args.max_articles, args.since,
                      full=args.full)
