"""Keeps a crawl bounded on sites full of spider traps; the spider asks it before each request.

Article links (sitemaps, feeds, REST, listing pages) lose session ids and tracking parameters and
are refused when they are a view of another page (`?replytocom=`, `?share=`, AMP, print) or a date
archive (`scrapers.url_policy`). Listing pagination stops at a page that shows no article an earlier
listing page did not (WordPress themes answer `/page/N/` past the end with 200 and the same posts),
and after `max_listing_pages` pages in any case. Scrapy's own duplicate filter then catches the
same query in another order (its fingerprint sorts the query). Each refusal is counted as a stat
`longform/trap_refused/<kind>`, each cleaned link as `longform/trap_cleaned/<session|tracking>`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from scrapers.url_policy import canonical_key, clean_url, trap_kind

REFUSED = "longform/trap_refused/"
CLEANED = "longform/trap_cleaned/"


class TrapFilter:
    """Decides per link; `count(stat_key)` records each decision that dropped something."""

    def __init__(self, count: Callable[[str], None], max_listing_pages: int) -> None:
        self.count = count
        self.max_listing_pages = max_listing_pages
        self.listing_pages = 1  # the page discovery starts from
        self.listed: set[str] = set()
        """Canonical keys of the articles listing pages have shown."""

    def article_url(self, url: str) -> str | None:
        """The URL to request for an article link, or None when the link is a trap."""
        cleaned = self._clean(url)
        kind = trap_kind(cleaned)
        if kind is not None:
            self.count(REFUSED + kind)
            return None
        return cleaned

    def next_listing(self, next_url: str | None, article_urls: Iterable[str]) -> str | None:
        """The next listing page to request after one showing `article_urls`, or None: the end,
        a page repeating earlier ones, a trap link, or the depth limit."""
        keys = {canonical_key(url) for url in article_urls}
        new = keys - self.listed
        self.listed |= keys
        if next_url is None or not keys:
            return None
        if not new:
            self.count(REFUSED + "repeated_listing")
            return None
        cleaned = self._clean(next_url)
        kind = trap_kind(cleaned)
        if kind is not None:
            self.count(REFUSED + kind)
            return None
        if self.listing_pages >= self.max_listing_pages:
            self.count(REFUSED + "listing_depth")
            return None
        self.listing_pages += 1
        return cleaned

    def _clean(self, url: str) -> str:
        cleaned, dropped = clean_url(url)
        if dropped is not None:
            self.count(CLEANED + dropped)
        return cleaned
