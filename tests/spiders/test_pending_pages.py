"""A page is reported done only once every one of its records went through the pipelines."""

from __future__ import annotations

from scrapy.exceptions import DropItem

from pipelines.scrapy_pipeline import AlreadyInRun
from scrapers.items import Article, ArticlePage, Comment
from spiders.pending_pages import PendingPages


def _page(n_comments: int) -> ArticlePage:
    article = Article(url="http://127.0.0.1/a.php")
    # Equal records (same fields) are still distinct records: identity, not equality, counts.
    return ArticlePage(article, comments=[Comment(id="1") for _ in range(n_comments)])


def test_a_page_is_done_after_its_last_record_in_any_order() -> None:
    done: list[ArticlePage] = []
    pending = PendingPages(done.append)
    page = _page(2)
    records = [page.article, *page.comments]
    pending.add(page, records)
    for record in reversed(records[1:]):
        pending.item_scraped(record)
        assert done == []
    pending.item_scraped(records[0])
    assert done == [page] and len(pending) == 0
    pending.item_scraped(records[0])  # a record seen again (another page's) changes nothing
    assert done == [page]


def test_a_page_with_a_dropped_record_is_never_done() -> None:
    done: list[ArticlePage] = []
    pending = PendingPages(done.append)
    page = _page(2)
    pending.add(page, [page.article, *page.comments])
    pending.item_scraped(page.article)
    pending.item_failed(page.comments[0])
    pending.item_scraped(page.comments[1])
    assert done == [] and len(pending) == 0


def test_a_record_this_run_already_wrote_counts_as_written_a_full_disk_does_not() -> None:
    done: list[ArticlePage] = []
    pending = PendingPages(done.append)
    shown_again, not_written = _page(1), _page(1)
    for page in (shown_again, not_written):
        pending.add(page, [page.article, *page.comments])
        pending.item_scraped(page.comments[0])
    pending.item_dropped(shown_again.article, exception=AlreadyInRun("already in this run"))
    pending.item_dropped(not_written.article, exception=DropItem("not written: the disk is full"))
    assert done == [shown_again]
