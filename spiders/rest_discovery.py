"""Discovery through WordPress's REST API when the site has no sitemap. No selectors here.

The posts listing (`<api root>wp/v2/posts`, 100 a page, newest first) names every published post
in a fortieth of the requests archive pagination (`/page/N/`, ~10 a page) needs, without rendering
a theme. Pages are read one after another, so the listing stops as soon as it has enough: the
`--max-articles` limit is reached, a post is older than `--since` (by `date_gmt`), or (incremental)
a page names only known posts. When the API does not answer with a listing (401/403/404, HTML,
broken JSON), discovery falls back to the feed and archive pagination, as without the API.
Parsing is `scrapers.rest_api`; every answer is archived by the middleware like any other.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date
from urllib.parse import urljoin

import scrapy
from scrapy.http import Response

from scrapers.rest_api import RestPostsPage, default_api_root, parse_rest_posts, posts_url
from spiders.change_signals import FEED_PATH, WHOLE, ChangeSignals, Output, to_http

logger = logging.getLogger(__name__)


class RestDiscovery(ChangeSignals):
    """Mixin of `SiteSpider`: the REST posts listing, and the fallback when the API is off (the
    run's state and the stubs of SiteSpider's callbacks it shares with ChangeSignals)."""

    since: date | None
    max_articles: int | None
    articles_requested: int
    rest_root: str | None = None
    """The API root the home page named (None: not seen, or it named none)."""

    def parse_listing(self, response: Response) -> Output:
        raise NotImplementedError  # SiteSpider's

    def discover_without_sitemaps(self) -> Iterator[scrapy.Request]:
        """The REST listing when the profile allows it, else the feed and archive pagination."""
        if not self.profile.use_rest_api:
            yield from self.feed_and_archive_pages()
            return
        # Without a <link> on the home page the API may still be there (a plugin hid the link).
        root = self.rest_root or default_api_root(self.profile.base_url)
        yield self._rest_page(root, 1)

    def feed_and_archive_pages(self) -> Iterator[scrapy.Request]:
        """The home page again as the first archive page (its `/page/N/` links) and the feed."""
        yield scrapy.Request(self.profile.base_url, callback=self.parse_listing, meta=WHOLE,
                             dont_filter=True)
        yield scrapy.Request(urljoin(self.profile.base_url, FEED_PATH), callback=self.parse_feed)

    def parse_rest_posts(self, response: Response, root: str, page: int) -> Output:
        listing = parse_rest_posts(to_http(response))
        if listing is None:
            logger.info("No REST posts listing at %s (status %d); discovering through the feed "
                        "and archive pages", response.url, response.status)
            yield from self.feed_and_archive_pages()
            return
        reached_since = False
        for post in listing.posts:
            if self.since and post.date_gmt and post.date_gmt[:10] < self.since.isoformat():
                reached_since = True  # newest first: the rest are older still
                break
            yield from self._article_request(post.url)
        if page < listing.total_pages and not reached_since and not self._enough(listing):
            yield self._rest_page(root, page + 1)

    def _enough(self, listing: RestPostsPage) -> bool:
        """No further page wanted: the article limit is reached, or (incremental) this page named
        only known posts, so the new ones ended here."""
        if self.max_articles is not None and self.articles_requested >= self.max_articles:
            return True
        policy = self.policy
        return bool(self.incremental and policy is not None and listing.posts
                    and all(policy.is_known(post.url) for post in listing.posts))

    def _rest_page(self, root: str, page: int) -> scrapy.Request:
        return scrapy.Request(posts_url(root, page), callback=self.parse_rest_posts,
                              cb_kwargs={"root": root, "page": page}, meta=WHOLE)
