"""Site profiles: the declarative description of one site (data only, no loading)."""

from __future__ import annotations

import json
from typing import Any

import attrs

from scrapers.profile_keys import at_least, checked, one_of, plain_name

CROSSCHECK_MODES = ("gaps", "always", "off")
PLATFORMS = ("wordpress", "generic")
"""Platform names a site profile may name; scrapers/router.py maps each to its page object."""



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

    min_hours: float = attrs.field(default=6.0, validator=at_least(0, "recheck"))
    """Shortest interval between two checks of one thread."""
    max_days: float = attrs.field(default=90.0, validator=at_least(0, "recheck"))
    """Longest interval: even the quietest open thread is looked at this often."""
    factor: float = attrs.field(default=0.25, validator=at_least(0, "recheck"))
    """Interval as a fraction of the thread's age since its last activity."""
    comments_feed: bool = True
    """Read `/comments/feed/` (paged) for new comments: their posts are re-checked at once."""
    rest_api: bool = True
    """Ask `/wp-json/wp/v2/posts?modified_after=` for edited posts (ignored when REST is off)."""


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"coverage thresholds are percentages (numbers 0 to 100), not {value!r}")
    return float(value)


def _percent(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not 0 <= value <= 100:
        raise ValueError(f"coverage threshold {attribute.name} = {value:g}: give a percentage, 0 to 100")


def _threshold(default: float) -> Any:
    """An attrs field holding a percentage, 0 to 100."""
    return attrs.field(default=default, converter=_number, validator=_percent)


@attrs.define(frozen=True)
class ArticleCoverage:
    """`[coverage.articles]`: the least share of articles (percent) with each field filled."""

    title: float = _threshold(95.0)
    """Articles with a title."""
    authors: float = _threshold(0.0)
    """Articles with at least one author. 0 (reported, never failing) by default: many sites print
    no byline at all (2 of the 9 real themes in tests/data), and a run failing every night for it
    teaches people to ignore failures. A profile of a site with bylines sets it (lwj: 90)."""
    published: float = _threshold(90.0)
    """Articles with a publication date that normalized (a date printed but unreadable counts as
    missing)."""
    text: float = _threshold(95.0)
    """Articles with body text."""


@attrs.define(frozen=True)
class CommentCoverage:
    """`[coverage.comments]`: the least share of comments (percent) with each field filled."""

    author: float = _threshold(95.0)
    """Comments with an author name."""
    published: float = _threshold(95.0)
    """Comments with a date that normalized."""
    text: float = _threshold(95.0)
    """Comments with text."""


@attrs.define(frozen=True)
class Coverage:
    """Field coverage checks of a run (`[coverage]` in a profile): a run in which a field is filled
    in fewer records than its threshold fails (exit status 1) and says which field."""

    min_records: int = attrs.field(
        default=10, validator=[attrs.validators.instance_of(int), at_least(0, "coverage")])
    """Fewer records of a type than this in one run: that type is reported but not judged."""
    articles: ArticleCoverage = attrs.field(factory=ArticleCoverage)
    """Thresholds for articles."""
    comments: CommentCoverage = attrs.field(factory=CommentCoverage)
    """Thresholds for comments."""


@attrs.define(frozen=True)
class Outage:
    """How a crawl rides out the site being down (`[outage]` in a profile; see docs/reliability.md).

    After `threshold` failures in a row (refused or dropped connections, time-outs, 429/502/503/504)
    the whole crawl pauses, `backoff_start` seconds at first, doubling up to `backoff_max` (as long
    as the site's Retry-After says, when it sends one); once the site has been down for `max_duration`
    seconds the crawl stops (exit status 1) and its report lists what was not fetched.
    """

    threshold: int = attrs.field(default=3, validator=at_least(1, "outage"))
    """Failures in a row that mean the site is down (a Retry-After answer pauses at once)."""
    backoff_start: float = attrs.field(default=5.0, validator=at_least(0, "outage"))
    """First pause, in seconds."""
    backoff_max: float = attrs.field(default=120.0, validator=at_least(0, "outage"))
    """Longest pause between two tries (a Retry-After is followed as it is)."""
    max_duration: float = attrs.field(default=1800.0, validator=at_least(0, "outage"))
    """Seconds of outage after which the crawl gives up."""


@attrs.define(frozen=True)
class SiteProfile:
    """What the crawler and the extractors need to know about one site."""

    name: str = attrs.field(validator=plain_name)
    """Short name, used for the data folder and `scrapy crawl NAME`."""
    base_url: str
    """Home page URL; discovery starts here."""
    # Refused when unknown: a misspelled platform must not fall back to detection without a word.
    platform: str = attrs.field(default="wordpress", validator=one_of(*PLATFORMS))
    """Extractor family: one of PLATFORMS, 'wordpress' or 'generic'."""
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
    crosscheck: str = attrs.field(default="gaps", validator=one_of(*CROSSCHECK_MODES))
    """When a page's comments are checked against the REST API's copy (`use_rest_api` on):
    'gaps' (a comment on the page lacks its author, date or text), 'always', or 'off'."""
    obey_robots: bool = True
    """Obey robots.txt."""
    autothrottle: bool = True
    """Adapt request rate to the server's latency (Scrapy AutoThrottle)."""
    download_delay: float = attrs.field(default=1.0, validator=at_least(0))
    """Seconds between requests to the site (AutoThrottle's start delay)."""
    concurrency: int = attrs.field(default=2, validator=at_least(1))
    """Concurrent requests to the site."""
    max_listing_pages: int = attrs.field(default=2000, validator=at_least(1))
    """Safety net for archive pagination (`/page/N/`): never more listing pages than this. The
    crawl also stops at a page showing no article earlier pages did not (`spiders.trap_filter`)."""
    recheck: Recheck = attrs.field(factory=Recheck)
    """Incremental crawls: when known comment threads are looked at again."""
    outage: Outage = attrs.field(factory=Outage)
    """Back-off and give-up limits while the site is down."""
    coverage: Coverage = attrs.field(factory=Coverage)
    """Field coverage thresholds: when a run's records count as unreadable."""


def profile_to_json(profile: SiteProfile) -> str:
    """The profile as one line of JSON (written into each WARC's warcinfo record)."""
    return json.dumps(attrs.asdict(profile), ensure_ascii=False, separators=(",", ":"))


def profile_from_dict(data: dict[str, Any]) -> SiteProfile:
    """Build a profile from plain data (TOML or JSON); raises TypeError/ValueError on bad keys.

    >>> profile_from_dict({"name": "x", "base_url": "http://127.0.0.1/"}).platform
    'wordpress'
    """
    data = dict(checked(SiteProfile, data))
    selectors = dict(checked(Selectors, data.pop("selectors", None) or {}, "selectors"))
    selectors["exclude"] = tuple(selectors.get("exclude", ()))
    data["domains"] = tuple(data.get("domains", ()))
    recheck = Recheck(**checked(Recheck, data.pop("recheck", None) or {}, "recheck"))
    outage = Outage(**checked(Outage, data.pop("outage", None) or {}, "outage"))
    coverage = coverage_from_dict(dict(data.pop("coverage", None) or {}))
    return SiteProfile(**data, selectors=Selectors(**selectors), recheck=recheck, outage=outage,
                       coverage=coverage)


def coverage_from_dict(data: dict[str, Any]) -> Coverage:
    """`[coverage]` of a profile; raises TypeError/ValueError on bad keys or values.

    >>> coverage_from_dict({"comments": {"author": 80}}).comments.author
    80.0
    """
    data = dict(checked(Coverage, data, "coverage"))
    articles = checked(ArticleCoverage, data.pop("articles", None) or {}, "coverage.articles")
    comments = checked(CommentCoverage, data.pop("comments", None) or {}, "coverage.comments")
    return Coverage(**data, articles=ArticleCoverage(**articles), comments=CommentCoverage(**comments))
