"""Incremental crawl policy over the site's state: which known articles and comment pages to fetch.

Once a site has state (`DIR/<site>/state.sqlite`) a crawl is incremental unless `--full`:

- known article pages are not fetched again, except when a signal says their thread or text
  changed: the comments feed names a new comment on them, the REST API reports them edited, or the
  re-check schedule (`Recheck` in the profile: by age and activity, never when comments are closed)
  says their turn has come;
- of a re-checked article only the permalink and the comment pages that can hold the new comments
  are fetched: the pages the comments feed names, pages the article now links that were never seen
  (a thread grew a page), and the last page when the schedule found the count changed;
- articles a killed run left with unfetched comment pages get exactly those pages (resume).

No Scrapy here: the spider asks, this answers, and records what each article page showed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from archive.state import now_iso
from pipelines import normalize
from pipelines.chain import article_id
from pipelines.ledger import RecordLedger
from scrapers.comment_feed import CommentLink, EditedPost
from scrapers.items import ArticlePage
from scrapers.profile import Recheck
from spiders.crawl_state import ArticleState, Schedule


def recheck_interval(state: ArticleState, now: datetime, recheck: Recheck) -> timedelta:
    """How long after its last check a thread is due again: `factor` x its quiet time, clamped.

    >>> state = ArticleState("u", published="2024-01-01", last_checked="2024-01-02T00:00:00Z")
    >>> recheck_interval(state, datetime(2024, 1, 3, tzinfo=UTC), Recheck())
    datetime.timedelta(seconds=43200)
    >>> recheck_interval(state, datetime(2034, 1, 3, tzinfo=UTC), Recheck()).days
    90
    """
    activity = _moment(state.newest_comment or state.published or state.last_checked)
    quiet = now - activity if activity else timedelta(days=recheck.max_days)
    interval = quiet * recheck.factor
    return max(timedelta(hours=recheck.min_hours), min(timedelta(days=recheck.max_days), interval))


def is_due(state: ArticleState, now: datetime, recheck: Recheck) -> bool:
    """True when the schedule wants the thread looked at again (never when comments are closed)."""
    if state.comments_closed:
        return False
    checked = _moment(state.last_checked)
    return checked is None or now - checked >= recheck_interval(state, now, recheck)


class IncrementalPolicy:
    """The spider's view of the state: known articles, signals of change, pages to fetch.

    Over the article schedule (`spiders.crawl_state`) and the pipelines' record ledger (which
    comments the dataset already holds)."""

    def __init__(self, schedule: Schedule, ledger: RecordLedger, recheck: Recheck, crawl_id: str,
                 timezone: str) -> None:
        self.schedule = schedule
        self.ledger = ledger
        self.recheck = recheck
        self.crawl_id = crawl_id
        self.timezone = timezone
        self.known: dict[str, ArticleState] = {state.url: state for state in schedule.articles()}
        """The articles known when the run started. Those first seen in this run are only in the
        schedule (`state`): kept here, they grew memory by ~0.4 KB per article (issue 15)."""
        self.wanted_pages: dict[str, set[int]] = {}
        """Article URL -> comment pages a signal asked for (comments feed, resume)."""

    def state(self, url: str) -> ArticleState | None:
        """What the state knows of the article: known at the start, or seen in this run."""
        # latest: a shared schedule's copy (another Redis worker may have saved it since)
        return self.schedule.latest(url, self.known.get(url)) or self.schedule.article(url)

    def is_known(self, url: str) -> bool:
        return self.state(url) is not None

    def modified_since_check(self, url: str, lastmod: str | None) -> bool:
        """A known article whose sitemap `lastmod` is later than its last check (WordPress core
        sitemaps have no lastmod; the SEO plugins' do)."""
        state = self.state(url)
        modified, checked = _moment(lastmod), _moment(state.last_checked if state else None)
        return bool(modified and checked and modified > checked)

    def due_rechecks(self, now: datetime | None = None) -> list[str]:
        """Known articles whose schedule says to look at the thread again now."""
        moment = now or datetime.now(UTC)
        return [url for url, state in self.known.items() if is_due(state, moment, self.recheck)]

    def unfinished(self) -> dict[str, set[int]]:
        """Articles with linked comment pages never fetched (a killed run, or this one ending):
        url -> those pages. From the schedule, which has this run's articles too (`known` not)."""
        missing = ((state.url, set(state.comment_pages_linked) - set(state.comment_pages))
                   for state in self.schedule.articles())
        return {url: pages for url, pages in missing if pages}

    def missing_pages(self, url: str) -> set[int]:
        """Comment pages of a known article that were linked but whose records were never written."""
        state = self.state(url)
        return set(state.comment_pages_linked) - set(state.comment_pages) if state else set()

    def new_comments(self, links: Iterable[CommentLink]) -> tuple[dict[str, set[int]], bool]:
        """Comments of a feed page the dataset lacks, by article (their pages); and whether the
        page also named a known comment (then older feed pages hold nothing new)."""
        found: dict[str, set[int]] = {}
        reached_known = False
        for link in links:
            if self.ledger.record_hash(f"comment:{article_id(link.article_url)}:{link.comment_id}"):
                reached_known = True
                continue
            found.setdefault(link.article_url, set()).update([link.page] if link.page else [])
        for url, pages in found.items():
            self.wanted_pages.setdefault(url, set()).update(pages)
        return found, reached_known

    def edited(self, posts: Iterable[EditedPost]) -> list[str]:
        """Known posts edited after their last check (closed threads are remembered as closed)."""
        urls = []
        for post in posts:
            state = self.state(post.url)
            if state is None:
                continue
            if post.comments_closed != state.comments_closed:
                state.comments_closed = post.comments_closed
                self.schedule.save_article(state)
            if post.modified_gmt and post.modified_gmt + "Z" > state.last_checked:
                urls.append(post.url)
        return urls

    def pages_to_fetch(self, page: ArticlePage, refetch: bool) -> set[int]:
        """Comment pages to request after this article page: all for a new article; for a known
        one only those a signal named, pages never seen or never finished, the last one if the
        count changed, and, for those this page does not link, the linked pages on the way there
        (a theme may link only the previous and next page: page 3 is then reached through page 2,
        even when page 2 is done)."""
        linked = set(page.links.comment_pages)
        state = self.state(page.article.url)
        if state is None or not refetch:
            return linked
        wanted = self.wanted_pages.get(page.article.url, set()) | self.missing_pages(state.url)
        unseen = linked - set(state.comment_pages)
        if page.article.comment_count != state.comment_count and linked:
            wanted = wanted | {max(linked | set(state.comment_pages))}
        here = page.links.this_page or page.comment_page
        on_the_way = {n for n in linked for m in wanted - linked if here < n < m or m < n < here}
        return (wanted | unseen | on_the_way) & linked

    def unchanged(self, url: str) -> None:
        """A re-checked article page answered 304: checked now, nothing new."""
        state = self.state(url)
        if state is not None:
            state.last_checked = now_iso()
            self.schedule.save_article(state)

    def seen(self, page: ArticlePage, closed: bool | None = None) -> None:
        """Remember what an article page (permalink or comment page) showed of its thread."""
        url = page.article.url
        state = self.state(url) or ArticleState(url, published=self._date(page.article.published_raw))
        number = page.links.this_page or page.comment_page
        pages = set(state.comment_pages) | {number}
        linked = set(state.comment_pages_linked) | set(page.links.comment_pages) | {number}
        last = _last_page(page)
        if last is not None:  # pages past the end are gone (deleted comments): never "missing"
            pages, linked = {n for n in pages if n <= last}, {n for n in linked if n <= last}
        state.comment_pages, state.comment_pages_linked = sorted(pages), sorted(linked)
        newest = max((d for d in (self._date(c.published_raw) for c in page.comments) if d),
                     default=None)
        if newest and (state.newest_comment is None or newest > state.newest_comment):
            state.newest_comment = newest
        if page.article.comment_count is not None and page.article.comment_count != state.comment_count:
            state.comment_count = page.article.comment_count
            state.last_changed = now_iso()
        if closed is not None:
            state.comments_closed = closed
        state.last_checked = now_iso()
        state.last_changed = state.last_changed or state.last_checked
        state.crawl_id = self.crawl_id
        self.schedule.save_article(state, last)

    def _date(self, raw: str | None) -> str | None:
        return normalize.date(raw, tz=self.timezone) if raw else None


def _last_page(page: ArticlePage) -> int | None:
    """The thread's last comment page number when this page shows it is the last one: it says
    which page it is and links none beyond, or the thread has no comment pages at all."""
    links = page.links
    if links.this_page is None:
        return None if links.comment_pages else page.comment_page
    return links.this_page if links.this_page > max(links.comment_pages, default=0) else None


def _moment(text: str | None) -> datetime | None:
    """A stored date ('YYYY-MM-DD' or '...THH:MM:SSZ') as an aware datetime."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
