"""Reader comments of a Drupal page (Drupal 7 and Drupal 8 and later), from core's comment markup.

Drupal 7's comment module prints an empty `<a id="comment-N"></a>` before each comment's element
(`comment.tpl.php`: `<div class="comment ...">`); Drupal 8+ puts `data-comment-user-id` on the
comment's root element (`comment.html.twig` of every theme: Bartik, Olivero, Claro...) with
`id="comment-N"` on it or on the same anchor. Both versions thread replies the same way: the replies
of a comment follow it inside `<div class="indented">`, one such div per level. Inside a comment,
themes differ; each field tries the RDF attributes core emits first (`sioc:has_creator`, `dc:date`,
`schema:author`, `schema:dateCreated`, `schema:text`), then the class names of core's themes.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from scrapers.comment_fields import first_element, first_text, first_value, link_url, without
from scrapers.html_text import collapse
from scrapers.items import Comment
from scrapers.xpath import class_token, select

COMMENT_XPATH = (
    "//@data-comment-user-id/.."
    " | //@id[starts-with(., 'comment-')]/parent::a[not(node())]/following-sibling::*[1]"
    f"[@class{class_token('comment')}]"
)
"""Drupal 8+ comments (data-comment-user-id), and Drupal 7's: the element after core's anchor."""
ANCHOR_XPATH = "preceding-sibling::*[1][self::a][starts-with(@id, 'comment-')]"
INDENTED_XPATH = f"ancestor::*[@class{class_token('indented')}]"
"""Core's `<div class="indented">` around the replies of the comment just before it."""
AUTHOR_XPATHS = (
    ".//*[@rel='schema:author']//*[@property='schema:name']",  # Drupal 8+ with RDF
    f"descendant::*/@class{class_token('username')}/..",  # theme_username(), linked or not
    ".//*[@property='foaf:name']",  # Drupal 7 with RDF
    ".//*[contains(@class, 'comment__author') or contains(@class, 'commenter-name')]",  # Bartik, Olivero
)
SUBMITTED_XPATHS = (
    ".//*[contains(@rel, 'sioc:has_creator')]",
    f"descendant::*/@class{class_token('submitted')}/..",
)
"""Core's 'Submitted by NAME on DATE' line: the name when no element holds it alone."""
DATE_XPATHS = (
    ".//*[contains(@property, 'dc:date') or contains(@property, 'schema:dateCreated')]/@content",
    ".//time/@datetime",
    ".//*[contains(@class, 'comment__time') or contains(@class, 'comment-time')]",
)
TEXT_XPATHS = (
    ".//*[@property='schema:text' or @property='content:encoded']",
    ".//*[contains(@class, 'field-name-comment-body') or contains(@class, 'field--name-comment-body')]",
    ".//*[contains(@class, 'comment__content')]",
    f"descendant::*/@class{class_token('content')}/..",
)
NOT_TEXT_XPATH = (
    ".//ul[contains(@class, 'links')] | .//*[contains(@class, 'rdf-meta')] | .//h3"
    " | .//*[contains(@class, 'visually-hidden') or contains(@class, 'element-invisible')]"
)
"""Inside a comment's content: the links, RDF spans, title and screen-reader texts of core."""

_ID = re.compile(r"^comment-(\d+)$")
_ABOUT_ID = re.compile(r"/comment/(\d+)")
_SUBMITTED = re.compile(r"^(?:Submitted by\s+)?(.+?)\s+on\s+(.+)$", re.IGNORECASE)
_NOT_VERIFIED = re.compile(r"\s*\(not verified\)\s*$")  # core's mark of an anonymous name


def comments(tree: HtmlElement, article_url: str, comment_page: int = 1) -> list[Comment]:
    """Every comment of a Drupal page in display order, with its parent and depth."""
    elements = [(comment_id, el) for el in select(tree, COMMENT_XPATH)
                if (comment_id := _comment_id(el)) is not None]
    ids = {el: comment_id for comment_id, el in elements}
    found: list[Comment] = []
    for comment_id, element in elements:
        levels = select(element, INDENTED_XPATH)
        own = without(element, NOT_TEXT_XPATH)  # also without Olivero's hidden 'In reply to X by Y'
        author = first_element(own, AUTHOR_XPATHS)
        submitted = _submitted(own)
        found.append(Comment(
            id=comment_id,
            article_url=article_url,
            parent_id=_parent(levels[-1], ids) if levels else None,
            depth=len(levels) + 1,
            position=len(found) + 1,
            comment_page=comment_page,
            author_raw=_name(author, submitted),
            author_url=link_url(author, article_url),
            published_raw=first_value(own, DATE_XPATHS) or (submitted[1] if submitted else None),
            text=first_text(own, TEXT_XPATHS),
        ))
    return found


def _comment_id(element: HtmlElement) -> str | None:
    """N of the element's own `id="comment-N"`, of core's anchor before it, or of its RDF `about`."""
    match = _ID.match(element.get("id", ""))
    anchors = select(element, ANCHOR_XPATH)
    if match is None and anchors:
        match = _ID.match(anchors[0].get("id", ""))
    if match is None:
        match = _ABOUT_ID.search(element.get("about", ""))
    return match.group(1) if match else None


def _parent(indented: HtmlElement, ids: dict[HtmlElement, str]) -> str | None:
    """The comment printed just before the innermost `div.indented` holding a reply."""
    for sibling in indented.itersiblings(preceding=True):
        if sibling in ids:
            return ids[sibling]
    return None


def _submitted(element: HtmlElement) -> tuple[str, str] | None:
    """(name, date) as core's 'Submitted by NAME on DATE' line prints them, if the comment has one."""
    line = first_value(element, SUBMITTED_XPATHS)
    match = _SUBMITTED.match(line) if line else None
    return (match.group(1), match.group(2)) if match else None


def _name(author: HtmlElement | None, submitted: tuple[str, str] | None) -> str | None:
    name = collapse(author.text_content()) if author is not None else (submitted or ("",))[0]
    return _NOT_VERIFIED.sub("", name) or None
