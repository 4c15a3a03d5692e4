"""`longform extract FILE --url URL`: one saved HTML page to JSON on stdout."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from spiders.errors import EXIT_OK, UsageError

if TYPE_CHECKING:
    from scrapers.profile import SiteProfile


def add(commands: argparse._SubParsersAction) -> None:
    extract = commands.add_parser("extract", help="one saved HTML page to JSON on stdout")
    extract.add_argument("file", type=Path, help="saved HTML page")
    extract.add_argument("--url", required=True, help="the URL the page was fetched from")
    extract.add_argument("--site", help="profile to apply (name, .toml file); default: detect")
    extract.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import attrs

    from pipelines.derive import extract_file, normalized

    profile = _profile_or_none(args.site)
    try:
        body = args.file.read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read {args.file}: {error.strerror}; check the path") from None
    page = normalized(extract_file(body, args.url, profile), profile)
    print(json.dumps(attrs.asdict(page), ensure_ascii=False, indent=2))
    return EXIT_OK


def _profile_or_none(site: str | None) -> SiteProfile | None:
    if not site:
        return None
    from spiders import sites

    try:
        return sites.resolve(site)
    except sites.ProfileError as error:
        raise UsageError(str(error)) from None
