"""Reader comments of a Blogger (blogspot) post, from the threaded comment markup its layouts print.

Since 2012 Blogger's comment widget server-renders every comment as `<li class="comment" id="cN">`
(N: the comment id) inside `<div class="comment-thread toplevel-thread"><ol id="top-ra">`; a reply
is an `li.comment` inside its parent's `<ol id="cN-ra">`. Each holds `cite.user` (the name, linked to
the commenter's Blogger profile or homepage when there is one), `span.datetime` (the date as the blog
prints it) and `p.comment-content`. Templates without threaded comments (the layouts' default
`comments` includable, 2008 on) print a flat `dl#comments-block` instead: `dt.comment-author#cN`
(the name, linked when the commenter gave a URL, then "said..."), `dd.comment-body`, and
`dd.comment-footer` with the date in `span.comment-timestamp`.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from scrapers.comment_fields import first_element, first_text, first_value, link_url, nesting, next_comment
from scrapers.html_text import collapse, element_text
from scrapers.items import Comment
from scrapers.xpath import class_token, select

COMMENT_XPATH = (
    f"//@class{class_token('comment-thread')}/..//li[starts-with(@id, 'c')][@class{class_token('comment')}]"
)
OWN_XPATH = f"./*[@class{class_token('comment-block')}]"
"""The comment's own header, text and actions (its replies are a sibling `div.comment-replies`)."""
AUTHOR_XPATHS = (f".//cite[@class{class_token('user')}]", ".//cite")
DATE_XPATHS = (f".//*[@class{class_token('datetime')}]",)
TEXT_XPATHS = (f".//*[@class{class_token('comment-content')}]",)

CLASSIC_XPATH = "//@id[. = 'comments-block']/parent::dl/dt[starts-with(@id, 'c')]"
CLASSIC_BODY_XPATH = f"following-sibling::dd[1][@class{class_token('comment-body')}]"
CLASSIC_DATE_XPATH = (
    f"following-sibling::*[position() <= 2][self::dd][@class{class_token('comment-footer')}]"
    f"//*[@class{class_token('comment-timestamp')}]"
)

_ID = re.compile(r"^c(\d+)$")
_ELLIPSIS = ("...", "…")  # the end of "said...", "hat gesagt…": Blogger's words after the name


def comments(tree: HtmlElement, article_url: str, comment_page: int = 1) -> list[Comment]:
    """Every comment the page's HTML holds, in display order, with parent and depth."""
    return _threaded(tree, article_url, comment_page) or _classic(tree, article_url, comment_page)


def _threaded(tree: HtmlElement, article_url: str, comment_page: int) -> list[Comment]:
    elements = [(match.group(1), el) for el in select(tree, COMMENT_XPATH)
                if (match := _ID.match(el.get("id", "")))]
    ids = {el: comment_id for comment_id, el in elements}
    found: list[Comment] = []
    for comment_id, element in elements:
        own = select(element, OWN_XPATH)
        scope = own[0] if own else element
        parent_id, depth = nesting(element, ids)
        found.append(next_comment(
            found, comment_id, article_url, comment_page, parent_id=parent_id, depth=depth,
            author=first_element(scope, AUTHOR_XPATHS), published_raw=first_value(scope, DATE_XPATHS),
            text=first_text(scope, TEXT_XPATHS)))
    return found


def _classic(tree: HtmlElement, article_url: str, comment_page: int) -> list[Comment]:
    """The flat `dl#comments-block` list: one `dt` (name) + `dd` (text) + `dd` (date) per comment."""
    found: list[Comment] = []
    for author in select(tree, CLASSIC_XPATH):
        match = _ID.match(author.get("id", ""))
        body = select(author, CLASSIC_BODY_XPATH)
        if match is None or not body:
            continue
        links = [a for a in select(author, ".//a[@href]") if collapse(a.text_content())]
        name = collapse(links[0].text_content()) if links else _unlinked_name(author)
        found.append(Comment(
            id=match.group(1),
            article_url=article_url,
            position=len(found) + 1,
            comment_page=comment_page,
            author_raw=name or None,
            author_url=link_url(links[0], article_url) if links else None,
            published_raw=first_value(author, (CLASSIC_DATE_XPATH,)),
            text=element_text(body[0]),
        ))
    return found


def _unlinked_name(author: HtmlElement) -> str:
    """The name in 'NAME said...': the template prints the two on separate lines; when a page has
    them on one line, only the last word is taken for Blogger's (a multi-word message then leaks)."""
    lines = [collapse(line) for line in author.text_content().splitlines() if collapse(line)]
    if len(lines) > 1 and lines[-1].endswith(_ELLIPSIS):
        return " ".join(lines[:-1])
    words = " ".join(lines).split()
    return " ".join(words[:-1] if len(words) > 1 and words[-1].endswith(_ELLIPSIS) else words)
