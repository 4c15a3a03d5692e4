"""`longform probe URL`: what a crawl of a site would get, from a handful of polite requests.

Looks as the crawl's discovery does (spiders/site_spider.py): the home page (platform, REST API
root), the sitemaps the crawl tries, the REST API's post count, the feed; then extracts one
article and its comments through the crawl's own page objects and normalizer chain. Nothing is
written but the profile asked for.
"""

from __future__ import annotations

from urllib.parse import urljoin

import attrs

from pipelines.derive import normalized
from scrapers.discovery import is_post_sitemap, parse_feed, parse_listing, parse_sitemap
from scrapers.http import HttpResponse
from scrapers.items import ArticlePage
from scrapers.profile import SiteProfile
from scrapers.rest_api import api_root, default_api_root, rest_json_list, route_url
from scrapers.router import is_article_page, is_html, is_wordpress, page_object_for
from spiders.change_signals import FEED_PATH
from spiders.errors import UsageError
from spiders.probe_fetch import PoliteFetcher
from spiders.site_spider import SITEMAP_CANDIDATES


@attrs.define
class Probe:
    """What the probe saw; each field None where the site did not say."""

    profile: SiteProfile
    """The default profile for the URL, with the platform seen."""
    sitemap: str | None = None
    """The first sitemap the crawl would read."""
    sitemap_posts: int | None = None
    """Articles the post sitemaps list (counting every post sitemap would fetch them all: the
    first one's count times their number)."""
    rest_root: str | None = None
    rest_posts: int | None = None
    """X-WP-Total of the REST posts listing (None: the API did not answer)."""
    feed: str | None = None
    feed_items: int | None = None
    sample_url: str | None = None
    sample: ArticlePage | None = None
    notes: list[str] = attrs.field(factory=list)

    @property
    def estimate(self) -> int | None:
        """Articles a crawl would find: the REST count, else the sitemap count."""
        return self.rest_posts if self.rest_posts is not None else self.sitemap_posts

    @property
    def route(self) -> str:
        """How the crawl would discover the articles, in its own order."""
        if self.sitemap:
            return "sitemaps"
        if self.rest_posts is not None:
            return "REST API"
        return "feed and archive pages"


def probe(url: str, profile: SiteProfile, fetcher: PoliteFetcher) -> Probe:
    """Look at the site of `url` (whose default profile is `profile`) and extract one article."""
    home = _home(url, fetcher)
    platform = "wordpress" if is_wordpress(home) else "generic"
    found = Probe(attrs.evolve(profile, platform=platform))
    candidates: list[str] = []
    if is_article_page(home):  # an article's URL: it is the sample, and the site is its origin's
        candidates.append(home.url)
        found.profile = attrs.evolve(found.profile, base_url=urljoin(home.url, "/"))
        found.notes.append(f"{url} is an article; the profile's base_url is the site's root")
    if platform == "wordpress":
        candidates += _sitemaps(found, fetcher) + _rest(found, home, fetcher)
    candidates += _feed(found, fetcher)
    candidates += parse_listing(home).article_urls
    _sample(found, list(dict.fromkeys(candidates)), fetcher)
    return found


def _home(url: str, fetcher: PoliteFetcher) -> HttpResponse:
    home = fetcher.get(url)
    if home is None:
        raise UsageError(f"robots.txt of {url} disallows fetching it; a crawl would fetch nothing")
    if home.status != 200:
        raise UsageError(f"{url} answered HTTP {home.status}; give the home page of a site")
    if not is_html(home):
        raise UsageError(f"{url} is not an HTML page ({home.content_type}); give the home page of a site")
    return home


def _sitemaps(found: Probe, fetcher: PoliteFetcher) -> list[str]:
    """Try the crawl's sitemap candidates in its order; the article URLs of the first post sitemap."""
    for name in SITEMAP_CANDIDATES:
        url = urljoin(found.profile.base_url, name)
        answer = fetcher.get(url)
        sitemap = parse_sitemap(answer) if answer is not None and answer.status == 200 else None
        if sitemap is None:
            continue
        found.sitemap = url
        if sitemap.urls:
            found.sitemap_posts = len(sitemap.urls)
            return [entry.url for entry in sitemap.urls]
        posts = [entry.url for entry in sitemap.sitemaps if is_post_sitemap(entry.url)]
        first = fetcher.get(posts[0]) if posts else None
        listed = parse_sitemap(first) if first is not None and first.status == 200 else None
        if listed is not None:
            found.sitemap_posts = len(listed.urls) * len(posts)
            if len(posts) > 1:
                found.notes.append(f"{len(posts)} post sitemaps; the count assumes each lists as many "
                                   f"articles as the first ({len(listed.urls)})")
            return [entry.url for entry in listed.urls]
        return []
    return []


def _rest(found: Probe, home: HttpResponse, fetcher: PoliteFetcher) -> list[str]:
    """The REST API's post count and newest post (one post asked for)."""
    root = api_root(home) or default_api_root(found.profile.base_url)
    answer = fetcher.get(route_url(root, "wp/v2/posts", [("per_page", "1"), ("_fields", "link")]))
    posts = rest_json_list(answer) if answer is not None else None
    total = answer.header("X-WP-Total") if answer is not None else None
    if posts is None or total is None or not total.strip().isdigit():
        return []
    found.rest_root, found.rest_posts = root, int(total)
    return [str(post["link"]) for post in posts if post.get("link")]


def _feed(found: Probe, fetcher: PoliteFetcher) -> list[str]:
    url = urljoin(found.profile.base_url, FEED_PATH)
    answer = fetcher.get(url)
    entries = parse_feed(answer) if answer is not None and answer.status == 200 else None
    if entries is None:
        return []
    found.feed, found.feed_items = url, len(entries)
    return [entry.url for entry in entries]


def _sample(found: Probe, candidates: list[str], fetcher: PoliteFetcher) -> None:
    """The first of (at most three) candidates that is an article, extracted and normalized."""
    for url in candidates[:3]:
        page = fetcher.get(url)
        if page is None or page.status != 200 or not is_article_page(page):
            continue
        page_class = page_object_for(page, found.profile)
        found.sample_url = page.url
        found.sample = normalized(page_class(page, found.profile).to_item(), found.profile)
        return
    found.notes.append("no article found to extract: give an article URL to `longform probe`")

