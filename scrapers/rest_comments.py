"""A post's comments as WordPress's REST API publishes them, and the post id a page names. Pure.

`GET <api root>wp/v2/comments?post=N&per_page=100&page=K` lists the approved reader comments of
post N (pings are not comments there), 100 a page, the number of pages in `X-WP-TotalPages`:
author name and URL, `date_gmt`, the parent's id and the rendered text, whatever the theme prints.
The spider fetches it to fill what a theme's comment markup hides (`pipelines.crosscheck`).
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import attrs
from lxml import etree
from lxml.html import HtmlElement, fragment_fromstring

from scrapers.html_text import collapse, element_text
from scrapers.http import HttpResponse
from scrapers.rest_api import rest_json_list, route_url
from scrapers.xpath import select

COMMENTS_ROUTE = "wp/v2/comments"
COMMENTS_FIELDS = "id,post,parent,author_name,author_url,date,date_gmt,content"
COMMENTS_PER_PAGE = 100
"""The API's maximum page size: fewest requests."""

# Where a WordPress page names its post id, most specific first: the REST link of the post
# (WordPress 5.5+), the shortlink `?p=N`, the body class `postid-N`.
POST_REST_LINK_XPATH = "//link[@rel='alternate'][@type='application/json']/@href"
SHORTLINK_XPATH = "//link[@rel='shortlink']/@href"
BODY_CLASS_XPATH = "//body/@class"
_REST_POST_PATH = re.compile(r"/wp/v2/posts/(\d+)/?$")
_POSTID_CLASS = re.compile(r"(?:^|\s)postid-(\d+)(?:\s|$)")


@attrs.define(frozen=True)
class RestComment:
    """One comment of the REST answer, as the fields a page's comment has."""

    id: str
    parent_id: str | None
    author_raw: str | None
    author_url: str | None
    date_gmt: str | None
    """UTC, ISO 8601 without a zone, as the API gives it ('2014-01-03T22:27:25')."""
    date: str | None
    """The same moment in the site's time zone, without a zone."""
    text: str


@attrs.define(frozen=True)
class RestCommentsPage:
    """One page of `/wp/v2/comments?post=N`: its comments and how many pages the answer has."""

    comments: list[RestComment]
    total_pages: int


def comments_url(root: str, post_id: int, page: int = 1) -> str:
    """Page `page` of post `post_id`'s comments under API root `root`, oldest first (stable
    paging while new comments come in).

    >>> comments_url("http://e.org/wp-json/", 7)  # doctest: +ELLIPSIS
    'http://e.org/wp-json/wp/v2/comments?post=7&per_page=100&page=1&orderby=id&order=asc&_fields=id...'
    """
    params = [("post", str(post_id)), ("per_page", str(COMMENTS_PER_PAGE)), ("page", str(page)),
              ("orderby", "id"), ("order", "asc"), ("_fields", COMMENTS_FIELDS)]
    return route_url(root, COMMENTS_ROUTE, params)


def comments_url_post(url: str) -> int | None:
    """The post id a REST comments URL asks for (either root form), else None.

    >>> comments_url_post(comments_url("http://e.org/?rest_route=/", 12, 2))
    12
    >>> comments_url_post("http://e.org/wp-json/wp/v2/posts?per_page=100") is None
    True
    """
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    route = query.get("rest_route", parts.path)
    if not route.rstrip("/").endswith("/" + COMMENTS_ROUTE):
        return None
    post = query.get("post", "")
    return int(post) if post.isdigit() else None


def parse_rest_comments(response: HttpResponse) -> RestCommentsPage | None:
    """A page of `/wp/v2/comments`; None when the answer is not one (401/404, HTML, broken JSON)."""
    data = rest_json_list(response)
    if data is None:
        return None
    comments = [_comment(item) for item in data if _id(item.get("id"))]
    return RestCommentsPage(comments, max(1, _id(response.header("X-WP-TotalPages"))))


def page_post_id(tree: HtmlElement) -> int | None:
    """The WordPress post id a page names (REST link, shortlink `?p=N`, body class `postid-N`)."""
    for href in select(tree, POST_REST_LINK_XPATH):
        if match := _REST_POST_PATH.search(urlsplit(str(href)).path):
            return int(match[1])
    for href in select(tree, SHORTLINK_XPATH):
        post = dict(parse_qsl(urlsplit(str(href)).query)).get("p", "")
        if post.isdigit():
            return int(post)
    for classes in select(tree, BODY_CLASS_XPATH):
        if match := _POSTID_CLASS.search(str(classes)):
            return int(match[1])
    return None


def _comment(item: dict[str, Any]) -> RestComment:
    parent = _id(item.get("parent"))
    content = item.get("content")
    rendered = content.get("rendered") if isinstance(content, dict) else None
    return RestComment(
        id=str(_id(item.get("id"))),
        parent_id=str(parent) if parent else None,
        # Stored escaped (kses on save: 'Tom &amp; Jerry'); a page prints it unescaped.
        author_raw=collapse(html.unescape(_str(item.get("author_name")))) or None,
        author_url=_str(item.get("author_url")).strip() or None,
        date_gmt=_str(item.get("date_gmt")) or None,
        date=_str(item.get("date")) or None,
        text=_html_text(_str(rendered)),
    )


def _html_text(markup: str) -> str:
    """Text of the rendered comment, laid out like a page's comment text."""
    if not markup.strip():
        return ""
    try:
        return element_text(fragment_fromstring(markup, create_parent="div"))
    except (etree.ParserError, ValueError):
        return collapse(markup)


def _id(value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 0
    return max(number, 0)


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""
