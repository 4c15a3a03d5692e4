"""Reader comments of a WordPress page whose comments are printed by the wpDiscuz plugin (7.x markup;
the older `wc-comm-` markup of versions before 7 is not read: no page of it was at hand).

wpDiscuz 7 replaces core's comment list: each comment is `<div id="wpd-comm-N_P" class="...
wpd-comment wpd_comment_level-D">` (N: comment id, P: parent id, 0 for none; D: depth), replies
nested inside their parent's div; core's `id="comment-N"` is only on an inner `.wpd-comment-right`,
outside the replies, so core's thread structure cannot be read from it. The name is in
`.wpd-comment-author` (linked to the commenter's site when given), the date in `.wpd-comment-date`
(its title holds the full date), the text in `.wpd-comment-text`.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from scrapers.comment_fields import first_element, first_text, first_value, next_comment, without
from scrapers.items import Comment
from scrapers.xpath import select

COMMENT_XPATH = "//@id[starts-with(., 'wpd-comm-')]/.."
REPLIES_XPATH = ".//*[starts-with(@id, 'wpd-comm-')]"
AUTHOR_XPATHS = (".//*[contains(@class, 'wpd-comment-author')]",)
DATE_XPATHS = (
    ".//*[contains(@class, 'wpd-comment-date')]/@title",
    ".//*[contains(@class, 'wpd-comment-date')]",
)
TEXT_XPATHS = (".//*[contains(@class, 'wpd-comment-text')]",)

_ID = re.compile(r"^wpd-comm-(\d+)_(\d+)$")
_LEVEL = re.compile(r"\bwpd_comment_level-(\d+)\b")


def comments(tree: HtmlElement, article_url: str, comment_page: int = 1) -> list[Comment]:
    """Every wpDiscuz comment the page's HTML holds (those loaded later by script are not in it)."""
    found: list[Comment] = []
    for element in select(tree, COMMENT_XPATH):
        match = _ID.match(element.get("id", ""))
        if match is None:
            continue
        own = without(element, REPLIES_XPATH)
        level = _LEVEL.search(element.get("class") or "")
        enclosing = [a for a in element.iterancestors() if _ID.match(a.get("id", ""))]
        found.append(next_comment(
            found, match.group(1), article_url, comment_page,
            parent_id=match.group(2) if match.group(2) != "0" else None,
            depth=int(level.group(1)) if level else len(enclosing) + 1,
            author=first_element(own, AUTHOR_XPATHS), published_raw=first_value(own, DATE_XPATHS),
            text=first_text(own, TEXT_XPATHS)))
    return found
