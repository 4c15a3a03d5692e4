"""Is a page without WordPress body classes or article metadata one article? Layout and URL say.

Many CMSs (TYPO3, SPIP, Drupal themes, Blogger, custom newsroom systems) print neither `og:type`,
JSON-LD nor `article:published_time` on their article pages. The router asks here last: a page is an
article when its URL is not a home page, archive or taxonomy listing, it does not show a grid of
`<article>` teasers, and one block of it holds running text (paragraphs, or text broken by <br> as
Blogger and older CMSs print it).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from scrapers.html_text import is_element

MIN_TEXT = 200
"""Characters of running text in one block that make a page an article (short news items count)."""
MAX_TEASERS = 10
"""A page with this many <article> elements is a listing (related-story strips hold fewer)."""
NOT_ARTICLE_OG_TYPES = frozenset({
    "object", "profile", "book", "product", "music.song", "music.album", "video.movie",
    "video.tv_show", "video.episode", "place", "business.business",
})
"""og:type values that name something else than an article ('website' is common on articles)."""

_LISTING_PATH = re.compile(
    r"^/*$"  # home page
    r"|^/[a-z]{2}(?:[-_][a-z]{2})?/?$"  # a language's home page: /en, /de-at/
    r"|^/(?:\d{4}/?){1}(?:\d{1,2}/?){0,2}$"  # date archives: /2011/, /2011/05/, /2011/05/17/
    r"|/(?:tag|tags|category|categories|author|page|search|archive|archives)(?:/|$)",
    re.IGNORECASE)
_INLINE = frozenset({"a", "b", "i", "em", "strong", "span", "font", "u", "br", "small", "sup", "sub",
                     "abbr", "cite", "q", "mark"})
_SKIPPED = frozenset({"script", "style", "noscript", "template", "a", "span", "p", "head", "title"})


def listing_url(url: str) -> bool:
    """A home page, date archive or taxonomy listing by its URL (a query, as in '/?p=12' or
    'spip.php?article7', names one item, so it is never a listing here).

    >>> [listing_url(u) for u in ("https://a.org/", "https://a.org/en", "https://a.org/2011/",
    ...                           "https://a.org/tag/x/", "https://a.org/?p=3", "https://a.org/2011/05/post/")]
    [True, True, True, True, False, False]
    """
    parts = urlsplit(url)
    return not parts.query and bool(_LISTING_PATH.search(parts.path))


def looks_like_article(tree: HtmlElement, url: str) -> bool:
    """One article by layout: not a listing URL, not a teaser grid, and running text in one block."""
    if listing_url(url):
        return False
    if len(tree.xpath("//article")) >= MAX_TEASERS:
        return False
    return running_text(tree) >= MIN_TEXT


def running_text(tree: HtmlElement) -> int:
    """Characters of the block holding most running text: its own text, its paragraphs' and its
    inline children's (text split by <br> counts: Blogger and older CMSs print bodies that way)."""
    best = 0
    for element in tree.iter():
        if is_element(element) and element.tag not in _SKIPPED:
            best = max(best, _own_text(element))
    return best


def _own_text(element: HtmlElement) -> int:
    size = len((element.text or "").strip())
    for child in element:
        if not is_element(child):
            size += len((child.tail or "").strip())
            continue
        if child.tag == "p" or child.tag in _INLINE:
            size += len(child.text_content().strip()) if child.tag != "br" else 0
        size += len((child.tail or "").strip())
    return size
