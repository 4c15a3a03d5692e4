"""URL -> response for the sample site, the way WordPress resolves and canonicalizes its URLs.

No HTTP here (see `server`): a `Reply` says status, media type, body, validators and extra headers.
Redirects mimic `redirect_canonical()`: `/?p=ID`, `/page/1/`, `comment-page-1/`, missing or extra
trailing slashes all answer 301 to the canonical URL.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from . import render_feeds as feeds
from .model import Article, Site
from .render_article import render_article
from .render_site import (
    Listing,
    archive_listing,
    home_listing,
    render_listing,
    render_not_found,
    search_listing,
)

HTML = "text/html; charset=UTF-8"
XML = "application/xml; charset=UTF-8"
RSS = "application/rss+xml; charset=UTF-8"
JSON = "application/json; charset=UTF-8"

_PAGED = re.compile(r"^/page/(\d+)/$")
_ARCHIVE = re.compile(r"^/(author|category|tag)/([^/]+)(/(?:page/(\d+)/)?)?$")
_POST = re.compile(r"^(/archives/\d{4}/\d{2}/[^/]+\.php)(/.*)?$")
_COMMENT_PAGE = re.compile(r"^/comment-page-(\d+)(/?)$")
_SITEMAP = re.compile(r"^/wp-sitemap-([a-z_-]+)-1\.xml$")
_SHARE_TARGETS = {
    "twitter": "https://twitter.com/intent/tweet?url=",
    "facebook": "https://www.facebook.com/sharer.php?u=",
}


@dataclass(frozen=True, slots=True)
class Reply:
    """What the server sends, before content coding."""

    status: int
    body: bytes = b""
    content_type: str = HTML
    last_modified: datetime | None = None
    headers: tuple[tuple[str, str], ...] = field(default=())


def route(site: Site, base: str, path: str, query: dict[str, list[str]]) -> Reply:
    """Answer GET `path` with parsed `query` (values as lists, as parse_qs gives them)."""
    if path == "/":
        return _front(site, base, query)
    if match := _PAGED.match(path):
        listing = search_listing(site, query["s"][0]) if "s" in query else home_listing(site)
        page = int(match[1])
        return redirect(listing.page_url(base, 1)) if page == 1 else _listing(
            site, base, listing, page
        )
    if match := _ARCHIVE.match(path):
        return _archive(site, base, match)
    if match := _POST.match(path):
        article = site.article_at(match[1])
        if article is not None:
            return _post(site, base, article, match[2] or "", query)
    if path == "/wp-json/wp/v2/posts":
        return _rest_posts(site, base, query)
    return _static(site, base, path)


def _rest_posts(site: Site, base: str, query: dict[str, list[str]]) -> Reply:
    """`/wp-json/wp/v2/posts` as WordPress answers it: posts newest first, modified after
    `modified_after` (ISO 8601, read as UTC) when given, `per_page` (default 10, at most 100) a
    `page`, the counts in `X-WP-Total` / `X-WP-TotalPages`; `_fields` is not applied (every
    field the crawler asks for is there)."""
    after = query.get("modified_after", [""])[0]
    try:
        since = datetime.fromisoformat(after).replace(tzinfo=UTC) if after else None
        per_page = min(100, int(query.get("per_page", ["10"])[0]))
        page = int(query.get("page", ["1"])[0])
    except ValueError:
        return Reply(400, b'{"code":"rest_invalid_param"}', JSON)
    matching = [a for a in site.articles if since is None or a.modified.astimezone(UTC) > since]
    pages = max(1, -(-len(matching) // per_page))
    if page < 1 or page > pages:
        return Reply(400, b'{"code":"rest_post_invalid_page_number"}', JSON)
    posts = [_rest_post(base, a) for a in matching[(page - 1) * per_page: page * per_page]]
    counts = (("X-WP-Total", str(len(matching))), ("X-WP-TotalPages", str(pages)))
    return Reply(200, json.dumps(posts).encode(), JSON, headers=counts)


def _rest_post(base: str, article: Article) -> dict[str, object]:
    def gmt(moment: datetime) -> str:
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")

    return {"id": article.id, "link": base + article.path, "date_gmt": gmt(article.published),
            "modified_gmt": gmt(article.modified),
            "comment_status": "open" if article.comments_open else "closed"}


def redirect(location: str, status: int = 301) -> Reply:
    """wp_redirect(): an empty body and the X-Redirect-By header."""
    return Reply(status, headers=(("Location", location), ("X-Redirect-By", "WordPress")))


def not_found(site: Site, base: str) -> Reply:
    """The theme's 404 page, sent with WordPress's no-cache headers."""
    body = render_not_found(site, base).encode()
    return Reply(404, body, headers=(("Cache-Control", "no-cache, must-revalidate, max-age=0"),))


def _front(site: Site, base: str, query: dict[str, list[str]]) -> Reply:
    if "p" in query:
        article = site.article_by_id(int(query["p"][0])) if query["p"][0].isdigit() else None
        return redirect(base + article.path) if article else not_found(site, base)
    if "s" in query:
        return _listing(site, base, search_listing(site, query["s"][0]), 1)
    return _listing(site, base, home_listing(site), 1)


def _listing(site: Site, base: str, listing: Listing, page: int) -> Reply:
    if not 1 <= page <= listing.pages:
        return not_found(site, base)
    modified = max((a.modified for a in listing.articles), default=None)
    return _html(render_listing(site, base, listing, page), modified, base)


def _archive(site: Site, base: str, match: re.Match[str]) -> Reply:
    listing = archive_listing(site, match[1], match[2])
    if listing is None:
        return not_found(site, base)
    if not match[3]:
        return redirect(f"{base}{listing.path}")
    page = int(match[4] or 1)
    if match[4] and page == 1:
        return redirect(f"{base}{listing.path}")
    return _listing(site, base, listing, page)


def _post(
    site: Site, base: str, article: Article, rest: str, query: dict[str, list[str]]
) -> Reply:
    permalink = base + article.path
    if rest == "":
        share = query.get("share", [""])[0]
        if share in _SHARE_TARGETS:
            return redirect(_SHARE_TARGETS[share] + permalink, 302)
        return _article_page(site, base, article, 1)
    if rest == "/feed/":
        body = feeds.comments_feed(site, base, article).encode()
        return Reply(200, body, RSS, article.last_activity)
    match = _COMMENT_PAGE.match(rest)
    if match is None:
        if rest in ("/", "/feed"):
            return redirect(permalink if rest == "/" else f"{permalink}/feed/")
        return not_found(site, base)
    page = int(match[1])
    if page == 1 or not match[2]:
        return redirect(permalink if page == 1 else f"{permalink}{rest}/")
    if page > article.comment_pages:
        return not_found(site, base)
    return _article_page(site, base, article, page)


def _article_page(site: Site, base: str, article: Article, page: int) -> Reply:
    reply = _html(render_article(site, base, article, page), article.last_activity, base)
    # Two Set-Cookie headers: archives must keep repeated headers, not just the last one.
    token = hashlib.sha1(f"{article.id}".encode(), usedforsecurity=False).hexdigest()[:20]
    extra = (
        ("Link", f'<{base}/wp-json/wp/v2/posts/{article.id}>; rel="alternate"; '
                 'title="JSON"; type="application/json"'),
        ("Link", f"<{base}/?p={article.id}>; rel=shortlink"),
        ("Set-Cookie", f"sample_visitor={token}; Path=/; HttpOnly; SameSite=Lax"),
        ("Set-Cookie", "wordpress_test_cookie=WP%20Cookie%20check; Path=/; SameSite=Lax"),
    )
    return Reply(reply.status, reply.body, reply.content_type, reply.last_modified,
                 reply.headers + extra)


def _html(text: str, modified: datetime | None, base: str) -> Reply:
    link = ("Link", f'<{base}/wp-json/>; rel="https://api.w.org/"')
    return Reply(200, text.encode(), HTML, modified, (link,))


def _static(site: Site, base: str, path: str) -> Reply:
    """Fixed documents: robots, sitemaps and their stylesheets, feeds."""
    newest_post = max((a.modified for a in site.articles), default=None)
    if path == "/robots.txt":
        return Reply(200, feeds.robots_txt(base).encode(), "text/plain; charset=utf-8")
    if path == "/wp-sitemap.xml":
        return Reply(200, feeds.sitemap_index(base).encode(), XML, newest_post)
    if path in ("/wp-sitemap-index.xsl", "/wp-sitemap.xsl"):
        return Reply(200, feeds.XSL.encode(), XML)
    if (match := _SITEMAP.match(path)) and (doc := feeds.sitemap(site, base, match[1])):
        return Reply(200, doc.encode(), XML, newest_post)
    if path == "/feed/":
        return Reply(200, feeds.posts_feed(site, base).encode(), RSS, newest_post)
    if path == "/comments/feed/":
        latest = max((a.last_activity for a in site.articles), default=None)
        return Reply(200, feeds.comments_feed(site, base, None).encode(), RSS, latest)
    if path in ("/feed", "/comments/feed"):
        return redirect(f"{base}{path}/")
    return not_found(site, base)
