"""The re-check schedule and which comment pages a re-checked article gets (real SQLite state)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from archive.state import StateDB
from pipelines.ledger import StateLedger
from scrapers.comment_feed import CommentLink
from scrapers.items import Article, ArticlePage, PageLinks
from scrapers.profile import Recheck
from spiders.crawl_state import ArticleState, Schedule
from spiders.incremental import IncrementalPolicy, is_due

NOW = datetime(2026, 6, 1, tzinfo=UTC)
URL = "http://127.0.0.1/archives/2014/01/old.php"


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _thread(active_days_ago: float, checked_days_ago: float, closed: bool = False) -> ArticleState:
    return ArticleState(URL, newest_comment=_iso(NOW - timedelta(days=active_days_ago)),
                        comments_closed=closed, last_checked=_iso(NOW - timedelta(days=checked_days_ago)))


def test_busy_threads_are_rechecked_within_hours_quiet_ones_rarely_closed_ones_never() -> None:
    recheck = Recheck()
    assert is_due(_thread(active_days_ago=1, checked_days_ago=0.5), NOW, recheck)
    assert not is_due(_thread(active_days_ago=1, checked_days_ago=0.1), NOW, recheck)
    assert not is_due(_thread(active_days_ago=3000, checked_days_ago=60), NOW, recheck)
    assert is_due(_thread(active_days_ago=3000, checked_days_ago=91), NOW, recheck)
    assert not is_due(_thread(active_days_ago=1, checked_days_ago=400, closed=True), NOW, recheck)


def _page(comment_count: int, pages: int, this_page: int) -> ArticlePage:
    links = {n: f"{URL}/comment-page-{n}" for n in range(1, pages + 1) if n != this_page}
    return ArticlePage(Article(url=URL, comment_count=comment_count),
                       links=PageLinks(comment_pages=links, this_page=this_page))


def _policy(tmp_path: Path, known: ArticleState | None) -> IncrementalPolicy:
    state = StateDB(tmp_path / "state.sqlite")
    schedule = Schedule(state)
    if known:
        schedule.save_article(known)
    return IncrementalPolicy(schedule, StateLedger(state), Recheck(), "run-2", "UTC")


def test_a_new_article_gets_every_comment_page(tmp_path: Path) -> None:
    policy = _policy(tmp_path, None)
    assert policy.pages_to_fetch(_page(90, 5, 5), refetch=True) == {1, 2, 3, 4}


def test_a_known_thread_gets_only_the_pages_that_can_have_changed(tmp_path: Path) -> None:
    known = ArticleState(URL, comment_count=90, comment_pages=[1, 2, 3, 4, 5],
                         comment_pages_linked=[1, 2, 3, 4, 5], last_checked="x", last_changed="x")
    policy = _policy(tmp_path, known)
    # Unchanged count, no signal: the permalink alone.
    assert policy.pages_to_fetch(_page(90, 5, 5), refetch=True) == set()
    # One more comment and the permalink shows page 1 (oldest first): the last page.
    assert policy.pages_to_fetch(_page(91, 5, 1), refetch=True) == {5}
    # The thread grew a page: the new page.
    assert policy.pages_to_fetch(_page(101, 6, 1), refetch=True) == {6}
    # The comments feed named a reply on page 2.
    found, reached_known = policy.new_comments([CommentLink("999", URL, 2)])
    assert found == {URL: {2}} and not reached_known
    assert policy.pages_to_fetch(_page(91, 5, 5), refetch=True) == {2}


def test_a_sitemap_lastmod_after_the_last_check_marks_a_known_article_changed(tmp_path: Path) -> None:
    known = ArticleState(URL, last_checked="2026-05-01T00:00:00Z", last_changed="x")
    policy = _policy(tmp_path, known)
    assert policy.modified_since_check(URL, "2026-05-02T10:00:00+00:00")
    assert not policy.modified_since_check(URL, "2026-04-30T10:00:00+00:00")
    assert not policy.modified_since_check(URL, None)
    assert not policy.modified_since_check(URL + "x", "2026-05-02")


def test_a_thread_a_stopped_run_left_short_gets_its_missing_pages_through_the_pages_between(
    tmp_path: Path,
) -> None:
    # Run 1 fetched pages 1 and 2 (page 2 linked 3) and stopped before page 3.
    known = ArticleState(URL, comment_count=50, comment_pages=[1, 2],
                         comment_pages_linked=[1, 2, 3], last_checked="x", last_changed="x")
    policy = _policy(tmp_path, known)
    assert policy.unfinished() == {URL: {3}}
    # A theme that links every page: page 3 straight from the permalink.
    assert policy.pages_to_fetch(_page(50, 3, 1), refetch=True) == {3}
    # A theme that links only the next page: page 2 again, on the way to page 3 ...
    permalink = ArticlePage(Article(url=URL, comment_count=50),
                            links=PageLinks(comment_pages={2: f"{URL}/comment-page-2"}, this_page=1))
    assert policy.pages_to_fetch(permalink, refetch=True) == {2}
    # ... and from page 2 (linking 1 and 3), page 3 only.
    assert policy.pages_to_fetch(_page(50, 3, 2), refetch=True) == {3}


def test_pages_past_the_last_one_are_not_missing_once_a_thread_shrank(tmp_path: Path) -> None:
    # Page 3 was linked, then comments were deleted: the thread has two pages now.
    known = ArticleState(URL, comment_count=50, comment_pages=[1, 2],
                         comment_pages_linked=[1, 2, 3], last_checked="x", last_changed="x")
    policy = _policy(tmp_path, known)
    policy.seen(_page(35, 3, 1))  # page 1 is not the last page: page 3 is still missing
    assert policy.unfinished() == {URL: {3}}
    policy.seen(_page(30, 2, 2))  # page 2 says it is page 2 and links nothing beyond
    assert policy.unfinished() == {}
    assert Schedule(StateDB(tmp_path / "state.sqlite")).article(URL).comment_pages_linked == [1, 2]


def test_articles_first_seen_in_a_run_are_kept_in_the_state_file_not_in_memory(tmp_path: Path) -> None:
    # Issue 15: a dict entry per article seen grew a 50,000-article crawl by ~20 MB.
    policy = _policy(tmp_path, None)
    for n in range(1, 4):
        url = f"http://127.0.0.1/archives/{n}.php"
        policy.seen(ArticlePage(Article(url=url, comment_count=n),
                                links=PageLinks(comment_pages={2: f"{url}/comment-page-2"}, this_page=1)))
    policy.seen(ArticlePage(Article(url="http://127.0.0.1/archives/1.php", comment_count=1),
                            links=PageLinks(comment_pages={1: "p1"}, this_page=2)))
    assert policy.known == {}
    first = policy.state("http://127.0.0.1/archives/1.php")
    assert first is not None and first.comment_pages == [1, 2] and first.comment_count == 1
    assert policy.is_known("http://127.0.0.1/archives/3.php")
    assert not policy.is_known("http://127.0.0.1/archives/4.php")
    assert policy.unfinished() == {f"http://127.0.0.1/archives/{n}.php": {2} for n in (2, 3)}
    reopened = _policy(tmp_path, None)  # the next run starts from what this one saved
    assert set(reopened.known) == {f"http://127.0.0.1/archives/{n}.php" for n in range(1, 4)}
