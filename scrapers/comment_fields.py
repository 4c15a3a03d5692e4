"""Small helpers the comment extractors of non-WordPress platforms share (Drupal, Blogger, SPIP,
wpDiscuz): first non-empty match of a selector list, the commenter's link, a copy without replies.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from scrapers.html_text import collapse, element_text, remove
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
