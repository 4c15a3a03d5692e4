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
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from scrapers.html_text import collapse, element_text, remove
from scrapers.items import Comment
from scrapers.urls import absolute
from scrapers.xpath import class_token, select

_COMMENT_ID = re.compile(r"^(?:li-)?comment-(\d+)$")
_DEPTH_CLASS = re.compile(r"\bdepth-(\d+)\b")
_PING = re.compile(r"^\W*(pingback|trackback)\b", re.IGNORECASE)
_LOOKS_LIKE_DATE = re.compile(
    r"\b(1[89]|20)\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2}\b|\bago\b|\bvor\b|\bil y a\b|\bhace\b",
    re.IGNORECASE,
)

_AUTHOR_XPATHS = (
    f"descendant::*/@class{class_token('fn')}/..",
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
    f"descendant::*/@class{class_token('comment-content')}/..",
    ".//*[@itemprop='text' or @itemprop='commentText']",
    ".//*[contains(@class, 'comment-text') or contains(@class, 'comment_text')"
    " or contains(@class, 'comment-entry') or contains(@class, 'comment_content')]",
)
_REPLIES_XPATH = f"descendant::*/@class{class_token('children')}/.."  # core's <ol class="children">
# The elements that can hold a comment id (`_COMMENT_ID`): not every element with an id.
_NUMBERED_XPATH = "descendant::*/@id[starts-with(., 'comment-') or starts-with(., 'li-comment-')]/.."
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
    # `//@id[...]/..`, not `//*[starts-with(@id, ...)]`: the same elements, several times faster.
    for element in select(tree, "//@id[starts-with(., 'comment-') or starts-with(., 'li-comment-')]/.."):
        match = _COMMENT_ID.match(element.get("id", ""))
        if match and match.group(1) not in seen:
            seen[match.group(1)] = _container(element)
    return list(seen.items())


def reader_comments(elements: list[tuple[str, HtmlElement]], article_url: str, comment_page: int
                    ) -> list[Comment]:
    """Every reader comment among the page's `elements` (`comment_elements`; pings left out),
    with thread structure and position."""
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
            author_url=_author_url(author, own, article_url),
            published_raw=_date(own, author),
            text=_text(own),
        ))
    return comments


def own_content(element: HtmlElement, ids: dict[HtmlElement, str]) -> HtmlElement:
    """One comment's element without the replies nested inside it, to read (never to change):
    `element` itself when nothing is nested in it (most comments: a thread's replies), else a copy.

    A nested element with this comment's own number is part of it, not a reply: Twenty Ten to
    Twenty Twelve print `li#li-comment-N` around `div#comment-N` / `article#comment-N`.
    """
    number = ids.get(element) or _number(element)
    if not (any(_is_reply(nested, element, number) for nested in select(element, _NUMBERED_XPATH))
            or select(element, _REPLIES_XPATH)):
        return element  # a copy would be the same markup, at a third of a comment's cost
    own = copy.deepcopy(element)
    for nested in select(own, _NUMBERED_XPATH):
        if _is_reply(nested, own, number):
            remove(nested)
    for children in select(own, _REPLIES_XPATH):
        remove(children)
    return own


def _is_reply(nested: HtmlElement, root: HtmlElement, number: str | None) -> bool:
    """`nested` (inside `root`, comment `number`) is another comment not inside a third one."""
    found = _number(nested)
    return found is not None and found != number and _outermost_reply(nested, root, number)


def is_ping(element: HtmlElement, own: HtmlElement) -> bool:
    """Pingbacks and trackbacks: by core's class, else by the 'Pingback:' label themes print."""
    classes = (element.get("class") or "").split()
    if "pingback" in classes or "trackback" in classes:
        return True
    return bool(_PING.match(collapse(own.text_content())[:40]))


def _container(element: HtmlElement) -> HtmlElement:
    """Some themes put id='comment-N' on an empty anchor; the comment is its enclosing block."""
    if len(element) or collapse(element.text_content()):
        return element
    parent = element.getparent()
    return parent if parent is not None else element


def _number(element: HtmlElement) -> str | None:
    """N of a core comment id (`comment-N`, `li-comment-N`), else None."""
    match = _COMMENT_ID.match(element.get("id", ""))
    return match.group(1) if match else None


def _outermost_reply(nested: HtmlElement, root: HtmlElement, number: str | None) -> bool:
    """True when no element between `root` and `nested` belongs to another comment (a reply's
    own reply goes with it)."""
    for ancestor in nested.iterancestors():
        if ancestor is root:
            return True
        found = _number(ancestor)
        if found is not None and found != number:
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
        for found in select(own, xpath):
            if collapse(found.text_content()):
                return found
    return None


def _author_name(author: HtmlElement | None) -> str | None:
    """The name's first line: themes put badges ('Autor', 'Admin') after a <br> in the name."""
    if author is None:
        return None
    lines = element_text(author).split("\n")
    return lines[0] if lines[0] else None


def _author_url(author: HtmlElement | None, own: HtmlElement, page_url: str) -> str | None:
    """The commenter's link: the name itself, a link inside it, else a link around it inside the
    comment `own` (Twenty Nineteen and Twenty Twenty wrap avatar and `span.fn` in `a.url`)."""
    if author is None:
        return None
    links = [author] if author.tag == "a" else select(author, ".//a[@href]")
    links = links or _enclosing_link(author, own)
    for link in links:
        url = absolute(page_url, link.get("href") or "")
        if url and urlsplit(url).scheme in ("http", "https") and "#" not in url and url != page_url:
            return url
    return None


def _enclosing_link(element: HtmlElement, root: HtmlElement) -> list[HtmlElement]:
    """The nearest <a href> around `element`, `root` the farthest looked at (`own_content` may
    give the page's own element, whose ancestors are not the comment's)."""
    for ancestor in element.iterancestors():
        if ancestor.tag == "a" and ancestor.get("href") is not None:
            return [ancestor]
        if ancestor is root:
            break
    return []


def _date(own: HtmlElement, author: HtmlElement | None) -> str | None:
    for candidate in _date_candidates(own, author):
        text = collapse(candidate)
        if text and _LOOKS_LIKE_DATE.search(text):
            return text
    return None


def _date_candidates(own: HtmlElement, author: HtmlElement | None) -> Iterator[str]:
    for xpath in _DATE_XPATHS:
        for found in select(own, xpath):
            yield found if isinstance(found, str) else found.text_content()
    if author is not None:  # some themes print the date as bare text beside the name
        holder = author.getparent()
        if holder is not None:
            yield holder.text_content().replace(author.text_content(), " ")


def _text(own: HtmlElement) -> str:
    for xpath in _TEXT_XPATHS:
        found = select(own, xpath)
        if found:
            return element_text(found[0])
    body = copy.deepcopy(own)
    for element in select(body, _NOT_TEXT_XPATH):
        remove(element)
    return element_text(body)
