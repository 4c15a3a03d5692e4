"""`longform probe URL`: look at a site before crawling it (spiders/probe.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from spiders.errors import EXIT_FAILED, EXIT_OK, UsageError


def add(commands: argparse._SubParsersAction) -> None:
    probe = commands.add_parser(
        "probe", help="look at a site without crawling it: platform, discovery, one article extracted",
        description="Fetch a handful of pages (robots.txt obeyed, one at a time) and print what a crawl "
        "would get: the platform, how articles are discovered (sitemaps, REST API, feed), about how "
        "many there are, and one article with its comments extracted, with each field's fill rate.",
    )
    probe.add_argument("url", metavar="URL", help="the site's home page (or one of its articles)")
    probe.add_argument("--write-profile", type=Path, metavar="FILE.toml",
                       help="write a commented site profile for it (not over an existing file)")
    probe.add_argument("--delay", type=_seconds, default=1.0, metavar="SECONDS",
                       help="pause between two requests (default: 1)")
    probe.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if not args.url.startswith(("http://", "https://")):
        raise UsageError(f"{args.url!r} is not an http(s) URL; give a site's home page, e.g. https://example.org/")
    out = args.write_profile
    if out is not None:
        _check_new_profile(out)
    import sys

    from spiders import sites
    from spiders.probe import probe
    from spiders.probe_fetch import FetchError, PoliteFetcher
    from spiders.probe_report import profile_text, report_lines

    try:
        default = sites.profile_for_url(args.url)
    except sites.ProfileError as error:
        raise UsageError(str(error)) from None
    fetcher = PoliteFetcher(delay=args.delay)
    try:
        found = probe(args.url, default, fetcher)
    except FetchError as error:
        print(f"longform: cannot probe: {error}; check the URL and that the site is up", file=sys.stderr)
        return EXIT_FAILED
    for line in report_lines(found, fetcher.requests, args.delay):
        print(line)
    for url in fetcher.disallowed:
        print(f"  robots.txt disallows {url} (not fetched)")
    if out is not None:
        out.write_text(profile_text(found, str(out)), encoding="utf-8")
        print(f"Wrote {out}; crawl with: longform crawl {out}")
    return EXIT_OK


def _check_new_profile(out: Path) -> None:
    """--write-profile names a .toml file that does not exist yet, in a folder that does."""
    if out.suffix != ".toml":
        raise UsageError(f"--write-profile {out}: give a file name ending in .toml")
    if out.exists():
        raise UsageError(f"--write-profile {out}: {out} exists; give another name or remove it")
    if not out.parent.is_dir():
        raise UsageError(f"--write-profile {out}: folder {out.parent} does not exist; create it first")


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 60:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds from 0 to 60, e.g. 1.5")
    return value
