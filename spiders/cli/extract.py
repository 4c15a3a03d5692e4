"""`longform extract FILE --url URL`: one saved HTML page to JSON on stdout, as the crawl's records."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from spiders.errors import EXIT_FAILED, EXIT_OK, UsageError

if TYPE_CHECKING:
    from scrapers.profile import SiteProfile


def add(commands: argparse._SubParsersAction) -> None:
    extract = commands.add_parser(
        "extract", help="one saved HTML page to JSON on stdout, as the crawl's records",
        description="Prints the article and comments of one saved page, {\"article\": ..., "
        "\"comments\": [...]}, with every field the crawl fills (ids, authors, dates in the site's "
        "zone, tags, comment authors), provenance null, fetched_at null without --fetched-at. "
        "Exit status 1 and one line when the file is not an article page (or not HTML at all): "
        "the crawl writes no record.",
    )
    extract.add_argument("file", type=Path, help="saved HTML page")
    extract.add_argument("--url", required=True, type=_page_url, help="the URL the page was fetched from")
    extract.add_argument("--site", help="the profile the crawl uses (name, .toml file); default: the "
                         "bundled profile of the URL's host, else none (platform detected, times in UTC)")
    extract.add_argument("--fetched-at", type=_utc_time, metavar="TIME",
                         help="when the page was fetched (ISO 8601, e.g. 2024-05-01T10:00:00Z): "
                         "relative dates ('2 hours ago') are read against it, as the crawl does")
    extract.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from pipelines.derive import NotHtml, extract_file, normalized, page_records

    profile = _profile(args.site, args.url)
    try:
        body = args.file.read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read {args.file}: {error.strerror}; check the path") from None
    try:
        page = extract_file(body, args.url, profile)
    except NotHtml as error:
        print(f"longform: {args.file} is {error}; the crawl writes no record for it", file=sys.stderr)
        return EXIT_FAILED
    if page is None:
        print(f"longform: {args.file} is not an article page (a listing, static page or search page); "
              "the crawl writes no record for it", file=sys.stderr)
        return EXIT_FAILED
    page = normalized(page, profile, args.fetched_at or "")
    print(json.dumps(page_records(page), ensure_ascii=False, indent=2))
    return EXIT_OK


def _profile(site: str | None, url: str) -> SiteProfile | None:
    from spiders import sites

    if not site:
        return sites.bundled_for_url(url)
    try:
        return sites.resolve(site)
    except sites.ProfileError as error:
        raise UsageError(str(error)) from None


def _page_url(text: str) -> str:
    if not text.startswith(("http://", "https://")):
        raise argparse.ArgumentTypeError(f"{text!r} is not an http(s) URL; give the page's address, "
                                         "e.g. https://example.org/2024/01/post/")
    return text


def _utc_time(text: str) -> str:
    """An ISO 8601 time as the crawl writes fetched_at: UTC, 'Z' (a time without a zone is UTC)."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        message = f"{text!r} is not a time; write it as 2024-05-01T10:00:00Z"
        raise argparse.ArgumentTypeError(message) from None
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return moment.replace(tzinfo=None).isoformat() + "Z"
