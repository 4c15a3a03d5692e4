"""Comments checked against the REST API's copy before they go out. No selectors here.

When a page's comments lack a field (or the profile says `crosscheck = "always"`), the page's
comments wait while the post's comments are fetched from `<api root>wp/v2/comments?post=N`
(100 a page, one page after another, archived like every response), then go out filled and
marked (`pipelines.crosscheck`). One answer per post and crawl: the post's other comment pages
use it too, and while it is on its way they wait behind the first, so they go out in the order
they came, as replay reads them. An answer that is not a comment listing (401/404, HTML), or a
request that fails, lets the waiting comments go out as the page showed them.
"""

from __future__ import annotations

import logging
from typing import Any

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from archive.middleware import META_KEY
from pipelines.crosscheck import cross_check, wants_cross_check
from pipelines.rest_store import RestCommentStore, capture_key
from scrapers.items import ArticlePage
from scrapers.profile import SiteProfile
from scrapers.rest_api import default_api_root
from scrapers.rest_comments import comments_url, parse_rest_comments
from spiders.change_signals import WHOLE, Output, to_http

logger = logging.getLogger(__name__)

REST_COMMENTS_PRIORITY = 10
"""Before other pages: comments wait in memory for the answer."""


class CommentCrossCheck:
    """Mixin of `SiteSpider`: a page's comments, now or once the REST API's copy is in."""

    profile: SiteProfile
    crawl_id: str
    rest_root: str | None

    def open_cross_check(self) -> None:
        """Start with no answers; call once, in the spider's `__init__`."""
        self.rest_comments = RestCommentStore()
        self.cross_checked_posts: dict[int, list[ArticlePage] | None] = {}
        """Post id -> pages waiting for its REST answer; None once the answer is in."""

    def comments_of(self, page: ArticlePage) -> Output:
        """The page's comments now, or a request for its post's REST comments (they wait)."""
        post = page.post_id
        if post is not None and self.cross_checked_posts.get(post) is not None:
            self._waiting(post).append(page)  # behind an earlier page of the post, in order
            return
        if post is None or not wants_cross_check(page, self.profile):
            yield from page.comments
            return
        if post in self.cross_checked_posts:  # answered already
            self._fill(page)
            yield from page.comments
            return
        self.cross_checked_posts[post] = [page]
        # The root the page names: an incremental crawl may never have read the home page.
        yield self._rest_request(page.api_root or self.rest_root, post, 1)

    def parse_rest_comments(self, response: Response, root: str, post: int, number: int) -> Output:
        answer = parse_rest_comments(to_http(response))
        location = response.meta.get(META_KEY)
        if answer is None:
            logger.info("No REST comments at %s (status %d); the page's comments go out as shown",
                        response.url, response.status)
        elif location is not None:
            key = capture_key(location.target_uri, location.warc_date)
            self.rest_comments.add(self.crawl_id, post, key, answer.comments)
            if number < answer.total_pages:
                yield self._rest_request(root, post, number + 1)
                return
        yield from self._release(post)

    def rest_comments_failed(self, failure: Failure) -> Output:
        request = failure.request  # type: ignore[attr-defined]
        logger.info("REST comments request failed (%s): %s", failure.getErrorMessage(), request.url)
        yield from self._release(request.cb_kwargs["post"])

    def closed(self, reason: str) -> None:
        self.rest_comments.close()

    def _release(self, post: int) -> Output:
        waiting = self._waiting(post)
        self.cross_checked_posts[post] = None
        for page in waiting:
            self._fill(page)
            yield from page.comments  # the state learns the page once they are written

    def _fill(self, page: ArticlePage) -> None:
        if page.post_id is not None and wants_cross_check(page, self.profile):
            rest = self.rest_comments.comments(self.crawl_id, page.post_id)
            cross_check(page.comments, rest, self.profile.timezone)

    def _waiting(self, post: int) -> list[ArticlePage]:
        return self.cross_checked_posts.get(post) or []

    def _rest_request(self, root: str | None, post: int, number: int) -> scrapy.Request:
        root = root or default_api_root(self.profile.base_url)
        kwargs: dict[str, Any] = {"root": root, "post": post, "number": number}
        return scrapy.Request(comments_url(root, post, number), callback=self.parse_rest_comments,
                              errback=self.rest_comments_failed, cb_kwargs=kwargs, meta=WHOLE,
                              priority=REST_COMMENTS_PRIORITY, dont_filter=True)
