"""WordPress's REST API for discovery: where it lives and the posts it lists. Pure.

The home page names the API root in `<link rel="https://api.w.org/" href="...">` (and the same in
an HTTP `Link` header): `/wp-json/` with pretty permalinks, `/?rest_route=/` with plain ones.
`GET <root>wp/v2/posts?per_page=100&page=N&_fields=id,link,date_gmt,modified_gmt` lists published
posts newest first, 100 a page, the number of pages in `X-WP-TotalPages`. A site with the API off
answers 401/403/404 or an HTML page: then there is no listing here and the spider falls back.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import attrs

from scrapers.http import HttpResponse
from scrapers.urls import absolute

API_LINK_REL = "https://api.w.org/"
API_ROOT_XPATH = f"//link[@rel='{API_LINK_REL}']/@href"
DEFAULT_API_PATH = "wp-json/"
"""The root when the home page names none (pretty permalinks; plain ones redirect it)."""
POSTS_ROUTE = "wp/v2/posts"
POSTS_FIELDS = "id,link,date_gmt,modified_gmt"
POSTS_PER_PAGE = 100
"""The API's maximum page size: fewest requests."""
_LINK_HEADER = re.compile(r'<([^>]+)>\s*;\s*rel="?https://api\.w\.org/"?')


@attrs.define(frozen=True)
class RestPost:
    """One post of a REST listing: id, permalink, publication and last edit (UTC, ISO 8601)."""

    id: int
    url: str
    date_gmt: str | None = None
    modified_gmt: str | None = None


@attrs.define(frozen=True)
class RestPostsPage:
    """One page of `/wp/v2/posts`: its posts and how many pages the listing has."""

    posts: list[RestPost]
    total_pages: int


def api_root(response: HttpResponse) -> str | None:
    """The REST API root a WordPress page names (`Link` header, else `<link>` tag), or None.

    >>> page = HttpResponse("http://e.org/", 200, (("Content-Type", "text/html"),),
    ...     b'<html><head><link rel="https://api.w.org/" href="http://e.org/wp-json/"></head></html>')
    >>> api_root(page)
    'http://e.org/wp-json/'
    >>> api_root(HttpResponse("http://e.org/", 200, (("Link", '<http://e.org/?rest_route=/>; '
    ...     'rel="https://api.w.org/"'),), b"")) is not None
    True
    >>> api_root(HttpResponse("http://e.org/", 200, (), b"<html></html>")) is None
    True
    """
    for name, value in response.headers:
        if name.lower() == "link" and (match := _LINK_HEADER.search(value)):
            return absolute(response.url, match[1])
    if not response.body.strip():
        return None
    hrefs = response.tree.xpath(API_ROOT_XPATH)
    return absolute(response.url, str(hrefs[0])) if hrefs else None


def default_api_root(base_url: str) -> str:
    """Where the API usually lives when the home page does not say.

    >>> default_api_root("http://e.org/blog/")
    'http://e.org/blog/wp-json/'
    """
    return urljoin(base_url, DEFAULT_API_PATH)


def posts_url(root: str, page: int = 1) -> str:
    """The URL of page `page` of the posts listing under API root `root` (either root form).

    >>> posts_url("http://e.org/wp-json/", 2)
    'http://e.org/wp-json/wp/v2/posts?per_page=100&page=2&_fields=id%2Clink%2Cdate_gmt%2Cmodified_gmt'
    >>> posts_url("http://e.org/?rest_route=/")
    'http://e.org/?rest_route=%2Fwp%2Fv2%2Fposts&per_page=100&page=1&_fields=id%2Clink%2Cdate_gmt%2Cmodified_gmt'
    """
    params = [("per_page", str(POSTS_PER_PAGE)), ("page", str(page)), ("_fields", POSTS_FIELDS)]
    return route_url(root, POSTS_ROUTE, params)


def route_url(root: str, route: str, params: list[tuple[str, str]]) -> str:
    """The URL of `route` (e.g. 'wp/v2/comments') with query `params` under API root `root`:
    `/wp-json/` (pretty permalinks) or `/?rest_route=/` (plain ones)."""
    parts = urlsplit(root)
    query = parse_qsl(parts.query, keep_blank_values=True)
    if any(key == "rest_route" for key, _ in query):
        # Plain permalinks: the route goes in the query, after the root's own route.
        query = [(key, value.rstrip("/") + "/" + route if key == "rest_route" else value)
                 for key, value in query]
        return urlunsplit(parts._replace(query=urlencode(query + params)))
    return urljoin(root if root.endswith("/") else root + "/", route) + "?" + urlencode(params)


def rest_json_list(response: HttpResponse) -> list[dict[str, Any]] | None:
    """The JSON array of objects a REST collection answered; None when the answer is not one
    (API off: 401/403/404, a login or HTML page, broken JSON)."""
    if response.status != 200:
        return None
    try:
        data = json.loads(response.body)
    except ValueError:
        return None
    if not isinstance(data, list):
        return None
    return [item for item in data if isinstance(item, dict)]


def parse_rest_posts(response: HttpResponse) -> RestPostsPage | None:
    """A page of `/wp/v2/posts` (posts with a link, newest first); None when it is not one."""
    data = rest_json_list(response)
    if data is None:
        return None
    posts = [
        RestPost(_int(item.get("id")), str(item["link"]),
                 _text(item.get("date_gmt")), _text(item.get("modified_gmt")))
        for item in data
        if item.get("link")
    ]
    return RestPostsPage(posts, max(1, _int(response.header("X-WP-TotalPages"))))


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _text(value: Any) -> str | None:
    return str(value) if value else None
