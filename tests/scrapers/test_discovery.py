"""Discovery on the sitemap and feed formats WordPress and its SEO plugins publish."""

from __future__ import annotations

import gzip

from scrapers.discovery import is_post_sitemap, parse_feed, parse_listing, parse_sitemap
from scrapers.http import HttpResponse

CORE_INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet type="text/xsl" href="http://127.0.0.1/wp-sitemap-index.xsl" ?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://127.0.0.1/wp-sitemap-posts-post-1.xml</loc></sitemap>
<sitemap><loc>http://127.0.0.1/wp-sitemap-posts-page-1.xml</loc></sitemap>
<sitemap><loc>http://127.0.0.1/wp-sitemap-taxonomies-category-1.xml</loc></sitemap>
<sitemap><loc>http://127.0.0.1/wp-sitemap-users-1.xml</loc></sitemap>
</sitemapindex>"""

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>http://127.0.0.1/archives/2014/10/a.php</loc><lastmod>2014-10-03T17:30:00+00:00</lastmod></url>
<url><loc> http://127.0.0.1/archives/2015/01/b.php </loc></url>
<url><lastmod>2015-01-01</lastmod></url>
</urlset>"""

RSS = b"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>
<item><title>A</title><link>http://127.0.0.1/a/</link>
<pubDate>Fri, 03 Oct 2014 13:30:00 +0000</pubDate></item>
<item><title>B</title><link>http://127.0.0.1/b/</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
<entry><link rel="replies" href="http://127.0.0.1/a/#comments"/><link rel="alternate" href="http://127.0.0.1/a/"/>
<published>2014-10-03T13:30:00Z</published></entry></feed>"""


def _response(body: bytes, url: str = "http://127.0.0.1/wp-sitemap.xml") -> HttpResponse:
    return HttpResponse(url=url, status=200, headers=(("Content-Type", "text/xml"),), body=body)


def test_core_sitemap_index_lists_sub_sitemaps_and_only_post_ones_are_followed() -> None:
    sitemap = parse_sitemap(_response(CORE_INDEX))
    assert sitemap is not None and not sitemap.urls
    followed = [e.url for e in sitemap.sitemaps if is_post_sitemap(e.url)]
    assert followed == ["http://127.0.0.1/wp-sitemap-posts-post-1.xml"]


def test_urlset_entries_keep_lastmod_and_skip_entries_without_loc() -> None:
    sitemap = parse_sitemap(_response(URLSET))
    assert sitemap is not None
    assert [(e.url, e.lastmod) for e in sitemap.urls] == [
        ("http://127.0.0.1/archives/2014/10/a.php", "2014-10-03T17:30:00+00:00"),
        ("http://127.0.0.1/archives/2015/01/b.php", None),
    ]


def test_gzipped_sitemap_file_is_read() -> None:
    sitemap = parse_sitemap(_response(gzip.compress(URLSET), "http://127.0.0.1/sitemap.xml.gz"))
    assert sitemap is not None and len(sitemap.urls) == 2


def test_html_404_page_and_garbage_are_not_sitemaps() -> None:
    assert parse_sitemap(_response(b"<html><body>Not found</body></html>")) is None
    assert parse_sitemap(_response(b"\x00\x01garbage")) is None
    assert parse_sitemap(_response(b"")) is None


def test_seo_plugin_sitemap_names() -> None:
    assert is_post_sitemap("https://e.org/post-sitemap.xml")
    assert is_post_sitemap("https://e.org/post-sitemap2.xml")
    assert not is_post_sitemap("https://e.org/category-sitemap.xml")
    assert not is_post_sitemap("https://e.org/author-sitemap.xml")
    assert not is_post_sitemap("https://e.org/page-sitemap.xml")


def test_rss_and_atom_feeds_give_article_links() -> None:
    assert [(e.url, e.lastmod) for e in parse_feed(_response(RSS)) or []] == [
        ("http://127.0.0.1/a/", "Fri, 03 Oct 2014 13:30:00 +0000"),
        ("http://127.0.0.1/b/", None),
    ]
    assert [e.url for e in parse_feed(_response(ATOM)) or []] == ["http://127.0.0.1/a/"]
    assert parse_feed(_response(b"<html></html>")) is None


def test_listing_page_gives_article_links_and_the_older_posts_page() -> None:
    html = b"""<html><head><link rel="next" href="/page/2/"></head><body>
    <article><h2 class="entry-title"><a href="/a/" rel="bookmark">A</a></h2></article>
    <article><h2 class="entry-title"><a href="/b/#more" rel="bookmark">B</a></h2></article>
    <article><h2 class="entry-title"><a href="/a/">A again</a></h2></article>
    </body></html>"""
    listing = parse_listing(_response(html, "http://127.0.0.1/"))
    assert listing.article_urls == ["http://127.0.0.1/a/", "http://127.0.0.1/b/"]
    assert listing.next_page == "http://127.0.0.1/page/2/"
