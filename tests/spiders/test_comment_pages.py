"""SiteSpider follows each comment page of an article once, by number: with newest comments
first the permalink shows the last page, which other pages link to as `comment-page-N` again."""

from __future__ import annotations

from scrapers.items import Article, ArticlePage, PageLinks
from scrapers.profile import SiteProfile
from spiders.loader import spider_class
from spiders.site_spider import SiteSpider

POST = "http://127.0.0.1:8089/archives/2019/12/raqqa.php"


def _page(this_page: int | None, others: dict[int, str]) -> ArticlePage:
    return ArticlePage(article=Article(url=POST, site="wp"),
                       links=PageLinks(comment_pages=others, this_page=this_page))


def _spider() -> SiteSpider:
    return spider_class(SiteProfile(name="wp", base_url="http://127.0.0.1:8089/"))()


def test_the_page_the_permalink_shows_is_not_fetched_again_as_comment_page_n() -> None:
    spider = _spider()
    # The permalink shows page 3 of 3 and links to the older pages.
    first = list(spider._comment_page_requests(_page(3, {1: f"{POST}/comment-page-1",
                                                         2: f"{POST}/comment-page-2"})))
    assert [r.url for r in first] == [f"{POST}/comment-page-1", f"{POST}/comment-page-2"]
    # Page 2 links to page 1 (requested already) and to page 3 (the permalink, fetched already).
    second = list(spider._comment_page_requests(_page(2, {1: f"{POST}/comment-page-1",
                                                          3: f"{POST}/comment-page-3"})))
    assert second == []


def test_a_page_that_does_not_say_its_number_blocks_nothing() -> None:
    spider = _spider()
    assert list(spider._comment_page_requests(_page(None, {1: f"{POST}/comment-page-1"})))
    assert not list(spider._comment_page_requests(_page(None, {1: f"{POST}/comment-page-1"})))
