"""Which page object reads a response: the profile's platform first, else WordPress by its marks.

Article-or-not decisions are proven on real pages in `test_generic_readers.py`,
`test_generic_corpus.py` and `test_wordpress_default_themes.py`; this is the choice of reader.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scrapers.generic import GenericArticlePage
from scrapers.http import HttpResponse
from scrapers.profile import SiteProfile
from scrapers.router import is_html, is_wordpress, page_object_for
from scrapers.wordpress import WordPressArticlePage

DATA = Path(__file__).resolve().parents[1] / "data"
HTML = (("Content-Type", "text/html; charset=UTF-8"),)


def _response(body: bytes, headers: tuple[tuple[str, str], ...] = HTML) -> HttpResponse:
    return HttpResponse("http://127.0.0.1:9/2024/05/post/", 200, headers, body)


def test_a_real_wordpress_page_gets_the_wordpress_reader_and_a_real_drupal_page_the_generic() -> None:
    wordpress = _response((DATA / "real-wordpress" / "spreeblick.com.habeck.html").read_bytes())
    drupal = _response((DATA / "comment-platforms" / "drupal8.gai.co.in.caching.html").read_bytes())
    assert is_wordpress(wordpress) and page_object_for(wordpress, None) is WordPressArticlePage
    assert not is_wordpress(drupal) and page_object_for(drupal, None) is GenericArticlePage


def test_the_profiles_platform_wins_over_detection() -> None:
    wordpress = _response((DATA / "real-wordpress" / "spreeblick.com.habeck.html").read_bytes())
    generic = SiteProfile(name="s", base_url="http://127.0.0.1:9/", platform="generic")
    assert page_object_for(wordpress, generic) is GenericArticlePage
    plain = _response(b"<html><body><p>No WordPress marks here.</p></body></html>")
    wordpress_site = SiteProfile(name="s", base_url="http://127.0.0.1:9/", platform="wordpress")
    assert page_object_for(plain, wordpress_site) is WordPressArticlePage


def test_the_rest_api_link_header_says_wordpress_even_without_marks_in_the_body() -> None:
    link = (*HTML, ("Link", '<http://127.0.0.1:9/wp-json/>; rel="https://api.w.org/"'))
    assert is_wordpress(_response(b"<html><body>x</body></html>", link))


def test_marks_in_a_non_html_body_do_not_make_it_wordpress() -> None:
    css = _response(b"url(/wp-content/themes/x.png)", (("Content-Type", "text/css"),))
    assert not is_html(css) and not is_wordpress(css)


@pytest.mark.parametrize(("content_type", "body", "html"), [
    ("application/xhtml+xml", b"<html/>", True),
    ("", b"  <!DOCTYPE html><html>", True),  # no Content-Type: the first bytes say
    ("", b"%PDF-1.7", False),
    ("application/json", b"<html>", False),
])
def test_html_by_type_or_by_its_first_bytes(content_type: str, body: bytes, html: bool) -> None:
    headers = (("Content-Type", content_type),) if content_type else ()
    assert is_html(_response(body, headers)) is html
