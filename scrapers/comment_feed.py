"""What WordPress says changed: comment links of the comments feed, posts of the REST API. Pure.

`/comments/feed/` lists the newest comments, each linked as `get_comment_link()` writes it:
the post's permalink, the comment page when comments are paged (`comment-page-N`, or `cpage=N`
with plain permalinks) and `#comment-ID`. `/wp-json/wp/v2/posts?modified_after=...` lists posts
edited since then (a title change, comments closed), with `link`, `modified_gmt` and
`comment_status`.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import attrs

from scrapers.discovery import parse_feed
from scrapers.http import HttpResponse
from scrapers.rest_api import rest_json_list

_COMMENT_FRAGMENT = re.compile(r"^comment-(\d+)$")
_COMMENT_PAGE = re.compile(r"/comment-page-(\d+)(/?)$")


@attrs.define(frozen=True)
class CommentLink:
    """One comment named by a feed: its id, its post's permalink and its comment page."""

    comment_id: str
    article_url: str
    page: int | None
    """Comment page the link names; None when the link names none (comments not paged)."""
    page_url: str = ""
    """The link without its fragment: the comment page holding the comment."""


@attrs.define(frozen=True)
class EditedPost:
    """A post the REST API reports: permalink, last edit (UTC ISO 8601), comments open or not."""

    url: str
    modified_gmt: str
    comments_closed: bool


def comment_link(url: str) -> CommentLink | None:
    """Split a comment link into comment id, post permalink and comment page.

    >>> link = comment_link("http://e.org/archives/2024/11/x.php/comment-page-2#comment-417")
    >>> link.comment_id, link.article_url, link.page, link.page_url[-14:]
    ('417', 'http://e.org/archives/2024/11/x.php', 2, 'comment-page-2')
    >>> comment_link("http://e.org/2024/11/x/comment-page-1/#comment-9").article_url
    'http://e.org/2024/11/x/'
    >>> link = comment_link("http://e.org/?p=12&cpage=3#comment-9")
    >>> link.article_url, link.page
    ('http://e.org/?p=12', 3)
    >>> comment_link("http://e.org/2024/11/x/#comment-9").page is None
    True
    >>> comment_link("http://e.org/2024/11/x/") is None
    True
    """
    try:
        parts = urlsplit(url)
    except ValueError:  # a feed link that is not a URL ('http://[oops')
        return None
    match = _COMMENT_FRAGMENT.match(parts.fragment)
    if match is None:
        return None
    path, page = parts.path, None
    if found := _COMMENT_PAGE.search(path):
        page = int(found[1])
        path = path[: found.start()] + ("/" if found[2] else "")
    query = [(key, value) for key, value in parse_qsl(parts.query) if key != "cpage"]
    if len(query) < len(parse_qsl(parts.query)):
        page = int(dict(parse_qsl(parts.query))["cpage"])
    article = urlunsplit((parts.scheme, parts.netloc, path, urlencode(query), ""))
    return CommentLink(match[1], article, page, url.split("#", 1)[0])


def parse_comment_feed(response: HttpResponse) -> list[CommentLink] | None:
    """The comments a comments feed names, newest first; None when the body is not a feed."""
    entries = parse_feed(response)
    if entries is None:
        return None
    return [link for link in (comment_link(e.url) for e in entries) if link is not None]


def parse_edited_posts(response: HttpResponse) -> list[EditedPost] | None:
    """Posts of a `/wp-json/wp/v2/posts` answer; None when it is not one (REST off: 401)."""
    data = rest_json_list(response)
    if data is None:
        return None
    return [
        EditedPost(str(post["link"]), str(post.get("modified_gmt", "")),
                   post.get("comment_status") == "closed")
        for post in data
        if post.get("link")
    ]
