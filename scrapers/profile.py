"""Site profiles: the declarative description of one site (data only, no loading)."""

from __future__ import annotations

import json
from typing import Any

import attrs

CROSSCHECK_MODES = ("gaps", "always", "off")


@attrs.define(frozen=True)
class Selectors:
    """Optional per-site XPath overrides; empty means 'use the platform's defaults'."""

    title: str = ""
    """XPath of the headline element."""
    body: str = ""
    """XPath of the article body container."""
    byline: str = ""
    """XPath of the author name elements."""
    exclude: tuple[str, ...] = ()
    """Extra XPaths removed from the body before its text is taken (bio boxes, appeals...)."""


@attrs.define(frozen=True)
class Recheck:
    """When an incremental crawl looks at known comment threads again (`[recheck]` in a profile).

    A thread is due when the time since its last check exceeds `factor` x the time since its
    last activity (newest comment, else publication), kept between `min_hours` and `max_days`:
    a thread busy yesterday is looked at within hours, a quiet ten-year-old one every
    `max_days`. Threads with comments closed are never re-checked.
    """

    min_hours: float = 6.0
    """Shortest interval between two checks of one thread."""
    max_days: float = 90.0
    """Longest interval: even the quietest open thread is looked at this often."""
    factor: float = 0.25
    """Interval as a fraction of the thread's age since its last activity."""
    comments_feed: bool = True
    """Read `/comments/feed/` (paged) for new comments: their posts are re-checked at once."""
    rest_api: bool = True
    """Ask `/wp-json/wp/v2/posts?modified_after=` for edited posts (ignored when REST is off)."""


@attrs.define(frozen=True)
class SiteProfile:
    """What the crawler and the extractors need to know about one site."""

    name: str
    """Short name, used for the data folder and `scrapy crawl NAME`."""
    base_url: str
    """Home page URL; discovery starts here."""
    platform: str = "wordpress"
    """Extractor family: 'wordpress' or 'generic'."""
    domains: tuple[str, ...] = ()
    """Host names the crawl may visit (the base URL's host is always allowed)."""
    timezone: str = "UTC"
    """IANA zone the site prints local times in (dates without an offset are read in it)."""
    user_agent: str = ""
    """User-Agent for this site; empty means the project default."""
    selectors: Selectors = attrs.field(factory=Selectors)
    """Per-site extraction overrides."""
    use_sitemaps: bool = True
    """Discover articles through sitemaps (else the REST API, feeds and archive pages)."""
    use_rest_api: bool = True
    """Use WordPress's REST API: to list posts when there is no sitemap, and (with
    `recheck.rest_api`) to find edited posts. False: no request goes to the API at all."""
    crosscheck: str = attrs.field(default="gaps", validator=attrs.validators.in_(CROSSCHECK_MODES))
    """When a page's comments are checked against the REST API's copy (`use_rest_api` on):
    'gaps' (a comment on the page lacks its author, date or text), 'always', or 'off'."""
    obey_robots: bool = True
    """Obey robots.txt."""
    autothrottle: bool = True
    """Adapt request rate to the server's latency (Scrapy AutoThrottle)."""
    download_delay: float = 1.0
    """Seconds between requests to the site (AutoThrottle's start delay)."""
    concurrency: int = 2
    """Concurrent requests to the site."""
    recheck: Recheck = attrs.field(factory=Recheck)
    """Incremental crawls: when known comment threads are looked at again."""


def profile_to_json(profile: SiteProfile) -> str:
    """The profile as one line of JSON (written into each WARC's warcinfo record)."""
    return json.dumps(attrs.asdict(profile), ensure_ascii=False, separators=(",", ":"))


def profile_from_dict(data: dict[str, Any]) -> SiteProfile:
    """Build a profile from plain data (TOML or JSON); raises TypeError/ValueError on bad keys.

    >>> profile_from_dict({"name": "x", "base_url": "http://127.0.0.1/"}).platform
    'wordpress'
    """
    data = dict(data)
    selectors = dict(data.pop("selectors", None) or {})
    selectors["exclude"] = tuple(selectors.get("exclude", ()))
    data["domains"] = tuple(data.get("domains", ()))
    recheck = Recheck(**dict(data.pop("recheck", None) or {}))
    return SiteProfile(**data, selectors=Selectors(**selectors), recheck=recheck)
