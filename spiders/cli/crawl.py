"""`longform crawl SITE`: crawl a site into WARC + JSONL (the crawl itself: spiders/crawl_command.py)."""

from __future__ import annotations

import argparse
import logging
import math
import os
import sys
from pathlib import Path

from spiders.cli.args import iso_date, positive_int, writable_folder

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def add(commands: argparse._SubParsersAction) -> None:
    crawl = commands.add_parser(
        "crawl", help="crawl a site into WARC + JSONL",
        description="Crawl a site into OUT/<site>/. On a terminal one progress line shows the "
        "crawl; Scrapy's full log goes to OUT/<site>/logs/<crawl id>.log, and warnings and errors "
        "to stderr.")
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
    crawl.add_argument("--redis", metavar="URL", default=os.environ.get("LONGFORM_REDIS_URL") or None,
                       help="run as one worker of a crawl shared through Redis "
                       "(redis://HOST:PORT/DB; default: $LONGFORM_REDIS_URL); start as many as you "
                       "like, on as many machines")
    crawl.add_argument("--worker-id", metavar="NAME",
                       help="with --redis: this worker's name in its file names (default: <host>-<n>, "
                       "the first free slot of this machine)")
    _add_politeness(crawl)
    _add_output(crawl)
    crawl.set_defaults(handler=run)


def _add_politeness(crawl: argparse.ArgumentParser) -> None:
    crawl.add_argument("--delay", type=_seconds, metavar="SECONDS",
                       help="seconds between requests to the site (default: the profile's)")
    crawl.add_argument("--concurrency", type=positive_int, metavar="N",
                       help="requests in flight at once (default: the profile's)")
    crawl.add_argument("--user-agent", type=_user_agent, metavar="STR",
                       help="the User-Agent header sent (default: the profile's, else the archiver's)")
    crawl.add_argument("--extract-workers", type=_workers, metavar="N",
                       help="processes on this machine extracting pages while the crawl fetches "
                       "(default: one per core; 0: extract in the crawl's own process)")


def _add_output(crawl: argparse.ArgumentParser) -> None:
    shown = crawl.add_mutually_exclusive_group()
    shown.add_argument("-v", "--verbose", action="store_const", dest="log_level", const="INFO",
                       help="show Scrapy's INFO log on stderr too (same as --log-level INFO)")
    shown.add_argument("--log-level", type=str.upper, choices=LEVELS, metavar="LEVEL",
                       help=f"lowest level shown on stderr, one of {', '.join(LEVELS)} "
                       "(default: WARNING; DEBUG also goes to the log file)")
    shown.add_argument("-q", "--quiet", action="store_true",
                       help="no progress line; errors only on stderr (the summary still prints)")


def run(args: argparse.Namespace) -> int:
    from spiders.crawl_command import crawl_site
    from spiders.crawl_log import CrawlOutput

    level = logging.ERROR if args.quiet else logging.getLevelName(args.log_level or "WARNING")
    output = CrawlOutput(stderr_level=level, progress=sys.stderr.isatty() and not args.quiet)
    politeness = {name: value for name, value in (
        ("LONGFORM_DELAY", args.delay), ("LONGFORM_CONCURRENCY", args.concurrency),
        ("LONGFORM_USER_AGENT", args.user_agent), ("LONGFORM_EXTRACT_WORKERS", args.extract_workers),
        ("LONGFORM_REDIS_URL", args.redis), ("LONGFORM_WORKER_ID", args.worker_id),
    ) if value is not None}
    return crawl_site(args.site, writable_folder(args.out), args.max_articles, args.since,
                      full=args.full, output=output, settings=politeness)


def _workers(text: str) -> int:
    if not text.isdigit() or int(text) > 64:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of workers from 0 to 64")
    return int(text)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds, e.g. 1.5")
    return value


def _user_agent(text: str) -> str:
    if not text.strip() or not text.isprintable() or not text.isascii():
        raise argparse.ArgumentTypeError(f"{text!r} is not a User-Agent; give printable ASCII text")
    return text
