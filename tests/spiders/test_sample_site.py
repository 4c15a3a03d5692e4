"""The bundled sample site: served over real loopback HTTP, WordPress-shaped, true to its data."""

from __future__ import annotations

import gzip
import http.client
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from lxml import html as lxml_html

from tests.sites.sample_site import ground_truth, serve_sample_site, site_facts
from tests.sites.sample_site.content import ExpectedArticle, local_time

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
Headers = list[tuple[str, str]]


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with serve_sample_site() as base_url:
        yield base_url


@pytest.fixture(scope="module")
def truth(base: str) -> list[ExpectedArticle]:
    return ground_truth(base)


def fetch(url: str, headers: dict[str, str] | None = None, method: str = "GET"
          ) -> tuple[int, Headers, bytes]:
    """One request on a fresh connection; redirects are not followed, gzip is not decoded."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    try:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request(method, target, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


def header(headers: Headers, name: str) -> list[str]:
    return [value for key, value in headers if key.lower() == name.lower()]


def page(url: str) -> lxml_html.HtmlElement:
    status, _, body = fetch(url)
    assert status == 200, url
    return lxml_html.fromstring(body)


class _WellFormed(HTMLParser):
    """Strict nesting check: every non-void element closed in order, ids unique."""

    VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids += [v or "" for k, v in attrs if k == "id"]
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids += [v or "" for k, v in attrs if k == "id"]

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-3:]}"
        self.stack.pop()


def assert_well_formed(body: bytes) -> None:
    checker = _WellFormed()
    checker.feed(body.decode("utf-8"))
    checker.close()
    assert checker.stack == []
    assert len(checker.ids) == len(set(checker.ids)), "duplicate id attributes"


def comment_ids_on(url: str) -> list[str]:
    tree = page(url)
    items = tree.xpath("//ol[@class='comment-list']//li")
    return [li.get("id").removeprefix("comment-") for li in items]


def test_robots_txt_names_sitemap_and_disallows_admin(base: str) -> None:
    status, headers, body = fetch(base + "/robots.txt")
    assert status == 200
    assert header(headers, "Content-Type") == ["text/plain; charset=utf-8"]
    assert "Disallow: /wp-admin/" in body.decode()
    assert f"Sitemap: {base}/wp-sitemap.xml" in body.decode().splitlines()


def test_sitemaps_list_every_post_once_with_lastmod(
    base: str, truth: list[ExpectedArticle]
) -> None:
    index = ET.fromstring(fetch(base + "/wp-sitemap.xml")[2])
    locs = [e.text for e in index.findall("s:sitemap/s:loc", SITEMAP_NS)]
    assert f"{base}/wp-sitemap-posts-post-1.xml" in locs
    assert f"{base}/wp-sitemap-taxonomies-category-1.xml" in locs
    urlset = ET.fromstring(fetch(base + "/wp-sitemap-posts-post-1.xml")[2])
    entries = {
        u.findtext("s:loc", namespaces=SITEMAP_NS): u.findtext("s:lastmod", namespaces=SITEMAP_NS)
        for u in urlset.findall("s:url", SITEMAP_NS)
    }
    assert len(urlset) == len(entries) == len(truth)
    for article in truth:
        lastmod = datetime.fromisoformat(entries[article.url] or "")
        assert lastmod == datetime.fromisoformat(article.modified)
    categories = ET.fromstring(fetch(base + "/wp-sitemap-taxonomies-category-1.xml")[2])
    category_urls = [e.text for e in categories.findall("s:url/s:loc", SITEMAP_NS)]
    assert f"{base}/category/turkiye/" in category_urls


def test_feed_has_latest_posts_with_dates_and_comment_counts(
    base: str, truth: list[ExpectedArticle]
) -> None:
    status, headers, body = fetch(base + "/feed/")
    assert status == 200 and header(headers, "Content-Type")[0].startswith("application/rss+xml")
    items = ET.fromstring(body).findall("channel/item")
    latest = list(reversed(truth))[: site_facts().feed_items]
    assert [i.findtext("link") for i in items] == [a.url for a in latest]
    slash = "{http://purl.org/rss/1.0/modules/slash/}comments"
    creator = "{http://purl.org/dc/elements/1.1/}creator"
    for item, article in zip(items, latest, strict=True):
        published = parsedate_to_datetime(item.findtext("pubDate") or "")
        assert published == datetime.fromisoformat(article.published)
        assert item.findtext(slash) == str(article.comment_count)
        assert item.findtext(creator) == article.byline


def test_home_pagination_reaches_every_post(base: str, truth: list[ExpectedArticle]) -> None:
    url: str | None = base + "/"
    seen: list[str] = []
    pages = 0
    while url:
        tree = page(url)
        pages += 1
        seen += tree.xpath("//main//article//h2[contains(@class,'entry-title')]/a/@href")
        url = next(iter(tree.xpath("//a[contains(@class,'next page-numbers')]/@href")), None)
    assert seen == [a.url for a in reversed(truth)]
    assert pages == 3


def test_article_page_is_wordpress_markup_with_threads(
    base: str, truth: list[ExpectedArticle]
) -> None:
    article = next(a for a in truth if a.post_id == 2096)
    status, headers, body = fetch(article.url)
    assert status == 200
    assert_well_formed(body)
    tree = lxml_html.fromstring(body)
    assert "postid-2096" in tree.body.get("class").split()
    assert tree.xpath("string(//h1[@class='entry-title'])") == article.title
    assert tree.xpath("//link[@rel='canonical']/@href") == [article.url]
    assert tree.xpath("//span[@class='byline']/a[@rel='author']/text()") == list(article.authors)
    assert tree.xpath("//time[contains(@class,'published')]/@datetime") == [article.published_local]
    assert tree.xpath("//a[@rel='tag']/text()") == list(article.tags)
    title = tree.xpath("string(//h2[@class='comments-title'])")
    assert title.startswith("16 comments on “")
    for comment in article.comments:
        li = tree.get_element_by_id(f"comment-{comment.id}")
        parent = li.getparent().getparent()  # li -> ol.children -> parent li
        expected_parent = f"comment-{comment.parent_id}" if comment.parent_id else None
        assert (parent.get("id") if parent.tag == "li" else None) == expected_parent
        assert f"depth-{comment.depth}" in li.get("class").split()
    assert tree.xpath("//ol[@class='children']")
    assert tree.xpath("//div[@id='respond']//form[@id='commentform']")


def test_every_page_kind_is_well_formed(base: str, truth: list[ExpectedArticle]) -> None:
    html_paths = ["/", "/page/2/", "/author/melanie-odegard/", "/tag/cote-divoire/",
                  "/category/middle-east-north-africa/", "/?s=nothing-matches-this", "/missing/"]
    for path in html_paths:
        assert_well_formed(fetch(base + path)[2])
    xml_paths = ["/wp-sitemap.xml", "/comments/feed/", truth[2].path + "/feed/"]
    names = ("posts-page", "taxonomies-post_tag", "users")
    xml_paths += [f"/wp-sitemap-{name}-1.xml" for name in names]
    for path in xml_paths:
        status, _, body = fetch(base + path)
        assert status == 200 and ET.fromstring(body) is not None, path


def test_every_comment_page_shows_exactly_its_comments(
    base: str, truth: list[ExpectedArticle]
) -> None:
    for article in truth:
        for number in range(1, article.comment_pages + 1):
            suffix = "" if number == 1 else f"/comment-page-{number}/"
            expected = [c.id for c in article.comments if c.page == number]
            assert comment_ids_on(article.url + suffix) == expected


def test_comment_page_two_of_the_long_thread(base: str, truth: list[ExpectedArticle]) -> None:
    article = next(a for a in truth if a.path == site_facts().long_thread_path)
    assert article.comment_pages == 3
    url = article.url + "/comment-page-2/"
    status, _, body = fetch(url)
    assert status == 200
    assert_well_formed(body)
    tree = lxml_html.fromstring(body)
    assert tree.xpath("//link[@rel='canonical']/@href") == [url + "#comments"]
    nav = tree.xpath("//nav[contains(@class,'comment-navigation')]")[0]
    assert nav.xpath(".//div[@class='nav-previous']/a/@href") == [article.url + "#comments"]
    newer = nav.xpath(".//div[@class='nav-next']/a/@href")
    assert newer == [article.url + "/comment-page-3/#comments"]
    first = next(c for c in article.comments if c.page == 2 and not c.is_ping)
    meta = f"//li[@id='comment-{first.id}']/article//div[@class='comment-metadata']/a/@href"
    link = tree.xpath(meta)
    assert link == [base + first.path]


def test_gzip_is_used_only_when_accepted(base: str, truth: list[ExpectedArticle]) -> None:
    url = truth[0].url
    _, plain_headers, plain = fetch(url)
    status, headers, body = fetch(url, {"Accept-Encoding": "gzip, deflate"})
    assert status == 200 and header(headers, "Content-Encoding") == ["gzip"]
    assert header(headers, "Content-Length") == [str(len(body))]
    assert gzip.decompress(body) == plain
    assert header(headers, "ETag")[0] == "W/" + header(plain_headers, "ETag")[0]
    assert header(plain_headers, "Content-Encoding") == []
    _, refused, _ = fetch(url, {"Accept-Encoding": "gzip;q=0, identity"})
    assert header(refused, "Content-Encoding") == []


def test_article_headers_repeat_set_cookie_and_link(
    base: str, truth: list[ExpectedArticle]
) -> None:
    _, headers, _ = fetch(truth[0].url)
    assert len(header(headers, "Set-Cookie")) == 2
    assert f'<{base}/wp-json/>; rel="https://api.w.org/"' in header(headers, "Link")
    assert header(headers, "Content-Type") == ["text/html; charset=UTF-8"]
    assert header(headers, "Last-Modified") and header(headers, "ETag")


def test_conditional_requests_get_304(base: str, truth: list[ExpectedArticle]) -> None:
    url = truth[-1].url
    _, headers, _ = fetch(url)
    etag, modified = header(headers, "ETag")[0], header(headers, "Last-Modified")[0]
    assert fetch(url, {"If-None-Match": etag})[:3:2] == (304, b"")
    assert fetch(url, {"If-Modified-Since": modified})[0] == 304
    assert fetch(url, {"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})[0] == 200


def test_unknown_paths_get_a_404_page(base: str) -> None:
    for path in ("/no-such-page/", "/archives/2014/10/missing.php", "/tag/missing/", "/page/9/"):
        status, headers, body = fetch(base + path)
        assert status == 404, path
        assert header(headers, "Content-Type") == ["text/html; charset=UTF-8"]
        assert b"error404" in body and b"Nothing here" in body


def test_redirects_go_to_canonical_urls(base: str, truth: list[ExpectedArticle]) -> None:
    article = next(a for a in truth if a.post_id == 3104)
    cases = {
        "/?p=3104": article.url,
        article.path + "/": article.url,
        article.path + "/comment-page-1/": article.url,
        article.path + "/comment-page-2": article.url + "/comment-page-2/",
        "/page/1/": base + "/",
        "/tag/maps": base + "/tag/maps/",
    }
    for path, location in cases.items():
        status, headers, body = fetch(base + path)
        assert (status, header(headers, "Location"), body) == (301, [location], b""), path
    status, headers, _ = fetch(article.url + "?share=twitter")
    assert status == 302 and header(headers, "Location")[0].startswith("https://twitter.com/")


def test_query_strings_are_accepted(base: str, truth: list[ExpectedArticle]) -> None:
    article = truth[0]
    tree = page(article.url + "?utm_source=x&utm_medium=feed")
    assert tree.xpath("//link[@rel='canonical']/@href") == [article.url]
    results = page(base + "/?s=Houthi")
    found = results.xpath("//main//h2[contains(@class,'entry-title')]/a/@href")
    assert found == [truth[-1].url]
    assert "search-results" in results.body.get("class")


def test_head_request_has_headers_only(base: str) -> None:
    _, get_headers, body = fetch(base + "/")
    status, headers, head_body = fetch(base + "/", method="HEAD")
    assert (status, head_body) == (200, b"")
    assert header(headers, "Content-Length") == [str(len(body))]
    assert header(get_headers, "Content-Length") == [str(len(body))]


def test_page_text_matches_ground_truth(base: str, truth: list[ExpectedArticle]) -> None:
    article = next(a for a in truth if a.post_id == 3104)
    tree = page(article.url)
    content = tree.xpath("string(//div[@class='entry-content'])")
    first_paragraph = article.text.split("\n\n")[0]
    assert first_paragraph in content
    assert "is an editor of" in content and "is an editor of" not in article.text
    rich = next(c for c in article.comments if "<script>" in c.text)
    li = tree.get_element_by_id(f"comment-{rich.id}")
    assert "<script>alert(1)</script>" in li.xpath("string(.//div[@class='comment-content'])")
    assert not li.xpath(".//script") and li.xpath(".//div[@class='comment-content']//em")


def test_ground_truth_covers_the_hard_cases() -> None:
    truth = ground_truth()
    facts = site_facts()
    assert facts.article_count == len(truth) >= 10
    assert {a.published[:4] for a in truth} >= {"2013", "2024"}
    assert len({name for a in truth for name in a.authors}) >= 4
    assert any(a.byline == "Bill Roggio and Thomas Joscelyn" for a in truth)
    assert any(not name.isascii() for a in truth for name in a.authors)
    labels = [t for a in truth for t in a.tags + a.categories]
    assert any("&" in t for t in labels) and any(not t.isascii() for t in labels)
    counts = {len(a.reader_comments) for a in truth}
    assert {0, 1} <= counts
    long_thread = next(a for a in truth if a.path == facts.long_thread_path)
    assert sum(c.depth == 1 and not c.is_ping for c in long_thread.comments) == 45
    comments = [c for a in truth for c in a.comments]
    assert max(c.depth for c in comments) == 4
    assert {c.author for c in comments} >= {"Zoë", "Łukasz", "José Ramírez"}
    assert any(c.author_url for c in comments) and any(c.author_url is None for c in comments)
    assert sorted(c.kind for c in comments if c.is_ping) == ["pingback", "pingback", "trackback"]
    assert any(not a.comments_open and a.comments for a in truth)
    assert sum(a.modified != a.published for a in truth) == 1
    by_time = sorted(comments, key=lambda c: c.published)
    assert [int(c.id) for c in by_time] == sorted(int(c.id) for c in comments)
    assert facts.reader_comment_count + facts.ping_count == len(comments)


def test_closed_article_has_comments_but_no_form(truth: list[ExpectedArticle]) -> None:
    article = next(a for a in truth if not a.comments_open)
    tree = page(article.url)
    assert tree.xpath("//p[@class='no-comments']") and not tree.xpath("//form[@id='commentform']")
    assert not tree.xpath("//a[contains(@class,'comment-reply-link')]")


def test_as_of_serves_the_site_as_it_stood_then() -> None:
    moment = local_time("2017-08-23 12:00")
    full = {c.id: c for a in ground_truth() for c in a.comments}
    then = ground_truth(as_of=moment)
    assert len(then) == 6
    assert all(full[c.id] == c or full[c.id].page != c.page for a in then for c in a.comments)
    log: list[str] = []
    with serve_sample_site(as_of=moment, request_log=log) as base_url:
        tree = page(base_url + "/page/2/")
        assert len(tree.xpath("//main//article")) == 1
    assert log == ["GET /page/2/"]
