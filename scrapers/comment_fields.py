"""Small helpers the comment extractors of non-WordPress platforms share (Drupal, Blogger, SPIP,
wpDiscuz): first non-empty match of a selector list, the commenter's link, a copy without replies,
a comment's place in its thread and the Comment record built from them.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from scrapers.html_text import collapse, element_text, remove
from scrapers.items import Comment
from scrapers.urls import absolute
from scrapers.xpath import select


def first_element(scope: HtmlElement, xpaths: Iterable[str]) -> HtmlElement | None:
    """The first element that an XPath of `xpaths` (tried in order) finds with visible text."""
    for xpath in xpaths:
        for found in select(scope, xpath):
            if collapse(found.text_content()):
                return found
    return None


def first_value(scope: HtmlElement, xpaths: Iterable[str]) -> str | None:
    """The first non-empty attribute value or element text an XPath of `xpaths` finds, collapsed."""
    for xpath in xpaths:
        for found in select(scope, xpath):
            value = collapse(found if isinstance(found, str) else found.text_content())
            if value:
                return value
    return None


def first_text(scope: HtmlElement, xpaths: Iterable[str]) -> str:
    """Paragraph text (`element_text`) of the first element an XPath of `xpaths` finds, else ''."""
    for xpath in xpaths:
        found = select(scope, xpath)
        if found:
            return element_text(found[0])
    return ""


def link_url(element: HtmlElement | None, page_url: str) -> str | None:
    """Absolute http(s) URL of the link that is, encloses or is inside `element`; never a link back
    into the page itself (permalinks, reply anchors)."""
    if element is None:
        return None
    links = [element] if element.tag == "a" else []
    links += [a for a in element.iterancestors("a")] + select(element, ".//a[@href]")
    for link in links:
        url = absolute(page_url, link.get("href") or "")
        if url and urlsplit(url).scheme in ("http", "https") and "#" not in url and url != page_url:
            return url
    return None


def without(element: HtmlElement, xpath: str) -> HtmlElement:
    """A copy of `element` without the descendants `xpath` selects (replies, buttons...)."""
    own = copy.deepcopy(element)
    for found in select(own, xpath):
        remove(found)
    return own


def nesting(element: HtmlElement, ids: dict[HtmlElement, str]) -> tuple[str | None, int]:
    """(parent id, depth) of a comment `element` nested in the `li` of the comments it replies to;
    `ids` maps each comment element of the page to its id."""
    enclosing = [ids[li] for li in element.iterancestors("li") if li in ids]
    return (enclosing[0] if enclosing else None), len(enclosing) + 1


def next_comment(found: list[Comment], comment_id: str, article_url: str, comment_page: int, *,
                 parent_id: str | None, depth: int, author: HtmlElement | None,
                 published_raw: str | None, text: str, other_url: str | None = None) -> Comment:
    """The comment after those `found` on its page: the author's name read from `author`, the link
    it is, encloses or holds (else `other_url`, e.g. the commenter's site line)."""
    return Comment(
        id=comment_id,
        article_url=article_url,
        parent_id=parent_id,
        depth=depth,
        position=len(found) + 1,
        comment_page=comment_page,
        author_raw=collapse(author.text_content()) if author is not None else None,
        author_url=link_url(author, article_url) or other_url,
        published_raw=published_raw,
        text=text,
    )
