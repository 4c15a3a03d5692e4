"""`longform status SITE --redis URL`: the shared crawl of a site (spiders/status_command.py)."""

from __future__ import annotations

import argparse
import os


def add(commands: argparse._SubParsersAction) -> None:
    status = commands.add_parser(
        "status", help="show the Redis crawl of a site: queue, requests in flight, pages per worker",
        description="Show the crawl the workers of SITE share through Redis: its id and state, "
        "requests queued, requests in flight (live leases), and pages done per worker.")
    status.add_argument("site", help="the site's name (as in OUT/<site>/), a profile file or URL")
    status.add_argument("--redis", metavar="URL", default=os.environ.get("LONGFORM_REDIS_URL") or None,
                        help="redis://HOST:PORT/DB (default: $LONGFORM_REDIS_URL)")
    status.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from spiders.status_command import show_status

    return show_status(args.site, args.redis)
