"""Pure extraction of links for discovery: sitemaps, feeds and archive (listing) pages.

Spiders decide what to fetch; they read these results and never parse markup themselves.
"""

from __future__ import annotations

import gzip
import io
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

import attrs
from lxml import etree

from scrapers.http import HttpResponse
from scrapers.urls import absolute

# Sub-sitemaps that list posts, in the naming of WordPress core, Yoast and Rank Math.
POST_SITEMAP = re.compile(r"(wp-sitemap-posts-post-\d+|post-sitemap\d*|sitemap-posts?)\.xml", re.I)
# Sub-sitemaps that never list articles.
NON_POST_SITEMAP = re.compile(
    r"(taxonom|categor|tag|user|author|page-sitemap|posts-page|attachment|news-sitemap)", re.I
)
LISTING_ARTICLE_LINKS = (
    "//article//*[contains(concat(' ', normalize-space(@class), ' '), ' entry-title ')]//a/@href"
    " | //*[contains(concat(' ', normalize-space(@class), ' '), ' wp-block-post-title ')]//a/@href"
    " | //a[contains(concat(' ', normalize-space(@rel), ' '), ' bookmark ')]/@href"
)
LISTING_NEXT_PAGE = (
    "//link[@rel='next']/@href"
    " | //a[contains(concat(' ', normalize-space(@class), ' '), ' next ')]/@href"
    " | //*[contains(@class, 'nav-previous')]//a/@href"
    " | //a[contains(@class, 'wp-block-query-pagination-next')]/@href"
)
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit for one uncompressed file
_XML_PARSER = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)


@attrs.define(frozen=True)
class SitemapEntry:
    url: str
    lastmod: str | None = None


@attrs.define(frozen=True)
class Sitemap:
    """A parsed sitemap: an index (sub-sitemaps) or a urlset (pages)."""

    sitemaps: list[SitemapEntry] = attrs.field(factory=list)
    urls: list[SitemapEntry] = attrs.field(factory=list)


@attrs.define(frozen=True)
class Listing:
    """An archive page: the articles it links to and the next (older) page."""

    article_urls: list[str] = attrs.field(factory=list)
    next_page: str | None = None


def parse_sitemap(response: HttpResponse) -> Sitemap | None:
    """The sitemap in `response`, or None when the body is not a sitemap."""
    root = _xml_root(_maybe_gunzip(response.body))
    if root is None:
        return None
    kind = etree.QName(root).localname
    if kind not in ("sitemapindex", "urlset"):
        return None
    nodes = [node for node in root if _localname(node) in ("sitemap", "url")]
    entries = [e for e in (_sitemap_entry(response.url, n) for n in nodes) if e is not None]
    return Sitemap(sitemaps=entries) if kind == "sitemapindex" else Sitemap(urls=entries)


def is_post_sitemap(url: str) -> bool:
    """Whether a sub-sitemap may list articles (posts), judged by its name.

    >>> is_post_sitemap("https://e.org/wp-sitemap-posts-post-1.xml")
    True
    >>> is_post_sitemap("https://e.org/wp-sitemap-taxonomies-category-1.xml")
    False
    >>> is_post_sitemap("https://e.org/sitemap-misc.xml")
    True
    """
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    return bool(POST_SITEMAP.search(name)) or not NON_POST_SITEMAP.search(name)


def parse_feed(response: HttpResponse) -> list[SitemapEntry] | None:
    """Item links of an RSS 2.0 or Atom feed with their dates; None when not a feed."""
    root = _xml_root(response.body)
    if root is None or _localname(root) not in ("rss", "feed", "RDF"):
        return None
    entries: list[SitemapEntry] = []
    for node in root.iter():
        if _localname(node) in ("item", "entry"):
            link = _feed_item_link(node)
            url = absolute(response.url, link) if link else None
            if url:
                entries.append(SitemapEntry(url, _feed_item_date(node)))
    return entries


def parse_listing(response: HttpResponse) -> Listing:
    """Article links and the next-page link of a home/archive page."""
    tree = response.tree
    articles = _unique(u for h in tree.xpath(LISTING_ARTICLE_LINKS) if (u := absolute(response.url, h)))
    next_links = [u for h in tree.xpath(LISTING_NEXT_PAGE) if (u := absolute(response.url, h))]
    return Listing(article_urls=articles, next_page=next_links[0] if next_links else None)


def _xml_root(body: bytes) -> etree._Element | None:
    if not body.lstrip()[:1] == b"<":
        return None
    try:
        root = etree.fromstring(body, parser=_XML_PARSER)
    except etree.XMLSyntaxError:
        return None
    return root


def _maybe_gunzip(body: bytes) -> bytes:
    """Sitemaps served as .xml.gz files (not Content-Encoding) arrive still compressed."""
    if body[:2] != b"\x1f\x8b":
        return body
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
            return stream.read(MAX_SITEMAP_BYTES)
    except (OSError, EOFError):
        return b""


def _localname(node: etree._Element) -> str:
    return etree.QName(node).localname if isinstance(node.tag, str) else ""


def _child_text(node: etree._Element, name: str) -> str | None:
    for child in node:
        if _localname(child) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def _sitemap_entry(base: str, node: etree._Element) -> SitemapEntry | None:
    loc = _child_text(node, "loc")
    url = absolute(base, loc) if loc else None
    return SitemapEntry(url, _child_text(node, "lastmod")) if url else None


def _feed_item_link(node: etree._Element) -> str | None:
    for child in node:
        if _localname(child) != "link":
            continue
        href = child.get("href")
        if href and child.get("rel", "alternate") == "alternate":
            return href.strip()
        if child.text and child.text.strip():
            return child.text.strip()
    return None


def _feed_item_date(node: etree._Element) -> str | None:
    for name in ("pubDate", "published", "updated", "date"):
        value = _child_text(node, name)
        if value:
            return value
    return None


def _unique(values: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        seen.setdefault(value.split("#")[0], None)
    return list(seen)
