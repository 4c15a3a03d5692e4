"""The shape of a WordPress comment thread, read from pages the real WordPress fixture printed.

Which page a newest-first permalink shows and trailing slashes on page links are proven in
`test_wordpress_default_themes.py`; the spider's use of them in `tests/spiders/test_comment_pages.py`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml.html import HtmlElement, document_fromstring

from scrapers.comment_pages import (
    comment_page_urls,
    known_comment_page,
    stated_comment_count,
    without_comment_page,
)

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "wordpress-fixture"
SAHEL = "http://127.0.0.1:8089/archives/2021/12/analysis-jnims-drone-program-in-the-sahel.php"
RAQQA = "http://127.0.0.1:8089/2019/12/u-s-airstrike-targets-the-islamic-state-commander-near-raqqa/"


def _tree(name: str) -> HtmlElement:
    return document_fromstring((FIXTURE / name).read_text("utf-8"))


@pytest.mark.parametrize(("name", "count"), [
    ("markup.twentyten.html", 166),  # "166 Responses"
    ("markup.twentytwentythree-fr.html", 166),  # "166 responses to “…”" in an h3
    ("twentytwentyone.raqqa.common-oldest.html", 25),  # the number on a line of its own
])
def test_the_count_the_page_states(name: str, count: int) -> None:
    assert stated_comment_count(_tree(name)) == count


def test_no_heading_no_count() -> None:
    assert stated_comment_count(document_fromstring("<h2 class='comments-title'>Leave a reply</h2>")) is None


def test_the_other_comment_pages_of_a_paged_thread() -> None:
    tree = _tree("markup.twentyten.html")
    # Comment page 1 of 2 (README): the link to it is this page under its own URL, left out.
    assert comment_page_urls(tree, f"{SAHEL}/comment-page-1") == {2: f"{SAHEL}/comment-page-2"}
    assert comment_page_urls(tree, SAHEL, current=1) == {2: f"{SAHEL}/comment-page-2"}  # no fragment
    assert comment_page_urls(tree, f"{SAHEL}/comment-page-2", current=2) == {1: f"{SAHEL}/comment-page-1"}
    assert comment_page_urls(_tree("twentytwentyone.raqqa.common-oldest.html"), RAQQA + "?utm_source=x") == {
        2: f"{RAQQA}comment-page-2/"}


def test_links_to_another_articles_comment_pages_are_not_this_threads() -> None:
    tree = document_fromstring(f"<a href='{SAHEL}/comment-page-3#comments'>x</a>"
                               "<a href='http://127.0.0.1:8089/other.php/comment-page-2'>y</a>"
                               "<a href='http://[oops/comment-page-4'>z</a>")
    assert comment_page_urls(tree, SAHEL) == {3: f"{SAHEL}/comment-page-3"}


def test_the_page_number_from_the_url_the_permalinks_or_the_navigation() -> None:
    tree = _tree("markup.twentyten.html")
    assert known_comment_page(f"{SAHEL}/comment-page-4#comments", tree, set()) == 4
    assert known_comment_page("http://127.0.0.1:8089/?p=50&cpage=3", tree, set()) == 3
    older = document_fromstring(f"<div class='nav-previous'><a href='{SAHEL}/comment-page-6'>Older</a></div>")
    assert known_comment_page(SAHEL, older, set()) == 7
    numbered = document_fromstring("<nav class='comments-pagination'>"
                                   "<span aria-current='page' class='current'>Page 5</span></nav>")
    assert known_comment_page(SAHEL, numbered, set()) == 5
    assert known_comment_page(SAHEL, document_fromstring("<p>x</p>"), set()) is None


def test_a_comment_page_url_leads_back_to_its_article() -> None:
    assert without_comment_page(f"{SAHEL}/comment-page-2#comment-123") == SAHEL
    assert without_comment_page(f"{RAQQA}comment-page-2/?x=1") == f"{RAQQA}?x=1"
