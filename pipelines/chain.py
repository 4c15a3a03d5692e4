"""The one ordered normalizer chain that crawl and replay both run over every record.

Order: identity (stable ids), de-duplication (a comment shown on two comment pages, an article
reached twice), then the normalizers, each filling the normalized twin of a `*_raw` field.
Normalizers never raise; a raw value they cannot read is counted (`normalize/<field>_unparsed`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Protocol

from pipelines import normalize
from scrapers.items import Article, Comment

Counter = Callable[[str], None]


class KeySet(Protocol):
    """What de-duplication needs of a set of keys (a `set`, or one kept on disk)."""

    def __contains__(self, key: object) -> bool: ...

    def add(self, key: str) -> None: ...

    def clear(self) -> None: ...


def article_id(url: str) -> str:
    """Stable article id: first 16 hex digits of sha1 of the canonical URL.

    >>> import hashlib
    >>> url = "https://example.org/archives/2014/10/x.php"
    >>> article_id(url) == hashlib.sha1(url.encode()).hexdigest()[:16]
    True
    """
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


class RecordChain:
    """Identity, de-duplication and normalization, in that order."""

    def __init__(self, count: Counter, seen: KeySet | None = None) -> None:
        self.count = count
        self.seen: KeySet = seen if seen is not None else set()

    def article(self, article: Article, timezone: str = "UTC") -> Article | None:
        """The normalized article, or None when it was already emitted.

        `timezone` is the site's zone: local times without an offset are read in it.
        """
        article.id = article_id(article.url)
        if not self._first_time(f"article:{article.id}"):
            return None
        article.authors = normalize.byline(article.byline_raw or "")
        if article.byline_raw and not article.authors:
            self.count("normalize/byline_unparsed")
        article.published = self._date("published", article.published_raw, article.fetched_at, timezone)
        article.modified = self._date("modified", article.modified_raw, article.fetched_at, timezone)
        article.tags = normalize.tags(article.tags_raw)
        article.categories = normalize.tags(article.categories_raw)
        article.word_count = len(article.text.split())
        return article

    def comment(self, comment: Comment, timezone: str = "UTC") -> Comment | None:
        """The normalized comment, or None when it was already emitted."""
        comment.article_id = article_id(comment.article_url)
        if not self._first_time(f"comment:{comment.article_id}:{comment.id}"):
            return None
        comment.author = normalize.comment_author(comment.author_raw or "")
        if comment.author_raw and comment.author is None:
            self.count("normalize/comment_author_unparsed")
        comment.published = self._date(
            "comment_published", comment.published_raw, comment.fetched_at, timezone
        )
        return comment

    def _first_time(self, key: str) -> bool:
        if key in self.seen:
            self.count("dedupe/dropped")
            return False
        self.seen.add(key)
        return True

    def _date(self, field: str, raw: str | None, fetched_at: str, timezone: str) -> str | None:
        if not raw:
            return None
        value = normalize.date(raw, tz=timezone, now=fetched_at or None)
        if value is None:
            self.count(f"normalize/{field}_unparsed")
        return value
