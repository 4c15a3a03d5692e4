"""Which page object reads a response: site profile first, else platform detection, else generic.

Crawl and replay both ask here, so a WARC holding pages of many sites is read record by record.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from scrapers import metadata, page_kind
from scrapers.comment_platforms import has_platform_comments
from scrapers.generic import GenericArticlePage
from scrapers.http import HttpResponse
from scrapers.profile import SiteProfile
from scrapers.wordpress import WordPressArticlePage
from scrapers.xpath import select

PageObject = type[GenericArticlePage]

PAGE_OBJECTS: dict[str, PageObject] = {
    "wordpress": WordPressArticlePage,
    "generic": GenericArticlePage,
}
"""The page object of each platform a profile may name (scrapers.profile.PLATFORMS)."""

_WORDPRESS_MARKS = (b"/wp-content/", b"/wp-includes/", b"api.w.org", b'content="WordPress')
_HTML_TYPES = ("text/html", "application/xhtml+xml", "")
_PASSWORD_FORM_XPATH = "//form[contains(@action, 'action=postpass')]"
"""WordPress core's password form (get_the_password_form): the post's text is withheld."""
_WP_LISTING_CLASSES = frozenset({"home", "blog", "archive", "search", "error404", "page",
                                 "attachment"})
_POST_ID_XPATH = "//@id[starts-with(., 'post-')]"
"""WordPress's `id="post-N"` on each post a view shows (post_class() themes and older ones alike)."""
_COMMENT_ID_XPATH = "//@id[starts-with(., 'comment-')]"
"""A reader comment (`id="comment-N"`): WordPress prints comment lists on single views only."""


def page_object_for(response: HttpResponse, profile: SiteProfile | None) -> PageObject:
    """The page-object class for `response` (the profile's platform, else detected)."""
    if profile is not None:
        return PAGE_OBJECTS[profile.platform]
    return WordPressArticlePage if is_wordpress(response) else GenericArticlePage


def is_html(response: HttpResponse) -> bool:
    """An HTML document (by Content-Type, or by its first bytes when the type is missing)."""
    if response.content_type not in _HTML_TYPES:
        return False
    return bool(response.content_type) or response.body.lstrip()[:15].lower().startswith(
        (b"<!doctype html", b"<html"))


def is_wordpress(response: HttpResponse) -> bool:
    """Served by WordPress: its asset paths, REST API link or generator tag are in the page."""
    link = response.header("Link") or ""
    return "api.w.org" in link or (is_html(response) and any(
        mark in response.body for mark in _WORDPRESS_MARKS))


def is_article_page(response: HttpResponse) -> bool:
    """A single article (not a listing, static page or search): WordPress body classes when the
    theme prints them, else og:type / JSON-LD / article:published_time, else a Drupal, Blogger,
    SPIP or wpDiscuz comment thread (shown on single articles only), else layout and URL
    (`page_kind`). A password-protected post is not one: it shows a password form instead of the
    text, and no comments. Neither is a home page, archive or tag URL, whatever its og:type says."""
    if not is_html(response):
        return False
    tree = response.tree
    if select(tree, _PASSWORD_FORM_XPATH):
        return False
    body_classes = set(_body_classes(tree))
    if "single" in body_classes:
        return "attachment" not in body_classes
    if body_classes & _WP_LISTING_CLASSES and is_wordpress(response):  # 'page' is Drupal's too
        return False
    meta = metadata.MetaTags(tree)
    if page_kind.listing_url(response.url) or meta.first("og:type") in page_kind.NOT_ARTICLE_OG_TYPES:
        return False
    return (meta.first("og:type") == "article" or bool(metadata.json_ld_article(tree))
            or meta.first("article:published_time") is not None or _one_post_with_comments(tree)
            or has_platform_comments(tree)
            or page_kind.looks_like_article(tree, response.url))


def _one_post_with_comments(tree: HtmlElement) -> bool:
    """One post and its reader comments: the single view of an old theme that prints neither body
    classes nor article metadata (a listing shows many posts and no comment list)."""
    posts = {value for value in select(tree, _POST_ID_XPATH) if value[5:].isdigit()}
    return len(posts) == 1 and any(value[8:].isdigit() for value in select(tree, _COMMENT_ID_XPATH))


def _body_classes(tree: HtmlElement) -> list[str]:
    body = tree.find("body")
    return (body.get("class") or "").split() if body is not None else []
