"""The incremental half of the site spider: change signals and the run's state. No selectors.

Once the site has state, new articles still come from sitemaps and feeds (skipping known ones),
and these name the known articles to look at again: the comments feed (conditional; paged with
`?paged=N` until a comment the dataset already has), the REST API's posts edited since the last
run, the re-check schedule and the comment pages a killed run left unfetched. The policy itself
(what is known, what is due, which comment pages) is `spiders.incremental`.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urljoin

import scrapy
from scrapy import signals
from scrapy.http import Response

from archive.state import shared
from pipelines import redis_ledger
from pipelines.ledger import StateLedger
from pipelines.scrapy_pipeline import NotWritten
from scrapers.comment_feed import parse_comment_feed, parse_edited_posts
from scrapers.http import HttpResponse
from scrapers.items import Article, Comment
from scrapers.profile import SiteProfile
from spiders.crawl_state import Runs
from spiders.incremental import IncrementalPolicy
from spiders.pending_pages import PendingPages
from spiders.redis_schedule import schedule_and_runs
from spiders.redis_worker import RedisWorker

FEED_PATH = "feed/"
COMMENTS_FEED_PATH = "comments/feed/"
REST_EDITED_POSTS = "wp-json/wp/v2/posts?modified_after={since}&per_page=100&orderby=modified" \
    "&_fields=link,modified_gmt,comment_status"
NOT_MODIFIED = 304
MAX_COMMENT_FEED_PAGES = 100
"""Stop paging the comments feed here even without reaching a known comment (a site that ignores
`?paged=` would otherwise serve its first page forever); the re-check schedule covers the rest."""
INCOMPLETE_THREADS = "incremental/threads_incomplete"
"""Stat: articles whose linked comment pages are not all in the dataset when the run ends."""
WHOLE = {"dont_revalidate": True}
"""Request meta for pages whose whole body the crawl needs every time (sitemaps, listings, new
articles, comment pages): a 304 would hide what a run that was cut short never processed."""

Output = Iterator[scrapy.Request | Article | Comment]

logger = logging.getLogger(__name__)


class ChangeSignals:
    """Mixin of `SiteSpider`: the state of the run and the requests that look for changes."""

    profile: SiteProfile
    crawl_id: str
    crawler: Any
    policy: IncrementalPolicy | None = None
    """The site's state, when the crawl keeps one."""
    runs: Runs | None = None
    incremental = False
    """Known articles are skipped unless a signal says they changed (state exists, no --full)."""
    resuming = False
    """An earlier run was killed: feeds are read whole again, not answered 304."""
    known_before = 0
    """Articles in the state when the run began."""
    pending: PendingPages | None = None
    """Article pages whose records are not all written yet (the state learns them after)."""

    def parse_article(self, response: Response) -> Output | AsyncIterator[Any]:
        raise NotImplementedError  # SiteSpider's

    def parse_feed(self, response: Response) -> Output:
        raise NotImplementedError  # SiteSpider's

    def _article_request(self, url: str) -> Iterator[scrapy.Request]:
        raise NotImplementedError  # SiteSpider's

    def open_state(self, crawler: Any) -> None:
        """Read the run's id and state once the spider opens (the run's owner,
        `spiders.run_lifecycle`, derives the id and opens the state after the spider is built)."""
        crawler.signals.connect(self._open_state, signal=signals.spider_opened)

    def _open_state(self) -> None:
        crawler = self.crawler
        self.crawl_id = crawler.settings.get("LONGFORM_CRAWL_ID", "")
        state = shared(crawler)
        if state is None:
            return
        # A Redis worker's schedule, last finished crawl and record hashes are the site's, shared
        # by all workers (`spiders.redis_schedule`, `pipelines.redis_ledger`): a rerun re-checks
        # what any worker fetched last time.
        schedule, self.runs = schedule_and_runs(crawler, state)
        self.incremental = schedule.has_history() and not crawler.settings.getbool("LONGFORM_FULL")
        self.resuming = bool(self.runs.unfinished_runs(self.crawl_id))
        ledger = redis_ledger.shared(crawler, StateLedger(state))
        self.policy = IncrementalPolicy(schedule, ledger, self.profile.recheck,
                                        self.crawl_id, self.profile.timezone)
        self.known_before = len(self.policy.known)
        self.pending = PendingPages(self.policy.seen)
        crawler.signals.connect(self.pending.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.pending.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(self.pending.item_failed, signal=signals.item_error)
        crawler.signals.connect(self._forget_not_written, signal=signals.item_dropped)
        crawler.signals.connect(self.close_state, signal=signals.spider_closed)

    def _forget_not_written(self, item: Any, exception: BaseException | None = None, **_: Any) -> None:
        """A record the disk had no room for: forget its article (an earlier run may have marked
        its pages fetched), so the next run fetches it whole."""
        url = getattr(item, "article_url", None) or getattr(item, "url", None)
        if isinstance(exception, NotWritten) and self.policy is not None and url:
            self.policy.schedule.forget_article(url)

    def close_state(self, reason: str = "finished") -> None:
        """Count the known articles that got no new version and the threads left incomplete (the
        run's owner marks the run finished or failed once the report is in)."""
        if self.policy is not None:
            stats = self.crawler.stats
            if stats is not None:  # spider_closed comes after the pipeline set its counts
                changed = stats.get_value("incremental/articles_changed", 0)
                stats.set_value("incremental/articles_unchanged", self.known_before - changed)
            self._count_incomplete_threads(reason)

    def _count_incomplete_threads(self, reason: str) -> None:
        """Threads the site links comment pages of that the dataset lacks: the run must not call
        itself a success (see `spiders.crawl_report`); the next run fetches those pages. A Redis
        worker looks once the whole crawl is over (no request queued or in flight), over the
        shared schedule: every worker that ends with the crawl reports it."""
        assert self.policy is not None
        if self.crawler.settings.get("LONGFORM_WORKER_ID"):
            worker = RedisWorker.of(self.crawler)
            if reason != "finished" or worker is None or not worker.leases.finished():
                return  # other workers go on, and fetch the pages this one has not seen
        # unfinished() reads the schedule (in worker mode the shared one: what every worker saved)
        missing = self.policy.unfinished()
        if not missing or self.crawler.stats is None:
            return
        self.crawler.stats.set_value(INCOMPLETE_THREADS, len(missing))
        for url, pages in sorted(missing.items())[:5]:
            logger.warning("Comment pages %s of %s are not in the dataset yet", sorted(pages), url)

    def parse_comments_feed(self, response: Response, paged: int = 1) -> Output:
        """New comments: their articles are re-checked (known) or fetched (new); older feed pages
        are read until one names a comment the dataset already has."""
        if response.status == NOT_MODIFIED or self.policy is None or not self.incremental:
            return
        links = parse_comment_feed(to_http(response))
        if not links:
            return
        found, reached_known = self.policy.new_comments(links)
        for link in links:
            if link.article_url not in found:
                continue
            if not self.policy.is_known(link.article_url):
                yield from self._article_request(link.article_url)
                continue
            yield self._recheck(link.article_url)
            if link.page:  # the comment's own page, as its link names it
                yield scrapy.Request(link.page_url, callback=self.parse_article,
                                     meta={"refetch": True, **WHOLE})
        if not reached_known and paged < MAX_COMMENT_FEED_PAGES:
            url = urljoin(self.profile.base_url, f"{COMMENTS_FEED_PATH}?paged={paged + 1}")
            yield scrapy.Request(url, callback=self.parse_comments_feed, cb_kwargs={"paged": paged + 1})

    def parse_edited_posts(self, response: Response) -> Output:
        if self.policy is None or not self.incremental:
            return
        for url in self.policy.edited(parse_edited_posts(to_http(response)) or []):
            yield self._recheck(url)

    def _change_signals(self) -> Iterator[scrapy.Request]:
        """Feeds (conditional) and, when incremental, the REST API's edited posts, the re-check
        schedule and the comment pages a killed run left unfetched."""
        if self.policy is None:
            return
        base = self.profile.base_url
        # Conditional: a 304 feed holds nothing new, unless a killed run never read it through.
        meta = {"dont_revalidate": self.resuming}
        yield scrapy.Request(urljoin(base, FEED_PATH), callback=self.parse_feed, meta=meta)
        if self.profile.recheck.comments_feed:
            yield scrapy.Request(urljoin(base, COMMENTS_FEED_PATH), callback=self.parse_comments_feed,
                                 meta=meta)
        if not self.incremental:
            return
        since = self.runs.last_finished_start() if self.runs is not None else None
        if self.profile.use_rest_api and self.profile.recheck.rest_api and since:
            # A day's margin: WordPress may read the date in the site's zone.
            start = (datetime.fromisoformat(since.replace("Z", "+00:00")) - timedelta(days=1))
            query = REST_EDITED_POSTS.format(since=start.strftime("%Y-%m-%dT%H:%M:%S"))
            yield scrapy.Request(urljoin(base, query), callback=self.parse_edited_posts)
        for url in self.policy.due_rechecks():
            yield self._recheck(url)
        for url, pages in self.policy.unfinished().items():
            self.policy.wanted_pages.setdefault(url, set()).update(pages)
            yield self._recheck(url)

    def _recheck(self, url: str) -> scrapy.Request:
        """A known article's permalink again: its thread or text may have changed."""
        return scrapy.Request(url, callback=self.parse_article, meta={"refetch": True}, priority=1)


def to_http(response: Response) -> HttpResponse:
    """The framework-free response the page objects and parsers take."""
    headers = tuple(
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in response.headers.items()
        for value in values
    )
    return HttpResponse(url=response.url, status=response.status, headers=headers,
                        body=response.body)
