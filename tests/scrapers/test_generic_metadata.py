"""The generic page object's title and byline rules, one rule per test on small HTML written here
(the real-page scores are in test_generic_corpus.py)."""

from __future__ import annotations

from scrapers import metadata
from scrapers.generic import GenericArticlePage
from scrapers.http import HttpResponse

TEXT = "<p>" + "Running text of the article, one sentence after another. " * 6 + "</p>"


SITE = "https://www.news-site.example/2020/story"


def _page(body: str, head: str = "", url: str = SITE) -> GenericArticlePage:
    html = f"<html><head><title>T</title>{head}</head><body>{body}</body></html>"
    return GenericArticlePage(HttpResponse(url=url, status=200, body=html.encode(),
                                           headers=(("Content-Type", "text/html"),)))


def test_an_organization_in_json_ld_is_not_an_author() -> None:
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "author": '
          '[{"@type": "Organization", "name": "Example News"}, {"@type": "Person", "name": "Ann Lee"}]}'
          "</script>")
    assert _page(TEXT, head=ld).byline_raw == "Ann Lee"


def test_an_author_meta_naming_the_site_is_not_an_author() -> None:
    head = '<meta name="author" content="News-Site.example GmbH, Berlin">'
    assert _page(TEXT, head=head).byline_raw is None


def test_a_personal_name_is_kept_on_a_site_named_after_it() -> None:
    head = '<meta name="author" content="Ann Lee">'
    assert _page(TEXT, head=head, url="https://annlee.example/post").byline_raw == "Ann Lee"


def test_metadata_tells_site_names_from_people() -> None:
    assert metadata.names_site("SPIEGEL ONLINE, Hamburg, Germany", "www.spiegel.de")
    assert metadata.names_site("Deutsche Welle (www.dw.com)", "www.dw.com")
    assert not metadata.names_site("Jon Porter", "www.theverge.com")


def test_teasers_further_down_do_not_add_their_authors() -> None:
    byline = "<div class='meta'><span class='by'><a rel='author' href='/u/a'>Ann Lee</a></span></div>"
    teasers = "".join(f"<li><h3>Other story</h3><span class='x'><a rel='author' href='/u/{n}'>{n}</a>"
                      "</span></li>" for n in ("Bo Chen", "Cy Diaz"))
    page = _page(f"<main><h1>Story</h1>{byline}<div class='entry-content'>{TEXT}</div>"
                 f"<ul>{teasers}</ul></main>")
    assert page.byline_raw == "Ann Lee"


def test_co_authors_of_one_byline_are_all_kept() -> None:
    byline = ("<div class='meta'><span class='by'><a rel='author' href='/u/a'>Ann Lee</a> and "
              "<a rel='author' href='/u/b'>Bo Chen</a></span></div>")
    page = _page(f"<main><h1>Story</h1>{byline}<div class='entry-content'>{TEXT}</div></main>")
    assert page.byline_raw == "Ann Lee and Bo Chen"


def test_footer_credits_and_teaser_sentences_are_not_bylines() -> None:
    footer = "<p class='meta'>© 2012 - made by Jens Muster and a lot of tea</p>"
    teaser = "<p class='meta'>Sie ist fast so unscheinbar wie die AGB von Amazon, der Firma</p>"
    assert _page(f"<h1>Story</h1>{footer}{teaser}<div>{TEXT}</div>").byline_raw is None


def test_a_dated_by_line_is_a_byline() -> None:
    line = "<p class='meta'>19.03.2019 11:45 | von Inga Muster</p>"
    assert _page(f"<h1>Story</h1>{line}<div>{TEXT}</div>").byline_raw == "19.03.2019 11:45 | von Inga Muster"


def test_the_lone_h1_beats_an_seo_og_title() -> None:
    head = '<meta property="og:title" content="Story: the SEO variant">'
    assert _page(f"<h1>The story</h1><div>{TEXT}</div>", head=head).title == "The story"


def test_a_logo_or_home_link_h1_is_not_the_title() -> None:
    head = '<meta property="og:title" content="The story">'
    logo = "<h1><img src='/logo.png' alt='Site'> Site</h1>"
    home = "<h1><a href='https://www.news-site.example/'>Site</a></h1>"
    assert _page(f"{logo}<div>{TEXT}</div>", head=head).title == "The story"
    assert _page(f"{home}<div>{TEXT}</div>", head=head).title == "The story"
