"""The WordPress page object on WordPress 6.1's default themes, as the real WordPress fixture
(tests/sites/wordpress/) prints them: trimmed copies of its pages in tests/data/wordpress-fixture/
(see the README there). Expected values are the fixture's ground truth (ground_truth.php), not
extractor output. The full crawl of the live fixture is
tests/sites/wordpress/test_crawl_real_wordpress.py; these run without it.
"""

from __future__ import annotations

from pathlib import Path

from pipelines import normalize
from scrapers.comment_pages import without_comment_page
from scrapers.http import HttpResponse
from scrapers.router import is_article_page
from scrapers.wordpress import WordPressArticlePage

PAGES = Path(__file__).resolve().parent.parent / "data" / "wordpress-fixture"
BASE = "http://127.0.0.1:8089"
RAQQA = f"{BASE}/archives/2019/12/u-s-airstrike-targets-the-islamic-state-commander-near-raqqa.php"
RAQQA_COMMON = f"{BASE}/2019/12/u-s-airstrike-targets-the-islamic-state-commander-near-raqqa/"


def _response(name: str, url: str) -> HttpResponse:
    return HttpResponse(url=url, status=200, headers=(("Content-Type", "text/html"),),
                        body=(PAGES / name).read_bytes())


def _page(name: str, url: str) -> WordPressArticlePage:
    return WordPressArticlePage(_response(name, url))


def test_block_theme_post_fields_come_from_core_blocks_not_from_a_comment() -> None:
    # Twenty Twenty-Two prints each comment as an <article>; the post has none. Its post-terms
    # blocks mark categories rel="tag" too.
    article = _page("twentytwentytwo.raqqa.newest.html", RAQQA).article()
    assert article.title == "U.S. airstrike targets the Islamic State commander near Raqqa"
    assert normalize.byline(article.byline_raw or "") == ["Bill Roggio"]
    assert article.categories_raw == ["Iraq", "Syria"]
    # Block themes texturize the whole template: the page prints d’Ivoire (stored: d'Ivoire).
    assert article.tags_raw == ["Côte d’Ivoire", "Islamic State", "prison breaks", "The “caliphate”",
                                "U.S. Central Command"]
    published = normalize.date(article.published_raw or "", tz="America/New_York")
    assert published == "2019-12-13T15:26:00Z"


def test_newest_first_permalink_knows_its_page_from_its_comments_permalinks() -> None:
    # Newest comments first: the permalink shows page 2 of 2; its "Older Comments" link has no
    # class or rel, but comment 123 links to its own permalink on comment-page-2.
    item = _page("twentytwentytwo.raqqa.newest.html", RAQQA).to_item()
    assert item.comment_page == 2 and item.links.this_page == 2
    assert item.links.comment_pages == {1: f"{RAQQA}/comment-page-1"}
    assert [(c.id, c.comment_page) for c in item.comments] == [("123", 2)]


def test_classic_theme_byline_from_the_author_box_heading() -> None:
    # Twenty Twenty-One prints "By Name" in the author box, and no byline, when the author has a bio.
    article = _page("twentytwentyone.mopti.bio.html", f"{BASE}/archives/2024/11/x.php").article()
    assert normalize.byline(article.byline_raw or "") == ["Bill Roggio"]
    assert "editor of The Long View Journal" not in article.text
    assert article.categories_raw == ["Mali & the Sahel"]
    assert article.tags_raw == ["Al Qaeda & affiliates", "JNIM", "mIxEd-CaSe tag", "Sahel",
                                "suicide bombings"]


def test_password_protected_post_is_not_an_article() -> None:
    url = f"{BASE}/archives/2019/06/members-briefing-sahel-threat-assessment.php"
    assert not is_article_page(_response("twentytwentythree.protected.html", url))


def test_current_page_number_printed_with_a_label() -> None:
    # Oldest comments first: the permalink is page 1 and links to no comment-page-1 URL of itself;
    # paginate_links prints the current page as "Page 1".
    item = _page("twentytwentyone.raqqa.common-oldest.html", RAQQA_COMMON).to_item()
    assert item.links.this_page == 1
    assert item.links.comment_pages == {2: f"{RAQQA_COMMON}comment-page-2/"}


def test_comment_page_urls_keep_the_permalinks_trailing_slash() -> None:
    assert without_comment_page(f"{RAQQA_COMMON}comment-page-2/#comments") == RAQQA_COMMON
    assert without_comment_page(f"{RAQQA}/comment-page-2#comments") == RAQQA
