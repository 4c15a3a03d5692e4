"""The generic page object's readers: article test by layout (page_kind), text from trafilatura
(readable_body), publication day from htmldate (page_date), and when each applies.

Real pages come from tests/data/generic-corpus/ (see its README); small HTML written here checks one
rule at a time.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import lxml.html
import pytest

from scrapers import page_date, readable_body, router
from scrapers.generic import GenericArticlePage
from scrapers.html_text import element_text
from scrapers.http import HttpResponse
from scrapers.profile import Selectors, SiteProfile
from scrapers.wordpress import WordPressArticlePage

CORPUS = Path(__file__).resolve().parents[1] / "data" / "generic-corpus"
GOLD = {Path(e["file"]).name.removesuffix(".gz"): e
        for e in json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))["pages"]}
PARAGRAPH = "<p>" + "Running text of the article, one sentence after another. " * 6 + "</p>"


def _real(name: str) -> HttpResponse:
    entry = GOLD[name]
    return HttpResponse(url=entry["url"], status=200, headers=(("Content-Type", "text/html"),),
                        body=gzip.decompress((CORPUS / entry["file"]).read_bytes()))


def _page(body: str, url: str = "https://news.example/2020/01/story.html", head: str = "") -> HttpResponse:
    html = f"<html><head><title>T</title>{head}</head><body>{body}</body></html>"
    return HttpResponse(url=url, status=200, headers=(("Content-Type", "text/html"),),
                        body=html.encode())


def test_a_page_of_running_text_without_metadata_is_an_article() -> None:
    assert router.is_article_page(_page(f"<h1>Story</h1><div>{PARAGRAPH}</div>"))


def test_blogger_style_text_split_by_br_counts_as_running_text() -> None:
    lines = "<br>".join(["A line of the post with enough words in it to be read."] * 5)
    assert router.is_article_page(_page(f"<div class='post-body'>{lines}</div>"))


def test_a_short_page_is_not_an_article() -> None:
    assert not router.is_article_page(_page("<h1>Contact</h1><p>Write to us.</p>"))


def test_a_grid_of_teasers_is_a_listing() -> None:
    teasers = "".join(f"<article><h2>Story {i}</h2>{PARAGRAPH}</article>" for i in range(10))
    assert not router.is_article_page(_page(teasers))


@pytest.mark.parametrize("url", ["https://news.example/", "https://news.example/en",
                                 "https://news.example/2011/", "https://news.example/tag/energy/"])
def test_home_archive_and_tag_urls_are_not_articles_whatever_og_type_says(url: str) -> None:
    page = _page(f"<div>{PARAGRAPH}</div>", url=url, head='<meta property="og:type" content="article">')
    assert not router.is_article_page(page)


def test_an_og_type_naming_something_else_is_not_an_article() -> None:
    page = _page(f"<div>{PARAGRAPH}</div>", head='<meta property="og:type" content="object">')
    assert not router.is_article_page(page)


def test_a_drupal_page_class_does_not_make_a_listing() -> None:
    # medef.fr (Drupal) prints <body class="page"> on its articles; only WordPress means 'static page'.
    assert router.is_article_page(_real("medef.fr.dispute.html"))


@pytest.mark.parametrize("name", ["austria.info.html", "unexpecteduser.2011.html", "chip.de.tests.html"])
def test_real_home_archive_and_overview_pages_are_not_articles(name: str) -> None:
    assert not router.is_article_page(_real(name))


def test_main_text_keeps_paragraphs_apart_and_leaves_the_tree_alone() -> None:
    response = _real("sauvonsluniversite.com.spip.html")
    before = lxml.html.tostring(response.tree)
    text = readable_body.main_text(response.tree, response.url)
    assert lxml.html.tostring(response.tree) == before
    assert "\n\n" in text and "L’AG Éducation Île-de-France inter-degrés" in text
    assert "La semaine de SLU" not in text


def test_main_text_of_an_empty_page_is_empty() -> None:
    response = _page("")
    assert readable_body.main_text(response.tree, response.url) == ""


def test_publication_day_leaves_the_tree_alone() -> None:
    response = _real("loldf.org.html")
    before = lxml.html.tostring(response.tree)
    assert page_date.publication_day(response.tree, response.url) == GOLD["loldf.org.html"]["published"]
    assert lxml.html.tostring(response.tree) == before


def test_publication_day_is_none_without_any_date() -> None:
    response = _page(f"<div>{PARAGRAPH}</div>", url="https://news.example/story")
    assert page_date.publication_day(response.tree, response.url) is None


def test_a_printed_timestamp_of_the_same_day_is_kept_for_its_time() -> None:
    head = '<meta property="article:published_time" content="2019-06-27T10:21:40+02:00">'
    page = GenericArticlePage(_page(f"<div>{PARAGRAPH}</div>", head=head,
                                    url="https://news.example/2019/06/27/story"))
    assert page.published_raw == "2019-06-27T10:21:40+02:00"


def test_htmldate_overrides_a_printed_date_of_another_day() -> None:
    # befifty.de's JSON-LD says 2019-06-17 (an edit); the URL and htmldate say 2017-07-12.
    page = GenericArticlePage(_real("befifty.montauk.html"))
    assert page.published_raw == "2017-07-12"


def test_a_profile_naming_the_body_keeps_its_container() -> None:
    profile = SiteProfile(name="x", base_url="https://news.example/", platform="generic",
                          selectors=Selectors(body="//div[@id='story']"))
    body = f"<div id='story'><p>Only this.</p></div><div>{PARAGRAPH}</div>"
    assert GenericArticlePage(_page(body), profile).text == "Only this."


def test_wordpress_pages_keep_their_own_readers() -> None:
    # WordPress themes mark the post up; trafilatura and htmldate are for pages that do not.
    path = CORPUS.parent / "real-wordpress" / "jovelstefan.de.gefallt.html"
    response = HttpResponse(url="http://www.jovelstefan.de/2011/09/11/gefallt-mir/", status=200,
                            headers=(("Content-Type", "text/html"),), body=path.read_bytes())
    page = WordPressArticlePage(response)
    assert page.article_body is not None
    assert page.text == element_text(page.article_body)
    assert page.published_raw == page._printed_published


def test_no_day_after_the_page_was_served_so_replay_agrees_with_the_crawl() -> None:
    head = '<meta property="article:published_time" content="2020-05-01">'
    html = f"<html><head>{head}</head><body><div>{PARAGRAPH}</div></body></html>".encode()

    def served(date: str) -> HttpResponse:
        return HttpResponse(url="https://news.example/story", status=200, body=html,
                            headers=(("Content-Type", "text/html"), ("Date", date)))

    before = served("Tue, 01 Jan 2019 10:00:00 GMT")
    after = served("Fri, 01 Jan 2021 10:00:00 GMT")
    assert page_date.publication_day(before.tree, before.url, before.header("Date")) is None
    assert page_date.publication_day(after.tree, after.url, after.header("Date")) == "2020-05-01"
