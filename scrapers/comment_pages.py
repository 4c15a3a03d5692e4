"""The shape of a WordPress comment thread: which comment page this is, the other pages, the count.

WordPress paginates comments (`page_comments`) by top-level thread under `comment-page-N` URLs
(or `?cpage=N` with plain permalinks). With newest comments first, the post's own URL shows the
last page; the comments' permalinks and the navigation say which page a response is.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from lxml.html import HtmlElement

from scrapers.html_text import collapse
from scrapers.url_policy import clean_url
from scrapers.urls import absolute
from scrapers.xpath import select

_COMMENT_PAGE_PATH = re.compile(r"/comment-page-(\d+)/?$")
# Whole-page XPaths test attribute nodes (`//@class[...]/..`), not elements (`//*[...(@class...)]`):
# the same elements in the same order, several times faster in libxml2.
_COUNT_HEADING_XPATH = (  # 'comment' first: it rules out most classes cheaply
    "//@class[contains(., 'comment')][contains(., 'comments-title') or contains(., 'comments-count')"
    " or contains(., 'comment-count')]/.. | //@id[. = 'comments']/../*[self::h2 or self::h3]"
    " | //@id[. = 'comments-title']/.."
)
_OLDER_PAGE_XPATH = "//@class[contains(., 'nav-previous')]/..//a[@href] | //a[@href][@rel='prev']"
# The rare 'current' span first, then its ancestors: starting from every element whose class says
# 'comment' walks each nested reply's subtree again and again.
_CURRENT_PAGE_XPATH = (
    "//span/@class[contains(., 'current')]/parent::*[ancestor::*/@class[contains(., 'comment')]]"
)
_FILE_NAME = re.compile(r"/[^/]*\.\w{1,5}$")


def stated_comment_count(tree: HtmlElement) -> int | None:
    """The count the page states ('12 comments on ...', 'One thought on ...'), else None."""
    for heading in select(tree, _COUNT_HEADING_XPATH):
        count = _count_in(collapse(heading.text_content()))
        if count is not None:
            return count
    return None


def known_comment_page(url: str, tree: HtmlElement, shown: Collection[str]) -> int | None:
    """Which comment page this is: from the URL, else from the permalinks of the comments
    `shown` (their ids), else from the navigation links; None when the page does not say.

    With newest comments first, the permalink shows the last page; the comments' permalinks
    (`get_comment_link`: `.../comment-page-5#comment-9`) and its 'older' link say which one it is.
    """
    number = _page_in_url(url) or _page_of_own_permalinks(tree, shown)
    if number:
        return number
    for link in select(tree, _OLDER_PAGE_XPATH):
        older = _page_in_url(link.get("href"))
        if older:
            return older + 1
    for current in select(tree, _CURRENT_PAGE_XPATH):  # paginate_links: "2", or "Page 2"
        digits = re.findall(r"\d+", current.text_content())
        if len(digits) == 1:
            return int(digits[0])
    return None


def comment_page_urls(tree: HtmlElement, page_url: str, current: int | None = None) -> dict[int, str]:
    """{page number: absolute URL} of this article's other comment pages linked from this page
    (no fragments; the first link to each page). `current` (this page's number, when known) is
    left out: links to it show this very page under another URL (`comment-page-1` beside the post
    URL, when each comment's date links to its permalink).
    """
    # Session ids and tracking parameters on the links (or this page's URL) name no other page.
    page_url = clean_url(page_url)[0]
    here = without_comment_page(page_url)
    this_url = page_url
    pages: dict[int, str] = {}
    seen: set[str] = set()
    # Only hrefs that can name a comment page are resolved: urljoin on every link of a page
    # (a hundred or more) was a third of replay's time.
    for href in select(tree, "//a/@href[contains(., 'comment-page-') or contains(., 'cpage')]"):
        joined = absolute(page_url, href)
        if joined is None:
            continue
        url = clean_url(joined)[0]
        if url in seen:  # every comment's permalink names its page: the same URL, decided once
            continue
        seen.add(url)
        number = _page_in_url(url)
        if number and number != current and url != this_url and without_comment_page(url) == here:
            pages.setdefault(number, url)
    return pages


def without_comment_page(url: str) -> str:
    """The article permalink of a comment-page URL: no /comment-page-N/, cpage or fragment.

    >>> without_comment_page("https://x.org/a/b.php/comment-page-3/#comments")
    'https://x.org/a/b.php'
    >>> without_comment_page("https://x.org/?p=5&cpage=2")
    'https://x.org/?p=5'

    WordPress gives comment pages the permalink's trailing slash (`user_trailingslashit`), so a
    slash after the page number stays, unless the permalink ends in a file name (`b.php`):

    >>> without_comment_page("https://x.org/2019/12/slug/comment-page-2/")
    'https://x.org/2019/12/slug/'
    """
    parts = urlsplit(url)
    path = _COMMENT_PAGE_PATH.sub(_permalink_end, parts.path)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "cpage"])
    return urlunsplit(parts._replace(path=path, query=query, fragment=""))


def _page_of_own_permalinks(tree: HtmlElement, shown: Collection[str]) -> int | None:
    """The comment page named by a permalink (`...comment-page-N#comment-ID`, from the comment
    itself or a recent-comments widget) of a comment `shown` on this page."""
    for href in select(tree, "//a/@href[contains(., '#comment-')]"):
        url, _, fragment = href.partition("#")
        if fragment.removeprefix("comment-") in shown:
            number = _page_in_url(url)
            if number:
                return number
    return None


def _permalink_end(match: re.Match[str]) -> str:
    """What replaces '/comment-page-N[/]': the permalink's own trailing slash, if it had one."""
    before = match.string[: match.start()]
    keeps_slash = match.group(0).endswith("/") and not _FILE_NAME.search(before)
    return "/" if keeps_slash or not before else ""


def _page_in_url(url: str | None) -> int | None:
    parts = urlsplit(url or "")
    match = _COMMENT_PAGE_PATH.search(parts.path)
    if match:
        return int(match.group(1))
    cpage = dict(parse_qsl(parts.query)).get("cpage", "")
    return int(cpage) if cpage.isdigit() else None


_WORD_NUMBERS = {"one": 1, "ein": 1, "eine": 1, "einen": 1, "un": 1, "une": 1, "uno": 1, "una": 1}


def _count_in(heading: str) -> int | None:
    """'12 comments on X' -> 12; 'One thought on X' -> 1; 'Kommentare (3)' -> 3; else None.

    >>> _count_in("One comment on “10 years”"), _count_in("Kommentare (3)"), _count_in("Leave a reply")
    (1, 3, None)
    """
    first = heading.split(" ", 1)[0].lower()
    if first.replace(".", "").replace(",", "").isdigit():
        return int(first.replace(".", "").replace(",", ""))
    if first in _WORD_NUMBERS:
        return _WORD_NUMBERS[first]
    match = re.search(r"\((\d+)\)", heading)
    return int(match.group(1)) if match else None
