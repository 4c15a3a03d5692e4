"""Reader comments of a WordPress page, read from core markup that survives theme changes.

`wp_list_comments()` gives every comment an element with id `comment-N` (older themes:
`li-comment-N` around a `comment-N`), nests replies inside their parent (`ol.children`), and adds
`depth-N`, `comment`/`pingback`/`trackback` classes. Inside a comment, themes differ; each field
tries core's markup first (`.fn`, `time[datetime]`, `.comment-content`) and then the usual variants.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml.html import HtmlElement

from scrapers.html_text import collapse, element_text, remove
from scrapers.items import Comment

_COMMENT_ID = re.compile(r"^(?:li-)?comment-(\d+)$")
_DEPTH_CLASS = re.compile(r"\bdepth-(\d+)\b")
_PING = re.compile(r"^\W*(pingback|trackback)\b", re.IGNORECASE)
_COMMENT_PAGE_PATH = re.compile(r"/comment-page-(\d+)/?$")
_CURRENT_PAGE_XPATH = "//*[contains(@class, 'comment')]//span[contains(@class, 'current')]"
_FILE_NAME = re.compile(r"/[^/]*\.\w{1,5}$")
_LOOKS_LIKE_DATE = re.compile(
    r"\b(1[89]|20)\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2}\b|\bago\b|\bvor\b|\bil y a\b|\bhace\b",
    re.IGNORECASE,
)

_AUTHOR_XPATHS = (
    ".//*[contains(concat(' ', normalize-space(@class), ' '), ' fn ')]",
    ".//*[@itemprop='author']//*[@itemprop='name']",
    ".//*[contains(@class, 'comment-author') or contains(@class, 'comment_author')"
    " or contains(@class, 'comment-name') or contains(@class, 'commenter')]"
    "//*[self::strong or self::b or self::a[not(contains(@class, 'reply'))]]",
    ".//cite",
    ".//*[contains(@class, 'comment-author') or contains(@class, 'comment_author')]",
    ".//a[contains(concat(' ', normalize-space(@class), ' '), ' url ')]",
)
_DATE_XPATHS = (
    ".//time/@datetime",
    ".//*[@itemprop='datePublished']/@content",
    ".//abbr[@title]/@title",
    ".//*[contains(@class, 'comment-metadata') or contains(@class, 'commentmetadata')"
    " or contains(@class, 'comment-date') or contains(@class, 'comment_date')"
    " or contains(@class, 'comment-time') or contains(@class, 'comment_meta')"
    " or contains(@class, 'comment-meta')]",
    ".//a[contains(@href, '#comment-')]",
    ".//small",
    ".//*[contains(@class, 'date') or contains(@class, 'time')]",
)
_TEXT_XPATHS = (
    ".//*[contains(concat(' ', normalize-space(@class), ' '), ' comment-content ')]",
    ".//*[@itemprop='text' or @itemprop='commentText']",
    ".//*[contains(@class, 'comment-text') or contains(@class, 'comment_text')"
    " or contains(@class, 'comment-entry') or contains(@class, 'comment_content')]",
)
# Inside one comment: everything that is not what the reader wrote.
_NOT_TEXT_XPATH = (
    ".//*[contains(@class, 'comment-author') or contains(@class, 'comment_author')"
    " or contains(@class, 'comment-meta') or contains(@class, 'commentmetadata')"
    " or contains(@class, 'comment_meta') or contains(@class, 'comment-date')"
    " or contains(@class, 'reply') or contains(@class, 'says') or contains(@class, 'avatar')"
    " or contains(@class, 'awaiting-moderation') or contains(@class, 'comment_counter')"
    " or contains(@class, 'comment-edit')]"
    " | .//cite | .//footer | .//small | .//img | .//script | .//form"
)


def comment_elements(tree: HtmlElement) -> list[tuple[str, HtmlElement]]:
    """(comment id, outermost element) of every comment or ping on the page, in document order."""
    seen: dict[str, HtmlElement] = {}
    for element in tree.xpath("//*[starts-with(@id, 'comment-') or starts-with(@id, 'li-comment-')]"):
        match = _COMMENT_ID.match(element.get("id", ""))
        if match and match.group(1) not in seen:
            seen[match.group(1)] = _container(element)
    return list(seen.items())


def reader_comments(tree: HtmlElement, article_url: str, comment_page: int) -> list[Comment]:
    """Every reader comment on this page (pings left out), with thread structure and position."""
    elements = comment_elements(tree)
    ids = {element: comment_id for comment_id, element in elements}
    comments: list[Comment] = []
    for comment_id, element in elements:
        own = own_content(element, ids)
        if is_ping(element, own):
            continue
        parent, ancestors = _comment_ancestors(element, ids)
        author = _author_element(own)
        comments.append(Comment(
            id=comment_id,
            article_url=article_url,
            parent_id=parent,
            depth=_depth(element) or ancestors + 1,
            position=len(comments) + 1,
            comment_page=comment_page,
            author_raw=_author_name(author),
            author_url=_author_url(author, article_url),
            published_raw=_date(own, author),
            text=_text(own),
        ))
    return comments


def own_content(element: HtmlElement, ids: dict[HtmlElement, str]) -> HtmlElement:
    """A copy of one comment's element without the replies nested inside it."""
    own = copy.deepcopy(element)
    for nested in own.xpath(".//*[@id]"):
        if _COMMENT_ID.match(nested.get("id", "")) and _outermost_id(nested, own):
            remove(nested)
    for children in own.xpath(".//*[contains(concat(' ', normalize-space(@class), ' '), ' children ')]"):
        remove(children)
    return own


def is_ping(element: HtmlElement, own: HtmlElement) -> bool:
    """Pingbacks and trackbacks: by core's class, else by the 'Pingback:' label themes print."""
    classes = (element.get("class") or "").split()
    if "pingback" in classes or "trackback" in classes:
        return True
    return bool(_PING.match(collapse(own.text_content())[:40]))


def stated_comment_count(tree: HtmlElement) -> int | None:
    """The count the page states ('12 comments on ...', 'One thought on ...'), else None."""
    for heading in tree.xpath(
        "//*[contains(@class, 'comments-title') or contains(@class, 'comments-count')"
        " or contains(@class, 'comment-count')] | //*[@id='comments']/*[self::h2 or self::h3]"
        " | //*[@id='comments-title']"
    ):
        count = _count_in(collapse(heading.text_content()))
        if count is not None:
            return count
    return None


def known_comment_page(url: str, tree: HtmlElement) -> int | None:
    """Which comment page this is: from the URL, else from the comments' own permalinks, else
    from the navigation links; None when the page does not say.

    With newest comments first, the permalink shows the last page; the comments' permalinks
    (`get_comment_link`: `.../comment-page-5#comment-9`) and its 'older' link say which one it is.
    """
    number = _page_in_url(url) or _page_of_own_permalinks(tree)
    if number:
        return number
    for link in tree.xpath("//*[contains(@class, 'nav-previous')]//a[@href] | //a[@href][@rel='prev']"):
        older = _page_in_url(link.get("href"))
        if older:
            return older + 1
    for current in tree.xpath(_CURRENT_PAGE_XPATH):  # paginate_links: "2", or "Page 2"
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
    here = without_comment_page(page_url)
    this_url = urlunsplit(urlsplit(page_url)._replace(fragment=""))
    pages: dict[int, str] = {}
    for href in tree.xpath("//a/@href"):
        url = urlunsplit(urlsplit(urljoin(page_url, href.strip()))._replace(fragment=""))
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


def _page_of_own_permalinks(tree: HtmlElement) -> int | None:
    """The comment page named by a permalink (`...comment-page-N#comment-ID`, from the comment
    itself or a recent-comments widget) of a comment shown on this page."""
    shown = {comment_id for comment_id, _ in comment_elements(tree)}
    for href in tree.xpath("//a/@href[contains(., '#comment-')]"):
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


def _container(element: HtmlElement) -> HtmlElement:
    """Some themes put id='comment-N' on an empty anchor; the comment is its enclosing block."""
    if len(element) or collapse(element.text_content()):
        return element
    parent = element.getparent()
    return parent if parent is not None else element


def _outermost_id(nested: HtmlElement, root: HtmlElement) -> bool:
    """True when no ancestor of `nested` below `root` is itself a comment element."""
    for ancestor in nested.iterancestors():
        if ancestor is root:
            return True
        if _COMMENT_ID.match(ancestor.get("id", "")):
            return False
    return True


def _comment_ancestors(element: HtmlElement, ids: dict[HtmlElement, str]) -> tuple[str | None, int]:
    """(nearest enclosing comment's id, number of enclosing comments)."""
    enclosing = [ids[a] for a in element.iterancestors() if a in ids]
    return (enclosing[0] if enclosing else None), len(enclosing)


def _depth(element: HtmlElement) -> int | None:
    match = _DEPTH_CLASS.search(element.get("class") or "")
    return int(match.group(1)) if match else None


def _author_element(own: HtmlElement) -> HtmlElement | None:
    for xpath in _AUTHOR_XPATHS:
        for found in own.xpath(xpath):
            if collapse(found.text_content()):
                return found
    return None


def _author_name(author: HtmlElement | None) -> str | None:
    """The name's first line: themes put badges ('Autor', 'Admin') after a <br> in the name."""
    if author is None:
        return None
    lines = element_text(author).split("\n")
    return lines[0] if lines[0] else None


def _author_url(author: HtmlElement | None, page_url: str) -> str | None:
    if author is None:
        return None
    links = [author] if author.tag == "a" else author.xpath(".//a[@href]")
    for link in links:
        url = urljoin(page_url, (link.get("href") or "").strip())
        if urlsplit(url).scheme in ("http", "https") and "#" not in url and url != page_url:
            return url
    return None


def _date(own: HtmlElement, author: HtmlElement | None) -> str | None:
    for candidate in _date_candidates(own, author):
        text = collapse(candidate)
        if text and _LOOKS_LIKE_DATE.search(text):
            return text
    return None


def _date_candidates(own: HtmlElement, author: HtmlElement | None) -> Iterator[str]:
    for xpath in _DATE_XPATHS:
        for found in own.xpath(xpath):
            yield found if isinstance(found, str) else found.text_content()
    if author is not None:  # some themes print the date as bare text beside the name
        holder = author.getparent()
        if holder is not None:
            yield holder.text_content().replace(author.text_content(), " ")


def _text(own: HtmlElement) -> str:
    for xpath in _TEXT_XPATHS:
        found = own.xpath(xpath)
        if found:
            return element_text(found[0])
    body = copy.deepcopy(own)
    for element in body.xpath(_NOT_TEXT_XPATH):
        remove(element)
    return element_text(body)


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
