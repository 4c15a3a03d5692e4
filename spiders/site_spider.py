"""The crawl strategy for one site: what to fetch, in what order. No selectors here.

Discovery: home page (platform check, REST API root) -> sitemaps (WordPress core `wp-sitemap.xml`,
then the SEO plugins' `sitemap_index.xml` and `sitemap.xml`) -> else the REST API's posts listing
(`spiders.rest_discovery`) -> else the feed and archive pagination (`/page/N/`).
Articles: every comment page (`comment-page-N`) is followed from the article; comments a theme
leaves incomplete wait for the REST API's copy (`spiders.crosscheck`).
Incremental (state exists, no --full): known articles are skipped; the comments feed, the REST API
and the re-check schedule name the ones to look at again (`spiders.incremental`).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from datetime import date
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.exceptions import CloseSpider
from scrapy.http import Response

from archive.middleware import META_KEY
from archive.writer import RecordLocation
from pipelines import normalize
from pipelines.coverage_monitor import coverage_settings
from pipelines.derive import derive_page
from pipelines.extract_pool import ExtractPool
from pipelines.prepared import PreparedRecord
from scrapers.discovery import (
    is_post_sitemap,
    parse_feed,
    parse_listing,
    parse_sitemap,
)
from scrapers.items import Article, ArticlePage, Comment
from scrapers.profile import SiteProfile
from scrapers.rest_api import api_root
from scrapers.router import is_wordpress
from scrapers.url_policy import clean_url
from spiders.change_signals import FEED_PATH, NOT_MODIFIED, WHOLE, ChangeSignals, Output, to_http
from spiders.crosscheck import CommentCrossCheck
from spiders.rest_discovery import RestDiscovery
from spiders.trap_filter import TrapFilter

logger = logging.getLogger(__name__)

SITEMAP_CANDIDATES = ("wp-sitemap.xml", "sitemap_index.xml", "sitemap.xml")
NOT_WORDPRESS = "not_wordpress"
"""Close reason when the start page is not a WordPress site (the CLI reports it)."""


class SiteSpider(CommentCrossCheck, RestDiscovery, ChangeSignals, scrapy.Spider):
    """Crawls one site described by a SiteProfile; subclassed per profile by the spider loader."""

    name = "site"
    profile: SiteProfile

    def __init__(
        self,
        max_articles: int | str | None = None,
        since: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.max_articles = int(max_articles) if max_articles else None
        self.since = date.fromisoformat(since) if since else None
        self.crawl_id = ""
        self.allowed_domains = _allowed_domains(self.profile)
        self.articles_requested = 0
        self.comment_pages: dict[str, set[int]] = {}
        """Article URL -> comment page numbers fetched or requested (a page has two URLs)."""
        self.open_cross_check()
        self.traps = TrapFilter(self._count, self.profile.max_listing_pages)

    @classmethod
    def update_settings(cls, settings: Any) -> None:
        super().update_settings(settings)
        profile = cls.profile
        settings.set("ROBOTSTXT_OBEY", profile.obey_robots, priority="spider")
        settings.set("AUTOTHROTTLE_ENABLED", profile.autothrottle, priority="spider")
        # The profile's politeness, unless the crawl overrides it (`longform crawl --delay`...).
        delay = settings.getfloat("LONGFORM_DELAY", profile.download_delay)
        concurrency = settings.getint("LONGFORM_CONCURRENCY", profile.concurrency)
        settings.set("DOWNLOAD_DELAY", delay, priority="spider")
        settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", concurrency, priority="spider")
        # One site per crawl: the global limit is the site's. Scrapy moves up to this many requests
        # into the downloader's delay queue, and a graceful stop (Ctrl-C, SIGTERM) waits for them.
        settings.set("CONCURRENT_REQUESTS", concurrency, priority="spider")
        user_agent = settings.get("LONGFORM_USER_AGENT") or profile.user_agent
        if user_agent:
            settings.set("USER_AGENT", user_agent, priority="spider")
        for name, value in coverage_settings(profile.coverage).items():
            settings.set(name, value, priority="spider")

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> SiteSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.open_state(crawler)  # the run's id and state, once the spider opens
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if self.incremental and self.profile.use_sitemaps:
            # The platform was checked on the first run; new articles come from the sitemaps.
            for request in self._change_signals():
                yield request
            yield self._sitemap_probe(0)
            return
        yield scrapy.Request(self.profile.base_url, callback=self.parse_home, meta=WHOLE)

    def parse_home(self, response: Response) -> Output:
        page = to_http(response)
        not_modified = response.status == NOT_MODIFIED and self.incremental  # checked last time
        if self.profile.platform == "wordpress" and not not_modified and not is_wordpress(page):
            raise CloseSpider(NOT_WORDPRESS)
        if not not_modified:
            self.rest_root = api_root(page)
        yield from self._change_signals()
        if self.profile.use_sitemaps:
            yield self._sitemap_probe(0)
        elif not_modified:
            yield scrapy.Request(urljoin(self.profile.base_url, FEED_PATH), callback=self.parse_feed)
        elif self.profile.use_rest_api:
            yield from self.discover_without_sitemaps()
        else:
            yield from self._feed_and_listing(response)

    def parse_sitemap(self, response: Response, probe: int | None = None) -> Output:
        if response.status == NOT_MODIFIED:
            return  # the same URL set as last time: nothing new
        sitemap = parse_sitemap(to_http(response)) if response.status == 200 else None
        if sitemap is None:
            yield from self._next_probe_or_fallback(response, probe)
            return
        for entry in sitemap.sitemaps:
            if is_post_sitemap(entry.url):
                yield scrapy.Request(entry.url, callback=self.parse_sitemap, meta=WHOLE)
        for entry in sitemap.urls:
            if self._older_than_since(entry.lastmod):
                continue
            if self.incremental and self.policy and self.policy.modified_since_check(
                entry.url, entry.lastmod
            ):
                yield self._recheck(entry.url)
            else:
                yield from self._article_request(entry.url)

    def parse_feed(self, response: Response) -> Output:
        for entry in parse_feed(to_http(response)) or []:
            yield from self._article_request(entry.url)

    def parse_listing(self, response: Response) -> Output:
        listing = parse_listing(to_http(response))
        for url in listing.article_urls:
            yield from self._article_request(url)
        # Incremental: a page listing only known articles is where the new ones ended.
        known = self.policy is not None and self.incremental and all(
            self.policy.is_known(clean_url(url)[0]) for url in listing.article_urls)
        next_page = self.traps.next_listing(listing.next_page, listing.article_urls)
        if next_page and not known:
            yield scrapy.Request(next_page, callback=self.parse_listing, meta=WHOLE)

    def parse_article(self, response: Response) -> Output | AsyncIterator[Any]:
        """The article's records and its other comment pages. With extraction workers
        (`pipelines.extract_pool`) an async iterator: the page is extracted in a worker while this
        process goes on fetching; without, a generator (the page extracted here)."""
        if response.status == NOT_MODIFIED and self.policy is not None:
            return self._not_modified(response)
        location = response.meta.get(META_KEY)
        if location is None:  # not archived (archiving off): nothing to prove provenance with
            return iter(())
        crawler = getattr(self, "crawler", None)  # a spider built without one extracts here
        pool = ExtractPool.of(crawler) if crawler is not None else None
        if pool is not None:
            return self._article_from_pool(pool, response, location)
        page = derive_page(to_http(response), location, self.profile, self.crawl_id)
        return self._article_output(response, page)

    async def _article_from_pool(self, pool: ExtractPool, response: Response,
                                 location: RecordLocation) -> AsyncIterator[Any]:
        http = to_http(response)
        job = pool.job(http.url, http.status, http.headers, http.body, location, self.profile,
                       self.crawl_id)
        page, records = await pool.extract(job)
        for output in self._article_output(response, page, (pool, records)):
            yield output

    def _not_modified(self, response: Response) -> Output:
        assert self.policy is not None
        self.policy.unchanged(response.url)
        if self.policy.missing_pages(response.url):
            # A stopped run left the thread short, and a 304 has no links to its comment
            # pages: fetch the page whole once, whatever signal asked for it.
            yield scrapy.Request(response.url, callback=self.parse_article, dont_filter=True,
                                 meta={"refetch": True, **WHOLE}, priority=1)

    def _article_output(self, response: Response, page: ArticlePage | None,
                        prepared: tuple[ExtractPool, list[PreparedRecord]] | None = None
                        ) -> Output:
        if page is None:
            return
        if self._published_before_since(page.article):
            return
        records: list[Article | Comment] = [page.article, *page.comments]
        if prepared is not None:  # what a worker prepared goes with the items to the pipeline
            prepared[0].remember(records, prepared[1])
        if self.pending is not None:  # the state learns the page once these are written
            self.pending.add(page, records)
        yield page.article
        yield from self.comments_of(page)  # now, or once the REST API's copy is in
        refetch = bool(response.meta.get("refetch")) and self.incremental
        wanted = (self.policy.pages_to_fetch(page, refetch) if self.policy is not None
                  else set(page.links.comment_pages))
        yield from self._comment_page_requests(page, wanted, refetch)

    def _comment_page_requests(
        self, page: ArticlePage, wanted: set[int] | None = None, refetch: bool = False
    ) -> Iterator[scrapy.Request]:
        """The article's other comment pages, each once: by number, since the page the permalink
        shows also has a `comment-page-N` URL."""
        if not page.links.comment_pages:
            return
        seen = self.comment_pages.setdefault(page.article.url, set())
        if page.links.this_page:
            seen.add(page.links.this_page)
            self.claim_comment_page(page.article.url, page.links.this_page)
        for number, url in page.links.comment_pages.items():
            if number not in seen and (wanted is None or number in wanted):
                seen.add(number)
                if not self.claim_comment_page(page.article.url, number):
                    continue  # another Redis worker asked for it
                # Never conditional: a killed run may have fetched this page without its records.
                yield scrapy.Request(url, callback=self.parse_article,
                                     meta={"refetch": refetch, **WHOLE})

    @staticmethod
    def claim_comment_page(article_url: str, number: int) -> bool:
        """True when this crawl has not asked for that comment page yet; on its own, `seen` above
        knows. A Redis worker replaces it with the crawl's shared claims (`spiders.redis_worker`)."""
        return True

    def _sitemap_probe(self, index: int) -> scrapy.Request:
        url = urljoin(self.profile.base_url, SITEMAP_CANDIDATES[index])
        return scrapy.Request(url, callback=self.parse_sitemap, cb_kwargs={"probe": index}, meta=WHOLE)

    def _next_probe_or_fallback(self, response: Response, probe: int | None) -> Output:
        if probe is not None and probe + 1 < len(SITEMAP_CANDIDATES):
            yield self._sitemap_probe(probe + 1)
        elif probe is not None:
            logger.info("No sitemap found; discovering through the REST API, else the feed and "
                        "archive pages")
            yield from self.discover_without_sitemaps()
        else:
            logger.warning("Not a sitemap: %s (status %d)", response.url, response.status)

    def _feed_and_listing(self, response: Response) -> Output:
        yield from self.parse_listing(response)
        yield scrapy.Request(urljoin(self.profile.base_url, FEED_PATH), callback=self.parse_feed)

    def _article_request(self, link: str) -> Iterator[scrapy.Request]:
        url = self.traps.article_url(link)
        if url is None:
            return
        if self.incremental and self.policy is not None and self.policy.is_known(url):
            return  # known: re-checked only when a signal or the schedule says so
        if self.max_articles is not None and self.articles_requested >= self.max_articles:
            return
        self.articles_requested += 1
        yield scrapy.Request(url, callback=self.parse_article, meta=WHOLE)

    def _count(self, key: str) -> None:
        self.crawler.stats.inc_value(key)

    def _older_than_since(self, lastmod: str | None) -> bool:
        # lastmod is never before publication, so an entry last modified before --since is old.
        return bool(self.since and lastmod and lastmod[:10] < self.since.isoformat())

    def _published_before_since(self, article: Article) -> bool:
        if not self.since or not article.published_raw:
            return False
        published = normalize.date(article.published_raw, tz=self.profile.timezone)
        return bool(published and published[:10] < self.since.isoformat())


def _allowed_domains(profile: SiteProfile) -> list[str]:
    host = urlsplit(profile.base_url).hostname or ""
    return sorted({host, *profile.domains} - {""})
