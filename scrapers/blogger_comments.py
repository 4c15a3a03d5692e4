"""Reader comments of a Blogger (blogspot) post, from the threaded comment markup its layouts print.

Since 2012 Blogger's comment widget server-renders every comment as `<li class="comment" id="cN">`
(N: the comment id) inside `<div class="comment-thread toplevel-thread"><ol id="top-ra">`; a reply
is an `li.comment` inside its parent's `<ol id="cN-ra">`. Each holds `cite.user` (the name, linked to
the commenter's Blogger profile or homepage when there is one), `span.datetime` (the date as the blog
prints it) and `p.comment-content`. The older `dl#comments-block` layout is not read (not threaded,
and no saved page of it was at hand to test on).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from scrapers.comment_fields import first_element, first_text, first_value, link_url
from scrapers.html_text import collapse
from scrapers.items import Comment
from scrapers.xpath import class_token, select

COMMENT_XPATH = (
    f"//*[@class{class_token('comment-thread')}]//li[starts-with(@id, 'c')][@class{class_token('comment')}]"
)
OWN_XPATH = f"./*[@class{class_token('comment-block')}]"
"""The comment's own header, text and actions (its replies are a sibling `div.comment-replies`)."""
AUTHOR_XPATHS = (f".//cite[@class{class_token('user')}]", ".//cite")
DATE_XPATHS = (f".//*[@class{class_token('datetime')}]",)
TEXT_XPATHS = (f".//*[@class{class_token('comment-content')}]",)

_ID = re.compile(r"^c(\d+)$")


def comments(tree: HtmlElement, article_url: str, comment_page: int = 1) -> list[Comment]:
    """Every comment the page's HTML holds, in display order, with parent and depth."""
    elements = [(match.group(1), el) for el in select(tree, COMMENT_XPATH)
                if (match := _ID.match(el.get("id", "")))]
    ids = {el: comment_id for comment_id, el in elements}
    found: list[Comment] = []
    for comment_id, element in elements:
        own = select(element, OWN_XPATH)
        scope = own[0] if own else element
        enclosing = [ids[a] for a in element.iterancestors("li") if a in ids]
        author = first_element(scope, AUTHOR_XPATHS)
        found.append(Comment(
            id=comment_id,
            article_url=article_url,
            parent_id=enclosing[0] if enclosing else None,
            depth=len(enclosing) + 1,
            position=len(found) + 1,
            comment_page=comment_page,
            author_raw=collapse(author.text_content()) if author is not None else None,
            author_url=link_url(author, article_url),
            published_raw=first_value(scope, DATE_XPATHS),
            text=first_text(scope, TEXT_XPATHS),
        ))
    return found
