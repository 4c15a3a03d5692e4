"""Reader comments (the article's forum) of a SPIP page.

SPIP's forum templates (squelettes-dist `inc-forum.html` in SPIP 1.9-2, the forum plugin's
`inclure/forum.html` in SPIP 3-4, and the sites' own copies of them) print each message with an
anchor `<a name="forumN" id="forumN">` (N: id_forum) inside `<li>` of `<ul class="forum">`, its
text in `.forum-texte`; a reply's `<li>` sits in a `<ul>` inside its parent's `<li>`. Author and date
markup varies with the template: each field tries the variants in order.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from scrapers.comment_fields import (
    first_element,
    first_text,
    first_value,
    link_url,
    nesting,
    next_comment,
    without,
)
from scrapers.items import Comment
from scrapers.xpath import select

ANCHOR_XPATH = "//@name[starts-with(., 'forum')]/parent::a"
"""Every SPIP version names the anchor (`name="forumN"`); 2 and later also give it the same id."""
CONTAINER_XPATH = "ancestor::li[1]"
REPLIES_XPATH = ".//li[.//a[starts-with(@id, 'forum') or starts-with(@name, 'forum')]]"
"""Inside a message's `<li>`: the `<li>` of its replies (they hold forum anchors of their own)."""
TEXT_XPATHS = (".//*[contains(@class, 'forum-texte')]",)
AUTHOR_XPATHS = (
    ".//*[contains(@class, 'forum-qui')]",  # #EDIT{qui} with the crayons plugin (blog.mondediplo.net)
    ".//*[contains(concat(' ', normalize-space(@class), ' '), ' fn ')]",  # hCard copies
    ".//*[contains(@class, 'forum-chapo')]//small//span",  # dist: <small>date, par <span>NAME</span>
    ".//*[contains(concat(' ', normalize-space(@class), ' '), ' par ')]"
    "/a[not(starts-with(@href, 'mailto:'))]",  # SPIP 3 lists: <span class="par">par <a>NAME</a>
)
SITE_XPATH = ".//*[contains(@class, 'hyperlien')]//a[@href]"
"""'Voir en ligne : <a>' under the text: the site the commenter gave (dist templates)."""
DATE_XPATHS = (
    ".//time/@datetime",
    ".//*[contains(@class, 'forum-date') or contains(concat(' ', normalize-space(@class), ' '), ' date ')]",
    ".//*[contains(@class, 'forum-nav')]",
    ".//*[contains(@class, 'forum-chapo')]//small/text()[1]",  # dist: 'date, par ' before the name
)
NOT_TEXT_XPATH = ".//*[contains(@class, 'repondre') or contains(@class, 'hyperlien')]"
"""Inside the text block: the reply link and the commenter's site line."""

_ID = re.compile(r"^forum(\d+)$")
_BY = re.compile(r",\s*[^\d\s,]+\s*$")  # the ', par' (', by', ...) left after a dist date


def comments(tree: HtmlElement, article_url: str, comment_page: int = 1) -> list[Comment]:
    """Every forum message of the page, in display order, with parent and depth."""
    elements = _messages(tree)
    ids = {el: comment_id for comment_id, el in elements}
    found: list[Comment] = []
    for comment_id, element in elements:
        message = without(element, REPLIES_XPATH)
        own = without(message, NOT_TEXT_XPATH)
        sites = select(message, SITE_XPATH)
        parent_id, depth = nesting(element, ids)
        date = first_value(own, DATE_XPATHS)
        found.append(next_comment(
            found, comment_id, article_url, comment_page, parent_id=parent_id, depth=depth,
            author=first_element(own, AUTHOR_XPATHS),
            other_url=link_url(sites[0] if sites else None, article_url),
            published_raw=_BY.sub("", date).strip("():, ") if date else None,
            text=first_text(own, TEXT_XPATHS)))
    return found


def _messages(tree: HtmlElement) -> list[tuple[str, HtmlElement]]:
    """(id_forum, the message's `<li>`) for each forum anchor whose `<li>` holds a message text."""
    seen: dict[str, HtmlElement] = {}
    for anchor in select(tree, ANCHOR_XPATH):
        match = _ID.match(anchor.get("id") or anchor.get("name") or "")
        container = select(anchor, CONTAINER_XPATH)
        if match and container and match.group(1) not in seen and select(container[0], TEXT_XPATHS[0]):
            seen[match.group(1)] = container[0]
    return list(seen.items())
